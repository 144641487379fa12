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
        /// Counts and first and last instants per gateway from one scan in storage order: keyed by
        /// time first, the sample tables made GROUP BY sort every row (9 s for a year of ten
        /// gateways). `owners` maps the scanned id (an endpoint's, a connection point's) to its gateway.
        func scanned(_ kind: String, _ sql: String, owners: [Int64: Int64]? = nil) throws {
            var tally: [Int64: (count: Int, first: Int64?, last: Int64?)] = [:]
            try BulkStatement(db, sql: sql).forEachRow { row in
                let scannedID = row.int64(0)
                guard let id = owners == nil ? scannedID : owners?[scannedID], only == nil || id == only else { return }
                var entry = tally[id] ?? (0, nil, nil)
                entry.count += 1
                if !row.isNull(1) {
                    let at = row.int64(1)
                    entry.first = min(entry.first ?? at, at)
                    entry.last = max(entry.last ?? at, at)
                }
                tally[id] = entry
            }
            for (id, entry) in tally {
                result[id, default: Inventory()].add(kind, entry.count)
                result[id, default: Inventory()].saw(entry.first, entry.last)
            }
        }
        func gatewayOf(_ table: String) throws -> [Int64: Int64] {
            var owners: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, gateway_id FROM \(table)") { owners[try row.value(0)] = try row.value(1) }
            return owners
        }
        for table in Self.ownedTables {
            try scanned(table.kind, "SELECT gateway_id, \(table.instant ?? "NULL") FROM \(table.table)")
        }
        try scanned("traffic_totals", "SELECT gateway_id, at FROM gateway_traffic_sample")
        try grouped("endpoints", "SELECT gateway_id, count(*) FROM endpoint \(filter) GROUP BY gateway_id", instants: false)
        try scanned("endpoint_traffic_samples", "SELECT endpoint_id, NULL FROM endpoint_traffic_sample", owners: gatewayOf("endpoint"))
        try grouped("connection_points", "SELECT gateway_id, count(*) FROM connection_point \(filter) GROUP BY gateway_id", instants: false)
        try scanned("connection_point_statuses", "SELECT connection_point_id, at FROM connection_point_status",
                    owners: gatewayOf("connection_point"))
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
