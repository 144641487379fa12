import GRDB

/// The interval a series is sampled at, as observed: what coverage counts expected samples with.
///
/// Interval samples say theirs (`interval_s` of egress and endpoint traffic: the most common one
/// wins); point samples (online clients, storage) are sampled as often as their collector runs,
/// so their interval is the median spacing of the samples nearest the period. Where raw samples
/// were pruned, the hourly rollups still give it: the hours they span over the samples they hold.
enum SamplingInterval {
    /// Samples looked at (``SamplingSpacing/probeSamples``).
    static let probeSamples = SamplingSpacing.probeSamples

    /// The interval of `metric` for the gateway (or one of its endpoints) near `[start, end)`;
    /// nil when it cannot be told (fewer than two samples).
    static func seconds(_ db: Database, metric: RollupMetric, gatewayID: Int64, endpointID: Int64? = nil,
                        near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        if let endpointID {
            return try mostCommon(db, sql: """
                SELECT interval_s FROM endpoint_traffic WHERE endpoint_id = ? AND at >= ? AND at < ? AND interval_s > 0 LIMIT \(probeSamples)
                """, [endpointID, start, end])
                ?? Int64.fetchOne(db, sql: "SELECT interval_s FROM endpoint WHERE id = ? AND interval_s > 0", arguments: [endpointID])
        }
        switch metric {
        case .egressBytes:
            if let interval = try mostCommon(db, sql: """
                SELECT interval_s FROM egress_sample WHERE gateway_id = ? AND at >= ? AND at < ? AND interval_s > 0 LIMIT \(probeSamples)
                """, [gatewayID, start, end]) { return interval }
        case .requests, .requestBytes, .responseBytes, .averageElapsedMilliseconds:
            // A gateway's traffic is its endpoints' reports summed per instant: their interval.
            if let interval = try mostCommon(db, sql: "SELECT interval_s FROM endpoint WHERE gateway_id = ? AND interval_s > 0",
                                             [gatewayID]) { return interval }
        case .onlineClients, .storageUsedBytes:
            let table = metric == .onlineClients ? "online_clients_sample" : "storage_sample"
            if let interval = try medianSpacing(db, table: table, gatewayID: gatewayID, start: start, end: end) { return interval }
        }
        return try fromRollups(db, metric: metric, gatewayID: gatewayID, start: start, end: end)
    }

    /// The median spacing of ConfigMgr's reported 14-day egress figures near `[start, end)`: the export cadence.
    static func reportedEgressSeconds(_ db: Database, gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try medianSpacing(db, table: "reported_egress_sample", gatewayID: gatewayID, start: start, end: end)
    }

    /// The median spacing of the gateway's status snapshots near `[start, end)`.
    static func statusSeconds(_ db: Database, gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try medianSpacing(db, table: "status_snapshot", gatewayID: gatewayID, start: start, end: end)
    }

    private static func mostCommon(_ db: Database, sql: String, _ arguments: [Int64]) throws -> Int64? {
        SamplingSpacing.mostCommon(try integers(db, sql: sql, arguments))
    }

    /// The first column of `sql`'s rows, through the C API: a capacity report probes six series
    /// of every gateway, up to ``probeSamples`` rows each.
    private static func integers(_ db: Database, sql: String, _ arguments: [Int64]) throws -> [Int64] {
        let statement = try BulkStatement(db, sql: sql)
        for (index, value) in arguments.enumerated() { statement.bind(Int32(index + 1), value) }
        var values: [Int64] = []
        var mistyped = false
        try statement.forEachRow { row in
            if row.isInteger(0) { values.append(row.int64(0)) } else { mistyped = true }
        }
        guard mistyped else { return values }
        // Only damage stores another type here: GRDB's decoding names the value (``StoreError``).
        return try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
    }

    /// The median gap between the samples in the period, else the samples before it, else after it.
    private static func medianSpacing(_ db: Database, table: String, gatewayID: Int64, start: UnixSeconds, end: UnixSeconds) throws -> Int64? {
        for (condition, order, arguments) in [("at >= ? AND at < ?", "ASC", [start, end] as [Int64]),
                                              ("at < ?", "DESC", [start]), ("at >= ?", "ASC", [end])] {
            let instants = try integers(db, sql: """
                SELECT at FROM \(table) WHERE gateway_id = ? AND \(condition) ORDER BY at \(order) LIMIT \(probeSamples)
                """, [gatewayID] + arguments)
            if let median = SamplingSpacing.medianGap(instants) { return median }
        }
        return nil
    }

    /// Hours spanned over samples held, by the rollup rows nearest the period.
    private static func fromRollups(_ db: Database, metric: RollupMetric, gatewayID: Int64, start: UnixSeconds, end: UnixSeconds) throws -> Int64? {
        for (condition, order, arguments) in [("hour_start >= ? AND hour_start < ?", "ASC", [start, end] as [Int64]),
                                              ("hour_start < ?", "DESC", [start]), ("hour_start >= ?", "ASC", [end])] {
            let rows = try Row.fetchAll(db, sql: """
                SELECT hour_start, count FROM rollup_hour WHERE gateway_id = ? AND metric_id = ? AND \(condition)
                ORDER BY hour_start \(order) LIMIT \(probeSamples)
                """, arguments: StatementArguments([gatewayID, metric.rawValue] + arguments))
            if let spacing = SamplingSpacing.rollupSpacing(try rows.map { (try $0.value(0), try $0.value(1)) }) { return spacing }
        }
        return nil
    }

    /// Raw samples before this instant were pruned (`db prune`); `Int64.min` when none were.
    static func rawKeptFrom(_ db: Database) throws -> UnixSeconds {
        try Int64.fetchOne(db, sql: "SELECT raw_kept_from FROM retention WHERE id = 1") ?? Int64.min
    }
}
