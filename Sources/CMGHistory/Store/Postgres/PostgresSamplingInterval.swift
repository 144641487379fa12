/// The interval a series is sampled at, as observed, on PostgreSQL: SQLite's
/// ``SamplingInterval`` statement for statement, the arithmetic shared (``SamplingSpacing``).
struct PostgresSamplingInterval {
    /// The snapshot the rows are read in.
    let snapshot: PostgresSnapshot

    private var limit: Int { SamplingSpacing.probeSamples }

    /// The interval of `metric` for the gateway (or one of its endpoints) near `[start, end)`;
    /// nil when it cannot be told (fewer than two samples).
    func seconds(_ metric: RollupMetric, gatewayID: Int64, endpointID: Int64?, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        if let endpointID {
            return try mostCommon("""
                SELECT interval_s FROM endpoint_traffic WHERE endpoint_id = $1 AND at >= $2 AND at < $3 AND interval_s > 0 LIMIT \(limit)
                """, [.int64(endpointID), .int64(start), .int64(end)])
                ?? snapshot.rows("SELECT interval_s FROM endpoint WHERE id = $1 AND interval_s > 0", [.int64(endpointID)]).firstInt64()
        }
        switch metric {
        case .egressBytes:
            if let interval = try mostCommon("""
                SELECT interval_s FROM egress_sample WHERE gateway_id = $1 AND at >= $2 AND at < $3 AND interval_s > 0 LIMIT \(limit)
                """, [.int64(gatewayID), .int64(start), .int64(end)]) { return interval }
        case .requests, .requestBytes, .responseBytes, .averageElapsedMilliseconds:
            // A gateway's traffic is its endpoints' reports summed per instant: their interval.
            if let interval = try mostCommon("SELECT interval_s FROM endpoint WHERE gateway_id = $1 AND interval_s > 0",
                                             [.int64(gatewayID)]) { return interval }
        case .onlineClients, .storageUsedBytes:
            let table = metric == .onlineClients ? "online_clients_sample" : "storage_sample"
            if let interval = try medianSpacing(table: table, gatewayID: gatewayID, start: start, end: end) { return interval }
        }
        return try fromRollups(metric, gatewayID: gatewayID, start: start, end: end)
    }

    /// The median gap between the gateway's samples of `table` in the period, else the samples
    /// before it, else after it. `table` is a constant of the caller's.
    func medianSpacing(table: String, gatewayID: Int64, start: UnixSeconds, end: UnixSeconds) throws -> Int64? {
        let window = Int64(limit) * (table == "storage_sample" ? 3600 : 900)
        for (after, from, to) in [(true, start, end), (false, Int64.min, start), (true, end, Int64.max)] where from < to {
            let instants = try nearest(table, gatewayID: gatewayID, after: after, from: from, to: to, window: window)
            if let median = SamplingSpacing.medianGap(instants) { return median }
        }
        return nil
    }

    /// The `limit` instants of `[from, to)` nearest `from` (`after`) or `to`, nearest first: read
    /// in the window next to that edge, and over the whole range only when the window held fewer.
    /// The window is `limit` × 15 minutes for online clients, × 1 hour for storage (the cadences
    /// ConfigMgr exports them at, or faster): the month partitions the planner must open then are
    /// a few, not every month of the history (a year's were most of a trend's time).
    private func nearest(_ table: String, gatewayID: Int64, after: Bool, from: UnixSeconds, to: UnixSeconds,
                         window: Int64) throws -> [Int64] {
        let (windowEdge, overflow) = after ? from.addingReportingOverflow(window) : to.subtractingReportingOverflow(window)
        var ranges = [(from, to)]
        if !overflow, after ? windowEdge < to : windowEdge > from {
            ranges.insert(after ? (from, windowEdge) : (windowEdge, to), at: 0)
        }
        var instants: [Int64] = []
        for (index, (low, high)) in ranges.enumerated() {
            let result = try snapshot.rows("""
                SELECT at FROM \(table) WHERE gateway_id = $1 AND at >= $2 AND at < $3 ORDER BY at \(after ? "ASC" : "DESC") LIMIT \(limit)
                """, [.int64(gatewayID), .int64(low), .int64(high)])
            instants = try result.mapRows { try result.int64(row: $0, column: 0) }
            if instants.count >= limit || index == ranges.count - 1 { break }
        }
        return instants
    }

    /// Hours spanned over samples held, by the rollup rows nearest the period.
    private func fromRollups(_ metric: RollupMetric, gatewayID: Int64, start: UnixSeconds, end: UnixSeconds) throws -> Int64? {
        for (condition, order, bounds) in [("hour_start >= $3 AND hour_start < $4", "ASC", [start, end]),
                                           ("hour_start < $3", "DESC", [start]), ("hour_start >= $3", "ASC", [end])] {
            let result = try snapshot.rows("""
                SELECT hour_start, count FROM rollup_hour WHERE gateway_id = $1 AND metric_id = $2 AND \(condition)
                ORDER BY hour_start \(order) LIMIT \(limit)
                """, [.int64(gatewayID), .int64(metric.rawValue)] + bounds.map { .int64($0) })
            let rows = try result.mapRows { (hour: try result.int64(row: $0, column: 0), count: try result.int64(row: $0, column: 1)) }
            if let spacing = SamplingSpacing.rollupSpacing(rows) { return spacing }
        }
        return nil
    }

    private func mostCommon(_ sql: String, _ parameters: [PGParameter]) throws -> Int64? {
        let result = try snapshot.rows(sql, parameters)
        return SamplingSpacing.mostCommon(try result.mapRows { try result.int64(row: $0, column: 0) })
    }
}
