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
struct SampleReader {
    let db: Database

    /// The values of `metric` in each of `buckets` (ascending, not overlapping), in one pass.
    ///
    /// Whole UTC days come from `rollup_day`, whole UTC hours from `rollup_hour`, each read in
    /// as few range reads as the buckets allow and dealt out to the buckets in order; only the
    /// partial hours at bucket edges read raw rows (``RollupPlan``). A three-year daily trend is
    /// then one query per gateway, not one per day.
    func bucketValues(_ metric: RollupMetric, gatewayID: Int64,
                      buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [[Int64]] {
        var values = BucketValues(count: buckets.count)
        try walk(metric, gatewayID: gatewayID, buckets: buckets, into: &values)
        return values.buckets
    }

    /// Count, sum, minimum and maximum of `metric` in each of `buckets`, from the rollups' own
    /// columns: totals and peaks without decoding any value list.
    func bucketAggregates(_ metric: RollupMetric, gatewayID: Int64,
                          buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [SampleAggregate] {
        var aggregates = BucketAggregates(count: buckets.count)
        try walk(metric, gatewayID: gatewayID, buckets: buckets, into: &aggregates)
        return aggregates.buckets
    }

    /// Reads what ``RollupPlan`` says — rollup rows (start, then the accumulator's columns) and
    /// raw values — and hands each to `accumulator` with the index of its bucket. Rows are read
    /// through the C API: a three-year trend in a zone whose midnight is not UTC's steps through
    /// a quarter of a million rollup rows.
    private func walk<Accumulator: BucketAccumulator>(_ metric: RollupMetric, gatewayID: Int64,
                                                      buckets: [(start: UnixSeconds, end: UnixSeconds)],
                                                      into accumulator: inout Accumulator) throws {
        let plan = RollupPlan(buckets: buckets, subtracting: Accumulator.subtracts)
        if !plan.minusHours.isEmpty {
            // Read first: each day row then leaves out what its bucket does not hold.
            let minus = try BulkStatement(db, sql: """
                SELECT hour_start, \(Accumulator.columns) FROM rollup_hour
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
                SELECT \(key), \(Accumulator.columns) FROM \(table)
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
        samples += try Row.fetchAll(db, sql: """
            SELECT at, bytes FROM egress_sample WHERE at >= ? AND at < ? AND gateway_id = ? ORDER BY at
            """, arguments: [max(start, keptFrom), end, gatewayID]).map { try ($0.value(0), $0.value(1)) }
        return samples
    }

    /// The `interval`-long steps of `[start, end)` some endpoint of the gateway reported traffic
    /// in, each as its mark (a multiple of `interval`), ascending: each sample counts at the step
    /// nearest its instant, so two VM instances (or two endpoints) reporting the same 5 minutes a
    /// few seconds apart are one step, not two.
    func trafficStepMarks(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [UnixSeconds] {
        guard interval > 0 else { return [] }
        return try Int64.fetchAll(db, sql: """
            SELECT DISTINCT (s.at + ? / 2) / ? AS step FROM endpoint_traffic_sample s JOIN endpoint e ON e.id = s.endpoint_id
            WHERE e.gateway_id = ? AND s.at >= ? AND s.at < ? ORDER BY step
            """, arguments: [interval, interval, gatewayID, start, end]).map { $0.multipliedReportingOverflow(by: interval).partialValue }
    }

    /// ConfigMgr's own 14-day egress figures (`SMS_AzureService.TrafficOutUsage`) as (instant, bytes), in time order.
    func reportedEgressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(at: UnixSeconds, bytes: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT at, last_14_days_bytes FROM reported_egress_sample WHERE at >= ? AND at < ? AND gateway_id = ? ORDER BY at
            """, arguments: [start, end, gatewayID]).map { try ($0.value(0), $0.value(1)) }
    }

    /// Raw (instant, value) pairs of one endpoint metric for one endpoint, in time order.
    func endpointSamples(_ metric: RollupMetric, endpointID: Int64, from start: UnixSeconds,
                         to end: UnixSeconds) throws -> [(at: UnixSeconds, value: Int64)] {
        let column: String
        switch metric {
        case .requests: column = "request_count"
        case .requestBytes: column = "request_bytes"
        case .responseBytes: column = "response_bytes"
        case .averageElapsedMilliseconds: column = "avg_elapsed_ms"
        default: return []
        }
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

/// What ``SampleReader`` gathers per bucket from rollup rows and raw values.
private protocol BucketAccumulator {
    /// The rollup columns `add(rollup:to:)` reads, from column 1 on.
    static var columns: String { get }
    /// Whether rows can be taken out again (``RollupPlan``'s subtraction).
    static var subtracts: Bool { get }
    mutating func add(rollup row: BulkRow, to bucket: Int)
    mutating func subtract(rollup row: BulkRow, from bucket: Int)
    mutating func add(raw value: Int64, to bucket: Int)
}

/// Every value, per bucket.
private struct BucketValues: BucketAccumulator {
    var buckets: [[Int64]]
    /// Per bucket, sorted: values of subtracted hours not yet taken out of a day row.
    private var pending: [[Int64]]
    private var scratch: [Int64] = []

    init(count: Int) {
        buckets = Array(repeating: [], count: count)
        pending = Array(repeating: [], count: count)
    }

    static let columns = "count, value_list"
    static let subtracts = true

    mutating func add(rollup row: BulkRow, to bucket: Int) {
        // A hint only, from a stored count: bounded, so a damaged row cannot ask for the moon.
        if buckets[bucket].isEmpty { buckets[bucket].reserveCapacity(Int(min(max(row.int64(1), 0), 1 << 16))) }
        guard !pending[bucket].isEmpty else {
            ValueList.decode(row.bytes(2), into: &buckets[bucket])
            return
        }
        // Both sorted: one merge pass keeps the row's values that are not pending removal.
        scratch.removeAll(keepingCapacity: true)
        ValueList.decode(row.bytes(2), into: &scratch)
        var left: [Int64] = []
        var j = 0
        let removals = pending[bucket]
        for value in scratch {
            while j < removals.count, removals[j] < value {
                left.append(removals[j])
                j += 1
            }
            if j < removals.count, removals[j] == value {
                j += 1
            } else {
                buckets[bucket].append(value)
            }
        }
        pending[bucket] = left.isEmpty && j == removals.count ? [] : left + removals[j...]
    }

    mutating func subtract(rollup row: BulkRow, from bucket: Int) {
        ValueList.decode(row.bytes(2), into: &pending[bucket])
        pending[bucket].sort()
    }

    mutating func add(raw value: Int64, to bucket: Int) { buckets[bucket].append(value) }
}

/// Count, sum and extremes, per bucket.
private struct BucketAggregates: BucketAccumulator {
    var buckets: [SampleAggregate]
    init(count: Int) { buckets = Array(repeating: SampleAggregate(), count: count) }

    static let columns = "count, sum, min, max"
    static let subtracts = false

    mutating func add(rollup row: BulkRow, to bucket: Int) {
        buckets[bucket].merge(count: row.int64(1), sum: row.int64(2), min: row.int64(3), max: row.int64(4))
    }

    /// Never called: plans for aggregates do not subtract (an extreme cannot be taken back).
    mutating func subtract(rollup row: BulkRow, from bucket: Int) {}
    mutating func add(raw value: Int64, to bucket: Int) { buckets[bucket].add(value) }
}
