import GRDB

/// SQLite's answers to the name rule (``GatewayNames``).
extension GatewayNames {
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
