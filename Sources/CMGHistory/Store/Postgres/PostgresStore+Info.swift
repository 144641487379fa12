/// `db info` on PostgreSQL: what SQLiteStore+Info.swift gives for a file, for one tenant's schema.
extension PostgresStore {
    /// Reads ``DatabaseInfo`` from one REPEATABLE READ snapshot of the schema.
    ///
    /// ``DatabaseInfo/fileBytes`` is the schema's total relation size: every table's and
    /// partition's heap, indexes and TOAST, as `pg_total_relation_size` counts them (the
    /// server's write-ahead log is shared by every schema and not counted).
    func info() throws -> DatabaseInfo {
        try pool.withConnection { connection in
            try PostgresSnapshot.read(connection) { _ in
                let version = try PostgresMigrator.appliedIdentifiers(connection, location.schema).map(SchemaMigrations.version(of:)).max() ?? 0
                let size = try connection.query("""
                    SELECT coalesce(sum(pg_total_relation_size(oid)), 0)::bigint FROM pg_class
                    WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'm')
                    """, binaryResults: true).int64(row: 0, column: 0)
                var tables: [DatabaseInfo.TableRows] = []
                for table in try Self.listedTables(connection) {
                    let rows = try connection.query("SELECT count(*) FROM \"\(table)\"", binaryResults: true).int64(row: 0, column: 0)
                    tables.append(DatabaseInfo.TableRows(table: table, rows: rows))
                }
                return DatabaseInfo(path: path, schemaVersion: version, binarySchemaVersion: Self.binarySchemaVersion,
                                    fileBytes: size, tables: tables, gateways: try Self.coverage(connection))
            }
        }
    }

    /// The newest PostgreSQL migration this binary carries.
    static var binarySchemaVersion: Int {
        embeddedPostgresMigrations.map { SchemaMigrations.version(of: $0.identifier) }.max() ?? 0
    }

    /// The schema's tables as SQLite's `db info` orders them: the history tables first, then the
    /// others by name. A month partition is its parent's (counted there), and the migrations
    /// table is the migrator's, not the history's.
    private static func listedTables(_ connection: PGConnection) throws -> [String] {
        let result = try connection.query("""
            SELECT relname::text FROM pg_class
            WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition
              AND relname <> $1
            ORDER BY relname COLLATE "C"
            """, [.text(PostgresMigrator.migrationsTable)])
        let all = try (0..<result.rowCount).map { try result.string(row: $0, column: 0) }
        let present = Set(all)
        return SQLiteStore.historyTables.filter(present.contains) + all.filter { !SQLiteStore.historyTables.contains($0) }
    }

    /// Per gateway, by name, the span of each kind of data (SQLite's queries, which PostgreSQL runs as they are).
    private static func coverage(_ connection: PGConnection) throws -> [DatabaseInfo.GatewayCoverage] {
        var coverage: [Int64: [DatabaseInfo.DataCoverage]] = [:]
        for (kind, sql) in SQLiteStore.coverageQueries {
            let rows = try connection.query(sql, binaryResults: true)
            for row in 0..<rows.rowCount {
                try coverage[rows.int64(row: row, column: 0), default: []].append(DatabaseInfo.DataCoverage(
                    kind: kind, rows: rows.int64(row: row, column: 1), first: CivilDate.rfc3339(rows.int64(row: row, column: 2)),
                    last: CivilDate.rfc3339(rows.int64(row: row, column: 3))))
            }
        }
        // Lower-cased byte order, as SQLite's NOCASE column orders names (gateway names are ASCII).
        let gateways = try connection.query(
            "SELECT id, name, azure_service_id FROM gateway ORDER BY \(PostgresSnapshot.nocase("name"))", binaryResults: true)
        return try (0..<gateways.rowCount).map { row in
            try DatabaseInfo.GatewayCoverage(gateway: gateways.string(row: row, column: 1),
                                             azureServiceID: gateways.optionalString(row: row, column: 2),
                                             data: coverage[gateways.int64(row: row, column: 0)] ?? [])
        }
    }
}
