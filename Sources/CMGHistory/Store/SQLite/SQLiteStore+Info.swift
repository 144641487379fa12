import Foundation
import GRDB

extension SQLiteStore {
    /// The tables users care about, in the order `db info` lists them.
    static let historyTables = [
        "gateway", "gateway_config", "alert_config", "status_snapshot", "state_span", "connection_point",
        "connection_point_status", "endpoint", "online_clients_sample", "endpoint_traffic_sample",
        "egress_sample", "storage_sample", "operation", "credential",
        "unlinked_operation", "online_clients_by_network", "reported_egress_sample",
        "gateway_traffic_sample", "rollup_hour", "rollup_day",
    ]

    /// Per kind of data: the name shown, and a query of (gateway_id, rows, first, last). Plain SQL
    /// that PostgreSQL runs unchanged, so `db info` lists the same coverage on both backends.
    static let coverageQueries: [(String, String)] = [
        ("configuration", "SELECT gateway_id, count(*), min(at), max(at) FROM gateway_config GROUP BY gateway_id"),
        ("alert_config", "SELECT gateway_id, count(*), min(at), max(at) FROM alert_config GROUP BY gateway_id"),
        ("status", "SELECT gateway_id, count(*), min(at), max(at) FROM status_snapshot GROUP BY gateway_id"),
        ("connection_point", """
            SELECT c.gateway_id, count(*), min(s.at), max(s.at) FROM connection_point_status s
            JOIN connection_point c ON c.id = s.connection_point_id GROUP BY c.gateway_id
            """),
        ("online_clients", "SELECT gateway_id, count(*), min(at), max(at) FROM online_clients_sample GROUP BY gateway_id"),
        ("endpoint_traffic", """
            SELECT e.gateway_id, count(*), min(s.at), max(s.at) FROM endpoint_traffic_sample s
            JOIN endpoint e ON e.id = s.endpoint_id GROUP BY e.gateway_id
            """),
        ("egress", "SELECT gateway_id, count(*), min(at), max(at) FROM egress_sample GROUP BY gateway_id"),
        ("storage", "SELECT gateway_id, count(*), min(at), max(at) FROM storage_sample GROUP BY gateway_id"),
        ("operation", "SELECT gateway_id, count(*), min(requested_at), max(requested_at) FROM operation GROUP BY gateway_id"),
        ("credential", "SELECT gateway_id, count(*), min(expires_at), max(expires_at) FROM credential GROUP BY gateway_id"),
    ]

    /// Every table of the file: the history tables in their order, then the others (logs, and
    /// any a later migration adds) by name. Left out: SQLite's own, the migration journal, and
    /// the shadow tables a full-text index keeps for itself (its own row count says it all).
    static func listedTables(_ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
              AND name <> 'grdb_migrations' ORDER BY name
            """)
        let all = try rows.map { try $0.decode(String.self, atIndex: 0) }
        let virtual = try rows.filter { try ($0.decode(String?.self, atIndex: 1) ?? "").uppercased().hasPrefix("CREATE VIRTUAL TABLE") }
            .map { try $0.decode(String.self, atIndex: 0) }
        let present = Set(all)
        let rest = all.filter { name in !historyTables.contains(name) && !virtual.contains { name.hasPrefix($0 + "_") } }
        return historyTables.filter(present.contains) + rest
    }

    /// Reads ``DatabaseInfo`` from a consistent snapshot.
    func info() throws -> DatabaseInfo {
        let fileBytes = [path, path + "-wal"].reduce(Int64(0)) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0)
        }
        return try read { db in
            let tables = try Self.listedTables(db).map { table in
                DatabaseInfo.TableRows(table: table, rows: try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0)
            }
            var coverage: [Int64: [DatabaseInfo.DataCoverage]] = [:]
            for (kind, sql) in Self.coverageQueries {
                let rows = try Row.fetchAll(db, sql: sql)
                // `decode` throws where `row[i]` traps: a damaged page can hold NULL or a blob in
                // a NOT NULL integer column, and db info is what an admin runs on a file in doubt.
                for row in rows {
                    try coverage[row.decode(Int64.self, atIndex: 0), default: []].append(DatabaseInfo.DataCoverage(
                        kind: kind, rows: row.decode(Int64.self, atIndex: 1), first: CivilDate.rfc3339(row.decode(Int64.self, atIndex: 2)),
                        last: CivilDate.rfc3339(row.decode(Int64.self, atIndex: 3))))
                }
            }
            let gateways = try Row.fetchAll(db, sql: "SELECT id, name, azure_service_id FROM gateway ORDER BY name")
                .map { row in
                    try DatabaseInfo.GatewayCoverage(gateway: row.decode(String.self, atIndex: 1), azureServiceID: row.decode(String?.self, atIndex: 2),
                                                     data: coverage[row.decode(Int64.self, atIndex: 0)] ?? [])
                }
            let version = try SchemaMigrations.makeMigrator().appliedIdentifiers(db)
                .map(SchemaMigrations.version(of:)).max() ?? 0
            return DatabaseInfo(path: path, schemaVersion: version, binarySchemaVersion: SchemaMigrations.latestVersion,
                                fileBytes: fileBytes, tables: tables, gateways: gateways)
        }
    }
}
