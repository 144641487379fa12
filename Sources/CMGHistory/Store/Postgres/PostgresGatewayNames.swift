import Foundation

/// The one PostgreSQL answer to ``GatewayNames``' rule (a name, an alias, an `AzureServiceID`,
/// else the first DNS label of exactly one gateway), in plain SQL over a connection: the record
/// writer, the log writer and the gateway commands all resolve through here.
///
/// Names compare with `lower()` on both sides, the `lower(name)` and `lower(alias)` unique
/// indexes of Migrations/postgres/0001 (SQLite's `COLLATE NOCASE`, which folds ASCII only;
/// gateway names are DNS names).
enum PostgresGatewayNames {
    // MARK: - Lookups

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

    /// The gateways whose names start with `label` and a dot, sorted as SQLite sorts them
    /// (`COLLATE NOCASE`, which folds A-Z only, then the name: byte order, hence `"C"`).
    static func sharingFirstLabel(_ label: String, _ connection: PGConnection) throws -> [(id: Int64, name: String)] {
        // char_length counts characters, as SQLite's length() and substr() do.
        let result = try connection.query("""
            SELECT id, name FROM gateway WHERE lower(substr(name, 1, char_length($1) + 1)) = lower($1) || '.'
            ORDER BY \(PostgresSnapshot.nocase("name")), name COLLATE "C"
            """, [.text(label)], binaryResults: true)
        return try (0..<result.rowCount).map { (try result.int64(row: $0, column: 0), try result.string(row: $0, column: 1)) }
    }

    /// How `name` finds its gateway (see ``GatewayNames/resolve(_:in:)``).
    static func resolve(_ name: String, _ connection: PGConnection) throws -> GatewayNames.Resolution {
        let name = GatewayNames.normalized(name)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return .unknown }
        if let id = try resolveExactly(name, connection) { return .known(id: id) }
        guard GatewayNames.isShortName(name) else { return .unknown }
        let matches = try sharingFirstLabel(name, connection)
        switch matches.count {
        case 0: return .unknown
        case 1: return .shortName(id: matches[0].id)
        default: return .ambiguous(matches.prefix(2).map(\.name))
        }
    }

    /// The stored name of gateway `id`.
    static func name(of id: Int64, _ connection: PGConnection) throws -> String? {
        let result = try connection.query("SELECT name FROM gateway WHERE id = $1", [.int64(id)], binaryResults: true)
        return result.rowCount == 0 ? nil : try result.string(row: 0, column: 0)
    }

    /// The id of the gateway `name` stands for, as a command names it.
    ///
    /// - throws: ``GatewayError/unknown(_:known:)`` naming the stored gateways, or ``GatewayError/ambiguous(_:matches:)``.
    static func gatewayID(resolving name: String, _ connection: PGConnection) throws -> Int64 {
        switch try resolve(name, connection) {
        case .known(let id), .shortName(let id): return id
        case .ambiguous(let matches): throw GatewayError.ambiguous(name, matches: matches)
        case .unknown: throw GatewayError.unknown(name, known: try names(connection))
        }
    }

    /// The stored gateways' names, sorted as SQLite's `ORDER BY name COLLATE NOCASE` sorts them.
    static func names(_ connection: PGConnection) throws -> [String] {
        let result = try connection.query("SELECT name FROM gateway ORDER BY \(PostgresSnapshot.nocase("name")), name COLLATE \"C\"", binaryResults: true)
        return try (0..<result.rowCount).map { try result.string(row: $0, column: 0) }
    }

    // MARK: - Changes

    /// Records `alias` for gateway `id` unless the name is taken (by it or another gateway).
    static func addAlias(_ alias: String, to id: Int64, source: String, _ connection: PGConnection) throws {
        let alias = GatewayNames.normalized(alias)
        guard !alias.isEmpty, alias.utf8.count <= ValueLimits.maximumNameBytes else { return }
        guard try resolveExactly(alias, connection) == nil else { return }
        try connection.query("INSERT INTO gateway_alias (alias, gateway_id, source) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                             [.text(alias), .int64(id), .text(source)])
    }

    /// A new gateway named `name` (normalized); under the names lock no other writer creates it
    /// meanwhile, and `ON CONFLICT` on the `lower(name)` index keeps even an unlocked writer from
    /// doubling it.
    static func createGateway(_ name: String, _ connection: PGConnection) throws -> Int64 {
        let created = try connection.query(
            "INSERT INTO gateway (name) VALUES ($1) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id",
            [.text(name)], binaryResults: true)
        if created.rowCount == 1 { return try created.int64(row: 0, column: 0) }
        let found = try connection.query("SELECT id FROM gateway WHERE lower(name) = lower($1)", [.text(name)], binaryResults: true)
        return try found.int64(row: 0, column: 0)
    }

    // MARK: - Locks

    /// Takes the schema's names lock until the transaction ends: whoever creates, renames,
    /// aliases, merges or removes a gateway holds it, taken before any gateway lock, so that
    /// the alias and gateway tables (checked against each other by triggers that are not atomic
    /// across writers) change one writer at a time.
    static func lockNames(_ connection: PGConnection) throws {
        try connection.query("SELECT pg_advisory_xact_lock(hashtextextended('cmg-history names ' || current_schema(), 0))")
    }

    /// Takes each gateway's transaction lock, in ascending id order (so two transactions never
    /// wait for each other in a cycle): the lock every import, merge and removal of its rows holds.
    static func lockGateways(_ ids: some Sequence<Int64>, _ connection: PGConnection) throws {
        for id in Set(ids).sorted() {
            try connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended('cmg-history gateway ' || current_schema() || ' ' || $1::text, 0))",
                [.int64(id)])
        }
    }

    // MARK: - Log files

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

    /// The stored name of the gateway `--gateway` names, created when no gateway answers to it;
    /// a gateway stored under the new name's short name folds into it (``PostgresGatewayFolding``),
    /// as SQLite's log file opening does.
    static func assignedGateway(_ name: String, notes: inout [String], _ connection: PGConnection) throws -> String {
        switch try resolve(name, connection) {
        case .known(let id), .shortName(let id):
            return try self.name(of: id, connection) ?? name
        case .ambiguous(let matches):
            throw GatewayError.ambiguous(name, matches: matches)
        case .unknown:
            let stored = GatewayNames.normalized(name)
            try lockNames(connection)
            let id = try createGateway(stored, connection)
            if let fold = try PostgresGatewayFolding.foldShortName(into: id, connection) { notes.append(fold.text) }
            return stored
        }
    }
}
