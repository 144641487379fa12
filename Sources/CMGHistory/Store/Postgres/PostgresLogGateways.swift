import Foundation

/// The gateway lookups a log file's opening needs on PostgreSQL: ``GatewayNames``' rule (a
/// name, an alias, an `AzureServiceID`, else the first DNS label of exactly one gateway), in
/// plain SQL over a connection.
///
/// Names compare with `lower()` on both sides, the `lower(name)` and `lower(alias)` unique
/// indexes of Migrations/postgres/0001 (SQLite's `COLLATE NOCASE`, which folds ASCII only;
/// gateway names are DNS names).
enum PostgresLogGateways {
    /// The gateway `name` is the name, alias or AzureServiceID of, without the short-name rule.
    static func resolveExactly(_ name: String, _ connection: PGConnection) throws -> Int64? {
        let result = try connection.query("""
            SELECT id FROM gateway WHERE lower(name) = lower($1)
            UNION ALL SELECT gateway_id FROM gateway_alias WHERE lower(alias) = lower($1)
            UNION ALL SELECT id FROM gateway WHERE azure_service_id = $1
            LIMIT 1
            """, [.text(GatewayNames.normalized(name))], binaryResults: true)
        return result.rowCount == 0 ? nil : try result.int64(row: 0, column: 0)
    }

    /// How `name` finds its gateway (see ``GatewayNames/resolve(_:in:)``).
    static func resolve(_ name: String, _ connection: PGConnection) throws -> GatewayNames.Resolution {
        let name = GatewayNames.normalized(name)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return .unknown }
        if let id = try resolveExactly(name, connection) { return .known(id: id) }
        guard GatewayNames.isShortName(name) else { return .unknown }
        // char_length counts characters, as SQLite's length() and substr() do.
        let result = try connection.query("""
            SELECT id, name FROM gateway WHERE lower(substr(name, 1, char_length($1) + 1)) = lower($1) || '.'
            ORDER BY \(PostgresSnapshot.nocase("name")), name COLLATE "C"
            """, [.text(name)], binaryResults: true)
        switch result.rowCount {
        case 0: return .unknown
        case 1: return .shortName(id: try result.int64(row: 0, column: 0))
        default: return .ambiguous([try result.string(row: 0, column: 1), try result.string(row: 1, column: 1)])
        }
    }

    /// The stored name of gateway `id`.
    static func name(of id: Int64, _ connection: PGConnection) throws -> String? {
        let result = try connection.query("SELECT name FROM gateway WHERE id = $1", [.int64(id)], binaryResults: true)
        return result.rowCount == 0 ? nil : try result.string(row: 0, column: 0)
    }

    /// Records `alias` for gateway `id` unless the name is taken (by it or another gateway).
    static func addAlias(_ alias: String, to id: Int64, source: String, _ connection: PGConnection) throws {
        let alias = GatewayNames.normalized(alias)
        guard !alias.isEmpty, alias.utf8.count <= ValueLimits.maximumNameBytes else { return }
        guard try resolveExactly(alias, connection) == nil else { return }
        try connection.query("INSERT INTO gateway_alias (alias, gateway_id, source) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                             [.text(alias), .int64(id), .text(source)])
    }

    /// The gateway a service name from a file name stands for, as
    /// ``SQLiteStore/gatewayName(forService:_:)`` says: the stored gateway it names (a short
    /// name remembered as an alias), else the service name itself.
    static func gatewayName(forService service: String?, _ connection: PGConnection) throws -> String? {
        guard let service, !service.isEmpty else { return nil }
        switch try resolve(service, connection) {
        case .known(let id): return try name(of: id, connection) ?? service
        case .shortName(let id):
            try addAlias(service, to: id, source: "short_name", connection)
            return try name(of: id, connection) ?? service
        case .ambiguous, .unknown: return service
        }
    }

    /// The stored name of the gateway `--gateway` names, created when no gateway answers to it.
    ///
    /// Unlike SQLite, a gateway stored under the new name's short name is not folded into it
    /// here (folding moves every row of a gateway; PostgreSQL's gateway operations are not
    /// written yet): a note says so, and the short-named gateway stays as it is.
    static func assignedGateway(_ name: String, notes: inout [String], _ connection: PGConnection) throws -> String {
        switch try resolve(name, connection) {
        case .known(let id), .shortName(let id):
            return try self.name(of: id, connection) ?? name
        case .ambiguous(let matches):
            throw GatewayError.ambiguous(name, matches: matches)
        case .unknown:
            let stored = GatewayNames.normalized(name)
            try connection.query("INSERT INTO gateway (name) VALUES ($1) ON CONFLICT DO NOTHING", [.text(stored)])
            if let label = GatewayNames.firstLabel(of: stored), let short = try resolveExactly(label, connection),
               let shortName = try self.name(of: short, connection), GatewayNames.isShortName(shortName) {
                notes.append("gateway \(shortName) was not folded into \(stored): PostgreSQL does not fold gateways yet")
            }
            return stored
        }
    }
}
