/// ``SampleReads`` on PostgreSQL besides the bucket walk (PostgresSnapshot+Buckets): SQLite's
/// ``SampleReader`` and ``SamplingInterval`` reads, statement for statement.
extension PostgresSnapshot: SampleReads {
    func egressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(at: UnixSeconds, bytes: Int64)] {
        let keptFrom = try rawKeptFrom()
        var samples: [(UnixSeconds, Int64)] = []
        if start < keptFrom {
            // Where raw samples were pruned, each value kept in an hour's rollup stands at the start of its hour.
            let result = try rows("""
                SELECT hour_start, value_list FROM rollup_hour
                WHERE gateway_id = $1 AND metric_id = $2 AND hour_start >= $3 AND hour_start < $4 ORDER BY hour_start
                """, [.int64(gatewayID), .int64(RollupMetric.egressBytes.rawValue), .int64(RollupMaintainer.hourStart(start)),
                      .int64(min(end, keptFrom))])
            for row in 0..<result.rowCount {
                let hour = try result.int64(row: row, column: 0)
                guard hour >= start else { continue }
                var values: [Int64] = []
                ValueList.decode(try result.bytes(row: row, column: 1), into: &values)
                samples += values.map { (hour, $0) }
            }
        }
        let result = try rows("SELECT at, bytes FROM egress_sample WHERE at >= $1 AND at < $2 AND gateway_id = $3 ORDER BY at",
                              [.int64(max(start, keptFrom)), .int64(end), .int64(gatewayID)])
        samples += try result.mapRows { (try result.int64(row: $0, column: 0), try result.int64(row: $0, column: 1)) }
        return samples
    }

    func reportedEgressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(at: UnixSeconds, bytes: Int64)] {
        let result = try rows("""
            SELECT at, last_14_days_bytes FROM reported_egress_sample WHERE at >= $1 AND at < $2 AND gateway_id = $3 ORDER BY at
            """, [.int64(start), .int64(end), .int64(gatewayID)])
        return try result.mapRows { (try result.int64(row: $0, column: 0), try result.int64(row: $0, column: 1)) }
    }

    func trafficStepMarks(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [UnixSeconds] {
        guard interval > 0 else { return [] }
        // One array value, not a row per instant: a year is a hundred thousand instants a gateway.
        let result = try rows("""
            SELECT array(SELECT at FROM gateway_traffic_sample WHERE at >= $1 AND at < $2 AND gateway_id = $3 ORDER BY at)
            """, [.int64(start), .int64(end), .int64(gatewayID)])
        var steps = TrafficStepMarks(interval: interval)
        for at in try result.int64Array(row: 0, column: 0) { steps.add(at) }
        return steps.marks
    }

    /// The marks' count from the server: steps never decrease as instants grow, so the distinct
    /// steps are the marks, and no instant crosses the wire. An instant whose step would pass 64
    /// bits is skipped, as ``TrafficStepMarks`` skips it.
    func trafficSteps(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 {
        guard interval > 0 else { return 0 }
        let result = try rows("""
            SELECT count(DISTINCT (at + $4 / 2) / $4) FROM gateway_traffic_sample
            WHERE at >= $1 AND at < $2 AND gateway_id = $3 AND at <= 9223372036854775807 - $4 / 2
            """, [.int64(start), .int64(end), .int64(gatewayID), .int64(interval)])
        return try result.int64(row: 0, column: 0)
    }

    func endpointSamples(_ metric: RollupMetric, endpointID: Int64, from start: UnixSeconds,
                         to end: UnixSeconds) throws -> [(at: UnixSeconds, value: Int64)] {
        guard let column = metric.endpointTrafficColumn else { return [] }
        // One value per instant: the VM instances' rows summed, the average weighted by requests.
        // SQLite divides double totals and rounds half away from zero; the sums here are exact
        // (numeric) before they become doubles, and floor(q + 0.5) is SQLite's round() of q >= 0.
        let value = metric == .averageElapsedMilliseconds
            ? "CASE WHEN count(*) > 1 AND sum(request_count) > 0 THEN floor(sum(avg_elapsed_ms::numeric * request_count)::float8 "
                + "/ sum(request_count)::float8 + 0.5)::bigint ELSE min(avg_elapsed_ms) END"
            : "sum(\(column))::bigint"
        let result = try rows("""
            SELECT at, \(value) FROM endpoint_traffic
            WHERE at >= $1 AND at < $2 AND endpoint_id = $3 AND \(column) IS NOT NULL GROUP BY at ORDER BY at
            """, [.int64(start), .int64(end), .int64(endpointID)])
        return try result.mapRows { (try result.int64(row: $0, column: 0), try result.int64(row: $0, column: 1)) }
    }

    func latestSample(_ metric: RollupMetric, gatewayID: Int64, before instant: UnixSeconds) throws -> (at: UnixSeconds, value: Int64)? {
        guard let (table, column) = metric.gaugeSampleColumn else { return nil }
        let result = try rows("SELECT at, \(column) FROM \(table) WHERE gateway_id = $1 AND at < $2 ORDER BY at DESC LIMIT 1",
                              [.int64(gatewayID), .int64(instant)])
        guard result.rowCount > 0 else { return nil }
        return (try result.int64(row: 0, column: 0), try result.int64(row: 0, column: 1))
    }

    func earliestInstant(ofOnlineClients peak: Int64, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> UnixSeconds? {
        // SampleReader.earliestInstant's walk: the partial hour at the start, the first whole hour
        // whose maximum is the peak, the partial hour at the end.
        let firstWholeHour = RollupMaintainer.hourStart(start + 3599)
        let endOfWholeHours = max(firstWholeHour, RollupMaintainer.hourStart(end))
        func raw(_ from: UnixSeconds, _ to: UnixSeconds) throws -> UnixSeconds? {
            guard from < to else { return nil }
            return try rows("""
                SELECT at FROM online_clients_sample WHERE at >= $1 AND at < $2 AND gateway_id = $3 AND count = $4 ORDER BY at LIMIT 1
                """, [.int64(from), .int64(to), .int64(gatewayID), .int64(peak)]).firstInt64()
        }
        if let at = try raw(start, min(firstWholeHour, end)) { return at }
        if let hour = try rows("""
            SELECT hour_start FROM rollup_hour WHERE gateway_id = $1 AND metric_id = $2 AND hour_start >= $3 AND hour_start < $4
            AND max = $5 ORDER BY hour_start LIMIT 1
            """, [.int64(gatewayID), .int64(RollupMetric.onlineClients.rawValue), .int64(firstWholeHour), .int64(endOfWholeHours),
                  .int64(peak)]).firstInt64() {
            return try raw(hour, hour + 3600) ?? hour
        }
        return try raw(endOfWholeHours, end)
    }

    func samplingInterval(_ metric: RollupMetric, gatewayID: Int64, endpointID: Int64?,
                          near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try PostgresSamplingInterval(snapshot: self).seconds(metric, gatewayID: gatewayID, endpointID: endpointID, near: start, end)
    }

    func reportedEgressInterval(gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try PostgresSamplingInterval(snapshot: self).medianSpacing(table: "reported_egress_sample", gatewayID: gatewayID, start: start, end: end)
    }

    func rawKeptFrom() throws -> UnixSeconds {
        if let kept = memo.rawKeptFrom { return kept }
        let kept = try rows("SELECT raw_kept_from FROM retention WHERE id = 1").firstInt64() ?? Int64.min
        memo.rawKeptFrom = kept
        return kept
    }
}
