/// Counting and deleting what a gateway owns on PostgreSQL (`gateway list`, `gateway remove`):
/// SQLite's ``GatewayMerger`` inventory and removal, table by table.
extension PostgresGatewayMerger {
    /// The inventory of every gateway (or of `only`), by gateway id: one grouped pass per table.
    func inventories(only: Int64? = nil) throws -> [Int64: GatewayMerger.Inventory] {
        var result: [Int64: GatewayMerger.Inventory] = [:]
        // An id, never input text: interpolated as a number.
        func filter(_ column: String) -> String { only.map { "WHERE \(column) = \($0)" } ?? "" }
        func grouped(_ kind: String, _ sql: String, instants: Bool) throws {
            let rows = try connection.query(sql, binaryResults: true)
            for row in 0..<rows.rowCount {
                let id = try rows.int64(row: row, column: 0)
                result[id, default: .init()].add(kind, Int(clamping: try rows.int64(row: row, column: 1)))
                if instants {
                    result[id, default: .init()].saw(try rows.optionalInt64(row: row, column: 2), try rows.optionalInt64(row: row, column: 3))
                }
            }
        }
        for table in GatewayMerger.ownedTables {
            let instant = table.instant ?? "NULL::bigint"
            try grouped(table.kind, """
                SELECT gateway_id, count(*), min(\(instant)), max(\(instant)) FROM \(table.table) \(filter("gateway_id")) GROUP BY gateway_id
                """, instants: true)
        }
        try grouped("traffic_totals", """
            SELECT gateway_id, count(*), min(at), max(at) FROM gateway_traffic_sample \(filter("gateway_id")) GROUP BY gateway_id
            """, instants: true)
        try grouped("endpoints", "SELECT gateway_id, count(*) FROM endpoint \(filter("gateway_id")) GROUP BY gateway_id", instants: false)
        try grouped("endpoint_traffic_samples", """
            SELECT e.gateway_id, count(*) FROM endpoint_traffic_sample s JOIN endpoint e ON e.id = s.endpoint_id
            \(filter("e.gateway_id")) GROUP BY e.gateway_id
            """, instants: false)
        try grouped("connection_points", "SELECT gateway_id, count(*) FROM connection_point \(filter("gateway_id")) GROUP BY gateway_id",
                    instants: false)
        try grouped("connection_point_statuses", """
            SELECT c.gateway_id, count(*), min(s.at), max(s.at) FROM connection_point_status s
            JOIN connection_point c ON c.id = s.connection_point_id
            \(filter("c.gateway_id")) GROUP BY c.gateway_id
            """, instants: true)
        try grouped("state_spans", "SELECT gateway_id, count(*) FROM state_span \(filter("gateway_id")) GROUP BY gateway_id", instants: false)
        for table in ["rollup_hour", "rollup_day"] {
            try grouped("rollups", "SELECT gateway_id, count(*) FROM \(table) \(filter("gateway_id")) GROUP BY gateway_id", instants: false)
        }
        try grouped(GatewayRecordKind.aliases, "SELECT gateway_id, count(*) FROM gateway_alias \(filter("gateway_id")) GROUP BY gateway_id",
                    instants: false)
        try grouped("merge_conflicts_kept", """
            SELECT into_gateway_id, count(*) FROM gateway_merge_conflict \(filter("into_gateway_id")) GROUP BY into_gateway_id
            """, instants: false)
        for table in try tablesWithGatewayID() where !GatewayMerger.handledTables.contains(table) {
            try grouped(table, "SELECT gateway_id, count(*) FROM \(table) \(filter("gateway_id")) GROUP BY gateway_id", instants: false)
        }
        let files = try connection.query("""
            SELECT gateway_id, count(*) FROM log_file \(only == nil ? "WHERE gateway_id IS NOT NULL" : filter("gateway_id")) GROUP BY gateway_id
            """, binaryResults: true)
        for row in 0..<files.rowCount {
            result[try files.int64(row: row, column: 0), default: .init()].logFiles = Int(clamping: try files.int64(row: row, column: 1))
        }
        return result
    }

    /// Deletes gateway `id` and every row it owns; its log files stay, unlinked.
    func remove(_ id: Int64) throws {
        let gateway: [PGParameter] = [.int64(id)]
        try connection.query("DELETE FROM endpoint_traffic_sample WHERE endpoint_id IN (SELECT id FROM endpoint WHERE gateway_id = $1)", gateway)
        try connection.query("""
            DELETE FROM connection_point_status WHERE connection_point_id IN (SELECT id FROM connection_point WHERE gateway_id = $1)
            """, gateway)
        var tables: [String] = ["endpoint", "connection_point"]
        tables += GatewayMerger.ownedTables.map(\.table)
        tables += GatewayMerger.derivedTables
        tables.append("gateway_alias")
        for table in tables {
            try connection.query("DELETE FROM \(table) WHERE gateway_id = $1", gateway)
        }
        for table in try tablesWithGatewayID() where !GatewayMerger.handledTables.contains(table) {
            try connection.query("DELETE FROM \(table) WHERE gateway_id = $1", gateway)
        }
        try connection.query("DELETE FROM gateway_merge_conflict WHERE into_gateway_id = $1", gateway)
        try connection.query("UPDATE log_file SET gateway_id = NULL WHERE gateway_id = $1", gateway)
        try connection.query("DELETE FROM gateway WHERE id = $1", gateway)
    }
}
