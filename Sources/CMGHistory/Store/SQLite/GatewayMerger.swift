import Foundation
import GRDB

/// Moves every row of one gateway to another, or deletes them, inside the caller's transaction.
///
/// A row whose key the target holds already is a duplicate when its values are the same (it is
/// dropped) and a conflict otherwise: the target's row is kept, the other goes to
/// `gateway_merge_conflict` as JSON. Derived rows (per-instant traffic totals, hourly and daily
/// rollups, state spans) are recomputed for the target where moved rows fall; rollup hours whose
/// raw samples were pruned are merged from both gateways' value lists, having nothing else left.
struct GatewayMerger {
    let db: Database
    private let rawKeptFrom: Int64

    init(_ db: Database) throws {
        self.db = db
        rawKeptFrom = try Int64.fetchOne(db, sql: "SELECT raw_kept_from FROM retention WHERE id = 1") ?? Int64.min
    }

    /// A table whose rows belong to a gateway through `gateway_id`, with its unique key beside it.
    struct OwnedTable {
        var table: String
        var kind: String
        var key: [String]
        /// The column holding the observation instant, for first and last seen.
        var instant: String?
    }

    static let ownedTables: [OwnedTable] = [
        OwnedTable(table: "gateway_config", kind: "configurations", key: ["at"], instant: "at"),
        OwnedTable(table: "alert_config", kind: "alert_configurations", key: ["at"], instant: "at"),
        OwnedTable(table: "status_snapshot", kind: "status_snapshots", key: ["at"], instant: "at"),
        OwnedTable(table: "online_clients_sample", kind: "online_client_samples", key: ["at"], instant: "at"),
        OwnedTable(table: "online_clients_by_network", kind: "online_clients_by_network", key: ["at"], instant: "at"),
        OwnedTable(table: "egress_sample", kind: "egress_samples", key: ["at"], instant: "at"),
        OwnedTable(table: "storage_sample", kind: "storage_samples", key: ["at"], instant: "at"),
        OwnedTable(table: "reported_egress_sample", kind: "reported_egress_samples", key: ["at"], instant: "at"),
        OwnedTable(table: "operation", kind: "operations", key: ["kind", "requested_at"], instant: "requested_at"),
        OwnedTable(table: "credential", kind: "credentials", key: ["kind", "name", "subject", "thumbprint", "expires_at"], instant: nil),
    ]

    /// Rows computed from others: recomputed for the target, deleted with the source.
    static let derivedTables = ["state_span", "gateway_traffic_sample", "rollup_hour", "rollup_day"]
    /// Tables with `gateway_id` handled by name below.
    static let handledTables = Set(ownedTables.map(\.table) + derivedTables
                                   + ["endpoint", "connection_point", "log_file", "gateway_alias", "gateway_merge_conflict"])

    private struct Move {
        var moved = 0, duplicates = 0, conflicts = 0
    }

    // MARK: - Merge

    /// Moves gateway `from`'s rows to `into`, makes `from`'s names aliases of `into`, and deletes `from`.
    func merge(from: Int64, into: Int64, aliasSource: String) throws -> GatewayMergeSummary {
        guard let fromName = try GatewayNames.name(of: from, in: db), let intoName = try GatewayNames.name(of: into, in: db) else {
            throw GatewayError.unknown("#\(from)", known: [])
        }
        guard from != into else { throw GatewayError.sameGateway(fromName) }
        var summary = GatewayMergeSummary(from: fromName, into: intoName)
        let firstConflict = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM gateway_merge_conflict") ?? 0
        let rollupHours = try Row.fetchAll(db, sql: "SELECT metric_id, hour_start FROM rollup_hour WHERE gateway_id = ?", arguments: [from])
            .map { (metric: try $0.value(0) as Int64, hour: try $0.value(1) as Int64) }

        func count(_ kind: String, _ move: Move) {
            if move.moved > 0 { summary.moved[kind, default: 0] += move.moved }
            summary.duplicates += move.duplicates
            summary.conflicts += move.conflicts
        }
        for table in Self.ownedTables {
            count(table.kind, try move(table.table, owner: "gateway_id", key: table.key, from: from, into: into, intoGateway: into, fromName: fromName))
        }
        count("endpoint_traffic_samples", try moveChildren(parent: "endpoint", match: "name", child: "endpoint_traffic_sample",
                                                           childKey: ["at", "vm_instance"], owner: "endpoint_id", from: from, into: into, fromName: fromName,
                                                           renormalise: Self.renormaliseIntervals))
        count("connection_point_statuses", try moveChildren(parent: "connection_point", match: "server", child: "connection_point_status",
                                                            owner: "connection_point_id", from: from, into: into, fromName: fromName,
                                                            renormalise: nil))
        try db.execute(sql: """
            UPDATE log_file SET gateway_id = ?2 WHERE gateway_id = ?1 OR (gateway_id IS NULL AND service = ?3 COLLATE NOCASE)
            """, arguments: [from, into, fromName])
        if db.changesCount > 0 { summary.moved["log_files", default: 0] += db.changesCount }
        try db.execute(sql: "UPDATE log_event SET gateway = ? WHERE gateway = ? COLLATE NOCASE", arguments: [intoName, fromName])
        if db.changesCount > 0 { summary.moved["log_events", default: 0] += db.changesCount }
        try moveUnknownTables(from: from, into: into)

        try recomputeTrafficTotals(from: from, into: into)
        try recomputeRollups(rollupHours, from: from, into: into)
        try recomputeSpans(from: from, into: into)
        try takeNames(from: from, fromName: fromName, into: into, aliasSource: aliasSource)

        summary.conflictRows = try Row.fetchAll(db, sql: """
            SELECT table_name, row FROM gateway_merge_conflict WHERE id > ? ORDER BY id LIMIT ?
            """, arguments: [firstConflict, GatewayMergeSummary.maximumListedConflicts])
            .map { "\(try $0.value(0) as String): \(try $0.value(1) as String)" }
        return summary
    }

    /// Moves the rows of `from` in `table` to `into`; `owner` is the column naming their owner.
    private func move(_ table: String, owner: String, key: [String], from: Int64, into: Int64, intoGateway: Int64,
                      fromName: String) throws -> Move {
        let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
        let values = columns.filter { $0 != owner && $0 != "id" && !key.contains($0) }
        let match = (["i.\(owner) = ?2"] + key.map { "i.\($0) IS \(table).\($0)" }).joined(separator: " AND ")
        let same = values.isEmpty ? "1" : values.map { "i.\($0) IS \(table).\($0)" }.joined(separator: " AND ")
        var result = Move()
        result.duplicates = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM \(table) WHERE \(owner) = ?1 AND EXISTS (SELECT 1 FROM \(table) i WHERE \(match) AND \(same))
            """, arguments: [from, into]) ?? 0
        let json = columns.map { "'\($0)', \(table).\($0)" }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO gateway_merge_conflict(from_gateway, into_gateway_id, table_name, row)
            SELECT ?3, ?4, '\(table)', json_object(\(json)) FROM \(table)
            WHERE \(owner) = ?1 AND EXISTS (SELECT 1 FROM \(table) i WHERE \(match))
                AND NOT EXISTS (SELECT 1 FROM \(table) i WHERE \(match) AND \(same))
            """, arguments: [from, into, fromName, intoGateway])
        result.conflicts = db.changesCount
        try db.execute(sql: "DELETE FROM \(table) WHERE \(owner) = ?1 AND EXISTS (SELECT 1 FROM \(table) i WHERE \(match))",
                       arguments: [from, into])
        try db.execute(sql: "UPDATE \(table) SET \(owner) = ?2 WHERE \(owner) = ?1", arguments: [from, into])
        result.moved = db.changesCount
        return result
    }

    /// Moves endpoints or connection points: one `into` has by the same name takes the other's
    /// rows (as in ``move``), the rest change gateway.
    private func moveChildren(parent: String, match column: String, child: String, childKey: [String] = ["at"], owner: String, from: Int64, into: Int64,
                              fromName: String, renormalise: ((Database, Int64, Int64) throws -> Void)?) throws -> Move {
        let pairs = try Row.fetchAll(db, sql: """
            SELECT f.id, i.id FROM \(parent) f JOIN \(parent) i ON i.gateway_id = ?2 AND i.\(column) = f.\(column)
            WHERE f.gateway_id = ?1
            """, arguments: [from, into])
        var total = Move()
        for pair in pairs {
            let source: Int64 = try pair.value(0), target: Int64 = try pair.value(1)
            try renormalise?(db, source, target)
            let moved = try move(child, owner: owner, key: childKey, from: source, into: target, intoGateway: into, fromName: fromName)
            total.moved += moved.moved
            total.duplicates += moved.duplicates
            total.conflicts += moved.conflicts
            try db.execute(sql: "DELETE FROM \(parent) WHERE id = ?", arguments: [source])
        }
        total.moved += try Int.fetchOne(db, sql: """
            SELECT count(*) FROM \(child) WHERE \(owner) IN (SELECT id FROM \(parent) WHERE gateway_id = ?)
            """, arguments: [from]) ?? 0
        try db.execute(sql: "UPDATE \(parent) SET gateway_id = ?2 WHERE gateway_id = ?1", arguments: [from, into])
        return total
    }

    /// Re-encodes an endpoint's samples for the endpoint they move to: a sample stores its
    /// interval only when it differs from its endpoint's (0001), and the two may differ.
    private static func renormaliseIntervals(_ db: Database, source: Int64, target: Int64) throws {
        try db.execute(sql: """
            UPDATE endpoint_traffic_sample
            SET interval_s = nullif(coalesce(interval_s, (SELECT interval_s FROM endpoint WHERE id = ?1)),
                                    (SELECT interval_s FROM endpoint WHERE id = ?2))
            WHERE endpoint_id = ?1
            """, arguments: [source, target])
    }

    /// Tables a later schema added with a `gateway_id` this merger does not know the key of: moved
    /// as they are; a clash of unique keys refuses the whole merge.
    private func moveUnknownTables(from: Int64, into: Int64) throws {
        for table in try Self.tablesWithGatewayID(db) where !Self.handledTables.contains(table) {
            do {
                try db.execute(sql: "UPDATE \(table) SET gateway_id = ? WHERE gateway_id = ?", arguments: [into, from])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw GatewayError.cannotMove(table: table, reason: error.message ?? "a unique key clashes")
            }
        }
    }

    static func tablesWithGatewayID(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p ON p.name = 'gateway_id'
            WHERE m.type = 'table' ORDER BY m.name
            """)
    }

    // MARK: - Derived rows

    /// The per-instant traffic totals of `into` at every instant `from` had traffic, summed
    /// again over the endpoints `into` now has. SQLite's sum() fails on overflow: the merge is
    /// then refused whole rather than stored wrapped.
    private func recomputeTrafficTotals(from: Int64, into: Int64) throws {
        try db.execute(sql: """
            INSERT INTO gateway_traffic_sample(gateway_id, at, endpoint_samples, request_count, request_bytes, response_bytes,
                elapsed_weighted, elapsed_requests)
            SELECT ?2, t.at, count(*), sum(t.request_count), sum(t.request_bytes), sum(t.response_bytes),
                   sum(CASE WHEN t.avg_elapsed_ms IS NULL THEN 0 ELSE t.avg_elapsed_ms * t.request_count END),
                   sum(CASE WHEN t.avg_elapsed_ms IS NULL THEN 0 ELSE t.request_count END)
            FROM endpoint_traffic t
            WHERE t.gateway_id = ?2 AND t.at IN (SELECT at FROM gateway_traffic_sample WHERE gateway_id = ?1)
            GROUP BY t.at
            ON CONFLICT (at, gateway_id) DO UPDATE SET
                endpoint_samples = excluded.endpoint_samples, request_count = excluded.request_count,
                request_bytes = excluded.request_bytes, response_bytes = excluded.response_bytes,
                elapsed_weighted = excluded.elapsed_weighted, elapsed_requests = excluded.elapsed_requests
            """, arguments: [from, into])
        try db.execute(sql: "DELETE FROM gateway_traffic_sample WHERE gateway_id = ?", arguments: [from])
    }

    /// Recomputes `into`'s rollup hours where `from` had rollups, from the raw rows that are now
    /// `into`'s; an hour before the retention horizon has no raw rows, and takes both value lists.
    private func recomputeRollups(_ hours: [(metric: Int64, hour: Int64)], from: Int64, into: Int64) throws {
        var days = Set<DailyRollups.Key>()
        var trafficHours = Set<Int64>()
        for (metricID, hour) in hours {
            guard let metric = RollupMetric(rawValue: metricID) else { continue }
            if hour < rawKeptFrom {
                var values: [Int64] = []
                for gateway in [from, into] {
                    if let list = try Data.fetchOne(db, sql: """
                        SELECT value_list FROM rollup_hour WHERE gateway_id = ? AND metric_id = ? AND hour_start = ?
                        """, arguments: [gateway, metricID, hour]) {
                        ValueList.decode(list, into: &values)
                    }
                }
                try RollupRow.store(db, .hour, gatewayID: into, metricID: metricID, start: hour, values: values)
            } else if metric.isEndpointMetric {
                if trafficHours.insert(hour).inserted { try RollupMaintainer.recomputeTraffic(db, gatewayID: into, hourStart: hour) }
            } else {
                try RollupMaintainer.recompute(db, gatewayID: into, metric: metric, hourStart: hour)
            }
            days.insert(DailyRollups.Key(gatewayID: into, metricID: metricID, dayStart: DailyRollups.dayStart(hour)))
        }
        for hour in trafficHours {
            for metric in RollupMetric.allCases where metric.isEndpointMetric {
                days.insert(DailyRollups.Key(gatewayID: into, metricID: metric.rawValue, dayStart: DailyRollups.dayStart(hour)))
            }
        }
        try db.execute(sql: "DELETE FROM rollup_hour WHERE gateway_id = ?", arguments: [from])
        try db.execute(sql: "DELETE FROM rollup_day WHERE gateway_id = ?", arguments: [from])
        try DailyRollups.recompute(db, days.sorted())
    }

    /// Rebuilds `into`'s state spans from all its snapshots: moved snapshots may join or split spans anywhere.
    private func recomputeSpans(from: Int64, into: Int64) throws {
        try db.execute(sql: "DELETE FROM state_span WHERE gateway_id IN (?, ?)", arguments: [from, into])
        guard let range = try Row.fetchOne(db, sql: "SELECT min(at), max(at) FROM status_snapshot WHERE gateway_id = ?", arguments: [into]),
              let first: Int64 = try range.value(0), let last: Int64 = try range.value(1) else { return }
        var spans = StateSpanMaintainer(db)
        spans.noteInserted(gatewayID: into, at: first)
        spans.noteInserted(gatewayID: into, at: last)
        try spans.rebuild()
    }

    /// Gives `into` the aliases, AzureServiceID and name of `from`, and deletes `from`.
    private func takeNames(from: Int64, fromName: String, into: Int64, aliasSource: String) throws {
        try db.execute(sql: "UPDATE gateway_alias SET gateway_id = ? WHERE gateway_id = ?", arguments: [into, from])
        try db.execute(sql: "UPDATE gateway_merge_conflict SET into_gateway_id = ? WHERE into_gateway_id = ?", arguments: [into, from])
        let serviceID = try String.fetchOne(db, sql: "SELECT azure_service_id FROM gateway WHERE id = ?", arguments: [from])
        try db.execute(sql: "UPDATE gateway SET azure_service_id = NULL WHERE id = ?", arguments: [from])
        try ensureNothingLeft(of: from)
        try db.execute(sql: "DELETE FROM gateway WHERE id = ?", arguments: [from])
        if let serviceID {
            try db.execute(sql: "UPDATE gateway SET azure_service_id = ? WHERE id = ? AND azure_service_id IS NULL", arguments: [serviceID, into])
            if db.changesCount == 0 { try GatewayNames.addAlias(serviceID, to: into, source: aliasSource, in: db) }
        }
        try GatewayNames.addAlias(fromName, to: into, source: aliasSource, in: db)
    }

    /// Refuses to delete a gateway some row still refers to: foreign keys are off during imports.
    private func ensureNothingLeft(of gateway: Int64) throws {
        for table in try Self.tablesWithGatewayID(db) {
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE gateway_id = ?", arguments: [gateway]) ?? 0 > 0 {
                throw GatewayError.cannotMove(table: table, reason: "rows of the gateway are still there")
            }
        }
    }
}
