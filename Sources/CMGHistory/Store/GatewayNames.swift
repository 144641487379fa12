import Foundation
import GRDB

/// How a name a source uses finds its gateway: the rule every importer, report and command shares.
///
/// A name is, in order: a gateway's name, one of its aliases (`gateway_alias`), its
/// `AzureServiceID`. Failing those, a short name (no dot, as log file names write it) stands for
/// the one gateway whose name's first DNS label it is (`GraniteFalls` → `GraniteFalls.contoso.com`);
/// when two gateways share that label the name is ambiguous and stands for neither.
/// Names compare without regard to case, as DNS names do, and a trailing dot (`contoso.com.`) is
/// the same name.
enum GatewayNames {
    enum Resolution: Equatable {
        /// The gateway's name, alias or AzureServiceID.
        case known(id: Int64)
        /// The first DNS label of exactly one gateway's name.
        case shortName(id: Int64)
        /// The first DNS label of several gateways' names (the first two, sorted).
        case ambiguous([String])
        case unknown
    }

    /// `name` as sources may spell the same DNS name: surrounding spaces and a final dot removed,
    /// and a secret-looking value in it redacted. Every name a gateway is stored, aliased or looked
    /// up by passes here, so a secret pasted where a name goes (`gateway rename G password=…`) is
    /// never stored, and the same text typed again still finds the redacted name.
    static func normalized(_ name: String) -> String {
        var text = Substring(name).drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        if text.count > 1, text.last == "." { text = text.dropLast() }
        // Blank is no spelling of a name: left as it came, for the importer to refuse.
        return text.isEmpty ? name : SecretText.redacted(String(text))
    }

    static func resolve(_ name: String, in db: Database) throws -> Resolution {
        let name = normalized(name)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return .unknown }
        if let id = try resolveExactly(name, in: db) { return .known(id: id) }
        guard isShortName(name) else { return .unknown }
        let matches = try sharingFirstLabel(name, in: db)
        switch matches.count {
        case 0: return .unknown
        case 1: return .shortName(id: matches[0].id)
        default: return .ambiguous(matches.prefix(2).map(\.name))
        }
    }

    /// Whether `name` is a single DNS label, as log file names and console short names write one.
    static func isShortName(_ name: String) -> Bool {
        !name.contains(".")
    }

    /// The first DNS label of a full name (`GraniteFalls.contoso.com` → `GraniteFalls`), or nil
    /// for a short name.
    static func firstLabel(of name: String) -> String? {
        guard let dot = name.firstIndex(of: "."), dot > name.startIndex else { return nil }
        return String(name[..<dot])
    }

    /// The gateways whose names start with `label` and a dot, sorted by name.
    static func sharingFirstLabel(_ label: String, in db: Database) throws -> [(id: Int64, name: String)] {
        // length() counts characters, as substr() does; lower() folds ASCII, as NOCASE does.
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, name FROM gateway WHERE lower(substr(name, 1, length(?1) + 1)) = lower(?1) || '.'
            ORDER BY name COLLATE NOCASE, name
            """), arguments: [label]).map { (try $0.value(0), try $0.value(1)) }
    }

    /// The stored name of gateway `id`.
    static func name(of id: Int64, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM gateway WHERE id = ?"), arguments: [id])
    }

    /// Records `alias` for gateway `id` unless the name is taken (by it or another gateway).
    static func addAlias(_ alias: String, to id: Int64, source: String, in db: Database) throws {
        let alias = normalized(alias)
        guard !alias.isEmpty, alias.utf8.count <= ValueLimits.maximumNameBytes else { return }
        guard try resolveExactly(alias, in: db) == nil else { return }
        try db.cachedStatement(sql: "INSERT INTO gateway_alias(alias, gateway_id, source) VALUES (?, ?, ?)")
            .execute(arguments: [alias, id, source])
    }

    /// The gateway `name` is the name, alias or AzureServiceID of, without the short-name rule.
    static func resolveExactly(_ name: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM gateway WHERE name = ?1
            UNION ALL SELECT gateway_id FROM gateway_alias WHERE alias = ?1
            UNION ALL SELECT id FROM gateway WHERE azure_service_id = ?1
            LIMIT 1
            """), arguments: [normalized(name)])
    }
}
