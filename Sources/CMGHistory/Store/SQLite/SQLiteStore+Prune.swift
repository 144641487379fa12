import GRDB

extension SQLiteStore {
    /// The raw sample tables whose rows rollups summarize, with the rollup metric group of each.
    static let prunableTables = [
        "online_clients_sample", "endpoint_traffic_sample", "gateway_traffic_sample", "egress_sample", "storage_sample",
    ]

    /// Deletes raw samples older than `keepDays` days before `now` (cut at a whole UTC hour), but
    /// only where their hourly rollups exist: any missing rollup hour is computed from the raw
    /// rows first, in the same transaction. Totals, peaks, counts and percentiles of reports over
    /// pruned months are unchanged (rollups keep every value); per-endpoint detail and exact
    /// sample instants are what is given up.
    func prune(keepDays: Int, now: UnixSeconds) throws -> PruneSummary {
        // Checked: `--keep-raw 999999999999999` keeps everything rather than trapping.
        let (kept, tooMany) = Int64(keepDays).multipliedReportingOverflow(by: 86_400)
        let (cut, beforeTime) = now.subtractingReportingOverflow(kept)
        let horizon = RollupMaintainer.hourStart(tooMany || beforeTime ? ValueLimits.earliestInstant : cut)
        return try writeTransaction { db in
            let freeBefore = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            var built = 0
            var days = Set<DailyRollups.Key>()
            // Every (gateway, hour) with raw rows before the horizon must have its rollup rows.
            let sources: [(RollupMetric, String)] = [
                (.onlineClients, "SELECT DISTINCT gateway_id, at - at % 3600 FROM online_clients_sample WHERE at < ?"),
                (.requests, "SELECT DISTINCT gateway_id, at - at % 3600 FROM gateway_traffic_sample WHERE at < ?"),
                (.egressBytes, "SELECT DISTINCT gateway_id, at - at % 3600 FROM egress_sample WHERE at < ?"),
                (.storageUsedBytes, "SELECT DISTINCT gateway_id, at - at % 3600 FROM storage_sample WHERE at < ?"),
            ]
            for (metric, sql) in sources {
                for row in try Row.fetchAll(db, sql: sql, arguments: [horizon]) {
                    let gateway: Int64 = try row.value(0)
                    let hour: Int64 = try row.value(1)
                    // The four traffic metrics share one source and are rebuilt together.
                    guard try !Bool(exists: db, gateway: gateway, metric: metric, hour: hour) else { continue }
                    try RollupMaintainer.recompute(db, gatewayID: gateway, metric: metric, hourStart: hour)
                    built += 1
                    let rebuilt: [RollupMetric] = metric.isEndpointMetric
                        ? RollupMetric.allCases.filter(\.isEndpointMetric) : [metric]
                    for metric in rebuilt {
                        days.insert(DailyRollups.Key(gatewayID: gateway, metricID: metric.rawValue, dayStart: DailyRollups.dayStart(hour)))
                    }
                }
            }
            try DailyRollups.recompute(db, days.sorted())
            var deleted: [String: Int] = [:]
            for table in Self.prunableTables {
                try db.execute(sql: "DELETE FROM \(table) WHERE at < ?", arguments: [horizon])
                deleted[table] = db.changesCount
            }
            try db.execute(sql: """
                INSERT INTO retention(id, raw_kept_from, pruned_at) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET raw_kept_from = max(raw_kept_from, excluded.raw_kept_from), pruned_at = excluded.pruned_at
                """, arguments: [horizon, now])
            let freeAfter = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            return PruneSummary(rawKeptFrom: Timestamp.format(horizon), deletedRows: deleted, rollupsBuilt: built,
                                freedBytes: (freeAfter - freeBefore) * pageSize)
        }
    }
}

private extension Bool {
    /// Whether a rollup row exists, or the metric has no samples in that hour at all (an
    /// average needs requests that carry one; its absence is not a missing rollup).
    init(exists db: Database, gateway: Int64, metric: RollupMetric, hour: Int64) throws {
        self = try Int.fetchOne(db, sql: "SELECT 1 FROM rollup_hour WHERE gateway_id = ? AND metric_id = ? AND hour_start = ?",
                                arguments: [gateway, metric.rawValue, hour]) != nil
    }
}
