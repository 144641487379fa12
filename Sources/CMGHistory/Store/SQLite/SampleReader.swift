import Foundation
import GRDB

/// SQLite's answer to the hot ``SampleReads``: sample values for reports, from daily and hourly
/// rollups where they give the same answer and from raw samples where they must.
///
/// A gateway-level metric over `[start, end)` takes the whole UTC days inside the period from
/// `rollup_day`, the remaining whole UTC hours from `rollup_hour` (both keep every value, so
/// counts, sums, extremes and percentiles are exact) and the partial hours at either edge
/// (5-minute buckets, zones with a half-hour offset) from the raw tables. Endpoint-level values
/// always come from raw samples.
struct SampleReader: BucketWalking {
    let db: Database

    /// Reads what ``RollupPlan`` says — rollup rows (start, then the accumulator's columns) and
    /// raw values — and hands each to `accumulator` with the index of its bucket. Rows are read
    /// through the C API: a three-year trend in a zone whose midnight is not UTC's steps through
    /// a quarter of a million rollup rows.
    func walk<Accumulator: BucketAccumulator>(_ metric: RollupMetric, gatewayID: Int64,
                                              buckets: [(start: UnixSeconds, end: UnixSeconds)],
                                              into accumulator: inout Accumulator) throws {
        let plan = RollupPlan(buckets: buckets, subtracting: Accumulator.subtracts)
        let columns = Accumulator.columnSet == .valueList ? "count, value_list" : "count, sum, min, max"
        if !plan.minusHours.isEmpty {
            // Read first: each day row then leaves out what its bucket does not hold.
            let minus = try BulkStatement(db, sql: """
                SELECT hour_start, \(columns) FROM rollup_hour
                WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ?
                """)
            for (index, span) in plan.minusHours {
                minus.bind(1, gatewayID)
                minus.bind(2, metric.rawValue)
                minus.bind(3, span.start)
                minus.bind(4, span.end)
                try minus.forEachRow { row in accumulator.subtract(rollup: row, from: index) }
            }
        }
        // A row goes to the bucket holding its middle: a day read whole for a bucket that holds
        // only most of it (subtraction) starts or ends outside that bucket, never its noon.
        for (table, key, spans, middle) in [("rollup_day", "day_start", plan.days, DailyRollups.secondsPerDay / 2),
                                            ("rollup_hour", "hour_start", plan.hours, 1800)] where !spans.isEmpty {
            let statement = try BulkStatement(db, sql: """
                SELECT \(key), \(columns) FROM \(table)
                WHERE gateway_id = ? AND metric_id = ? AND \(key) >= ? AND \(key) < ? ORDER BY \(key)
                """)
            var index = 0
            for span in spans {
                statement.bind(1, gatewayID)
                statement.bind(2, metric.rawValue)
                statement.bind(3, span.start)
                statement.bind(4, span.end)
                try statement.forEachRow { row in
                    let instant = row.int64(0) + middle
                    while index < buckets.count - 1, buckets[index].end <= instant { index += 1 }
                    accumulator.add(rollup: row, to: index)
                }
            }
        }
        let raw = try BulkStatement(db, sql: metric.rawQuery)
        for (index, span) in plan.raw {
            raw.bind(1, gatewayID)
            raw.bind(2, span.start)
            raw.bind(3, span.end)
            try raw.forEachRow { row in accumulator.add(raw: row.int64(1), to: index) }
        }
    }

    /// Values of one hour-aligned stretch, grouped by UTC hour: where raw samples were pruned,
    /// the egress walk places each hour's values at the hour's start.
    func hourlyValueLists(_ metric: RollupMetric, gatewayID: Int64, from start: UnixSeconds,
                          to end: UnixSeconds) throws -> [(hourStart: UnixSeconds, values: Data)] {
        try Row.fetchAll(db, sql: """
            SELECT hour_start, value_list FROM rollup_hour
            WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ? ORDER BY hour_start
            """, arguments: [gatewayID, metric.rawValue, start, end]).map { try ($0.value(0), $0.value(1)) }
    }

    /// Egress samples as (instant, bytes) in time order. Where raw samples were pruned, each
    /// value kept in an hour's rollup stands at the start of its hour.
    func egressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(at: UnixSeconds, bytes: Int64)] {
        let keptFrom = try SamplingInterval.rawKeptFrom(db)
        var samples: [(UnixSeconds, Int64)] = []
        if start < keptFrom {
            for (hour, blob) in try hourlyValueLists(.egressBytes, gatewayID: gatewayID, from: RollupMaintainer.hourStart(start),
                                                     to: min(end, keptFrom)) where hour >= start {
                var values: [Int64] = []
                ValueList.decode(blob, into: &values)
                samples += values.map { (hour, $0) }
            }
        }
        samples += try pairs("SELECT at, bytes FROM egress_sample WHERE at >= ? AND at < ? AND gateway_id = ? ORDER BY at",
                             from: max(start, keptFrom), to: end, gatewayID: gatewayID)
        return samples
    }

    /// The two integer columns of `sql`'s rows, bound to (start, end, gateway), through the C
    /// API: a capacity report reads six weeks of each gateway's egress.
    private func pairs(_ sql: String, from start: UnixSeconds, to end: UnixSeconds, gatewayID: Int64) throws -> [(UnixSeconds, Int64)] {
        let statement = try BulkStatement(db, sql: sql)
        statement.bind(1, start)
        statement.bind(2, end)
        statement.bind(3, gatewayID)
        var rows: [(UnixSeconds, Int64)] = []
        var mistyped = false
        try statement.forEachRow { row in
            if row.isInteger(0) && row.isInteger(1) { rows.append((row.int64(0), row.int64(1))) } else { mistyped = true }
        }
        guard mistyped else { return rows }
        // Only damage stores another type in these columns: GRDB's decoding names the value (``StoreError``).
        return try Row.fetchAll(db, sql: sql, arguments: [start, end, gatewayID]).map { try ($0.value(0), $0.value(1)) }
    }

    /// The `interval`-long steps of `[start, end)` some endpoint of the gateway reported traffic
    /// in (``TrafficStepMarks``), read from the per-instant totals through the C API: a year of
    /// 5-minute traffic is a hundred thousand instants a gateway.
    func trafficStepMarks(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [UnixSeconds] {
        guard interval > 0 else { return [] }
        let statement = try BulkStatement(db, sql: """
            SELECT at FROM gateway_traffic_sample WHERE at >= ? AND at < ? AND gateway_id = ? ORDER BY at
            """)
        statement.bind(1, start)
        statement.bind(2, end)
        statement.bind(3, gatewayID)
        var steps = TrafficStepMarks(interval: interval)
        try statement.forEachRow { row in steps.add(row.int64(0)) }
        return steps.marks
    }

    /// The steps ``trafficStepMarks(gatewayID:interval:from:to:)`` finds, counted inside SQLite
    /// (``TrafficStepCount``); the marks themselves where that count cannot be trusted, or on a
    /// connection handed to ``HistoryStore/init(_:)`` that was opened without the function.
    func trafficSteps(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 {
        guard interval > 0 else { return 0 }
        if let count = try TrafficStepCount.count(db, gatewayID: gatewayID, interval: interval, from: start, to: end) { return count }
        return Int64(try trafficStepMarks(gatewayID: gatewayID, interval: interval, from: start, to: end).count)
    }

    /// ConfigMgr's own 14-day egress figures (`SMS_AzureService.TrafficOutUsage`) as (instant, bytes), in time order.
    func reportedEgressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(at: UnixSeconds, bytes: Int64)] {
        try pairs("SELECT at, last_14_days_bytes FROM reported_egress_sample WHERE at >= ? AND at < ? AND gateway_id = ? ORDER BY at",
                  from: start, to: end, gatewayID: gatewayID).map { (at: $0.0, bytes: $0.1) }
    }

    /// Raw (instant, value) pairs of one endpoint metric for one endpoint, in time order.
    func endpointSamples(_ metric: RollupMetric, endpointID: Int64, from start: UnixSeconds,
                         to end: UnixSeconds) throws -> [(at: UnixSeconds, value: Int64)] {
        guard let column = metric.endpointTrafficColumn else { return [] }
        // One value per instant: the VM instances' rows summed, the average weighted by requests
        // (rounded half up, as the gateway totals are).
        // total() is a double: a sum of products that fit 64 bits each may not.
        let value = metric == .averageElapsedMilliseconds
            ? "CASE WHEN count(*) > 1 AND total(request_count) > 0 "
                + "THEN CAST(round(total(avg_elapsed_ms * request_count) / total(request_count)) AS INTEGER) ELSE min(avg_elapsed_ms) END"
            : "sum(\(column))"
        return try Row.fetchAll(db, sql: """
            SELECT at, \(value) FROM endpoint_traffic
            WHERE at >= ? AND at < ? AND endpoint_id = ? AND \(column) IS NOT NULL GROUP BY at ORDER BY at
            """, arguments: [start, end, endpointID]).map { try ($0.value(0), $0.value(1)) }
    }
}

/// A C-API row hands its columns to the shared accumulators (``BucketValues``, ``BucketAggregates``).
extension BulkRow: RollupColumns {
    func decodeValueList(_ column: Int32, into values: inout [Int64]) { ValueList.decode(bytes(column), into: &values) }
}
