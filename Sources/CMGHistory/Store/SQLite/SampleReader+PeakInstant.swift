import GRDB

extension SampleReader {
    /// The earliest online-clients sample in `[start, end)` holding `peak`: in the partial hour at
    /// the start (zones with a half-hour offset), else in the first whole hour whose rollup
    /// maximum is the peak (its raw samples, or the hour's start when raw was pruned), else in
    /// the partial hour at the end. Where a capacity report's month and a chart's day take the
    /// configuration the peak was measured against.
    func earliestInstant(ofOnlineClients peak: Int64, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> UnixSeconds? {
        let firstWholeHour = RollupMaintainer.hourStart(start + 3599)
        let endOfWholeHours = max(firstWholeHour, RollupMaintainer.hourStart(end))
        func raw(_ from: UnixSeconds, _ to: UnixSeconds) throws -> UnixSeconds? {
            guard from < to else { return nil }
            return try Int64.fetchOne(db, sql: """
                SELECT at FROM online_clients_sample WHERE at >= ? AND at < ? AND gateway_id = ? AND count = ? ORDER BY at LIMIT 1
                """, arguments: [from, to, gatewayID, peak])
        }
        if let at = try raw(start, min(firstWholeHour, end)) { return at }
        if let hour = try Int64.fetchOne(db, sql: """
            SELECT hour_start FROM rollup_hour WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ?
            AND max = ? ORDER BY hour_start LIMIT 1
            """, arguments: [gatewayID, RollupMetric.onlineClients.rawValue, firstWholeHour, endOfWholeHours, peak]) {
            return try raw(hour, hour + 3600) ?? hour
        }
        return try raw(endOfWholeHours, end)
    }
}
