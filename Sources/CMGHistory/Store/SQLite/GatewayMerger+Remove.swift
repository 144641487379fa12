import GRDB

/// Counting and deleting what a gateway owns (`gateway list`, `gateway remove`).
extension GatewayMerger {
    /// A gateway's stored rows by kind, with its first and last observation.
    struct Inventory {
        var counts: [String: Int] = [:]
        var first: Int64?
        var last: Int64?
        var logFiles = 0

        mutating func add(_ kind: String, _ count: Int) {
            if count > 0 { counts[kind, default: 0] += count }
        }

        mutating func saw(_ low: Int64?, _ high: Int64?) {
            if let low { first = min(first ?? low, low) }
            if let high { last = max(last ?? high, high) }
        }
    }

    /// The inventory of every gateway (or of `only`), by gateway id: one grouped pass per table.
    func inventories(only: Int64? = nil) throws -> [Int64: Inventory] {
        var result: [Int64: Inventory] = [:]
        let filter = only.map { "WHERE gateway_id = \($0)" } ?? ""
        func grouped(_ kind: String, _ sql: String, instants: Bool) throws {
            for row in try Row.fetchAll(db, sql: sql) {
                let id: Int64 = try row.value(0)
                result[id, default: Inventory()].add(kind, try row.value(1))
                if instants { result[id, default: Inventory()].saw(try row.value(2), try row.value(3)) }
            }
        }
        for table in Self.ownedTables {
            let instant = table.instant ?? "NULL"
            try grouped(table.kind, "SELECT gateway_id, count(*), min(\(instant)), max(\(instant)) FROM \(table.table) \(filter) GROUP BY gateway_id",
                        instants: true)
        }
        try grouped("traffic_totals", """
            SELECT gateway_id, count(*), min(at), max(at) FROM gateway_traffic_sample \(filter) GROUP BY gateway_id
            """, instants: true)
        try grouped("endpoints", "SELECT gateway_id, count(*) FROM endpoint \(filter) GROUP BY gateway_id", instants: false)
        try grouped("endpoint_traffic_samples", """
            SELECT e.gateway_id, count(*) FROM endpoint_traffic_sample s JOIN endpoint e ON e.id = s.endpoint_id
            \(filter.replacingOccurrences(of: "gateway_id", with: "e.gateway_id")) GROUP BY e.gateway_id
            """, instants: false)
        try grouped("connection_points", "SELECT gateway_id, count(*) FROM connection_point \(filter) GROUP BY gateway_id", instants: false)
        try grouped("connection_point_statuses", """
            SELECT c.gateway_id, count(*), min(s.at), max(s.at) FROM connection_point_status s
            JOIN connection_point c ON c.id = s.connection_point_id
            \(filter.replacingOccurrences(of: "gateway_id", with: "c.gateway_id")) GROUP BY c.gateway_id
            """, instants: true)
        try grouped("state_spans", "SELECT gateway_id, count(*) FROM state_span \(filter) GROUP BY gateway_id", instants: false)
        for table in ["rollup_hour", "rollup_day"] {
            try grouped("rollups", "SELECT gateway_id, count(*) FROM \(table) \(filter) GROUP BY gateway_id", instants: false)
        }
        try grouped(GatewayRecordKind.aliases, "SELECT gateway_id, count(*) FROM gateway_alias \(filter) GROUP BY gateway_id", instants: false)
        try grouped("merge_conflicts_kept", """
            SELECT into_gateway_id, count(*) FROM gateway_merge_conflict
            \(filter.replacingOccurrences(of: "gateway_id", with: "into_gateway_id")) GROUP BY into_gateway_id
            """, instants: false)
        for table in try Self.tablesWithGatewayID(db) where !Self.handledTables.contains(table) {
            try grouped(table, "SELECT gateway_id, count(*) FROM \(table) \(filter) GROUP BY gateway_id", instants: false)
        }
        for row in try Row.fetchAll(db, sql: "SELECT gateway_id, count(*) FROM log_file \(only == nil ? "WHERE gateway_id IS NOT NULL" : filter) GROUP BY gateway_id") {
            result[try row.value(0), default: Inventory()].logFiles = try row.value(1)
        }
        return result
    }

    /// Deletes gateway `id` and every row it owns; its log files stay, unlinked.
    func remove(_ id: Int64) throws {
        try db.execute(sql: "DELETE FROM endpoint_traffic_sample WHERE endpoint_id IN (SELECT id FROM endpoint WHERE gateway_id = ?)",
                       arguments: [id])
        try db.execute(sql: """
            DELETE FROM connection_point_status WHERE connection_point_id IN (SELECT id FROM connection_point WHERE gateway_id = ?)
            """, arguments: [id])
        for table in ["endpoint", "connection_point"] + Self.ownedTables.map(\.table) + Self.derivedTables + ["gateway_alias"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE gateway_id = ?", arguments: [id])
        }
        for table in try Self.tablesWithGatewayID(db) where !Self.handledTables.contains(table) {
            try db.execute(sql: "DELETE FROM \(table) WHERE gateway_id = ?", arguments: [id])
        }
        try db.execute(sql: "DELETE FROM gateway_merge_conflict WHERE into_gateway_id = ?", arguments: [id])
        try db.execute(sql: "UPDATE log_file SET gateway_id = NULL WHERE gateway_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM gateway WHERE id = ?", arguments: [id])
    }
}
