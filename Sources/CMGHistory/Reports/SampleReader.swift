import Foundation
import GRDB

/// Reads sample values for reports, from daily and hourly rollups where they give the same answer
/// and from raw samples where they must.
///
/// A gateway-level metric over `[start, end)` takes the whole UTC days inside the period from
/// `rollup_day`, the remaining whole UTC hours from `rollup_hour` (both keep every value, so
/// counts, sums, extremes and percentiles are exact) and the partial hours at either edge
/// (5-minute buckets, zones with a half-hour offset) from the raw tables. Endpoint-level values
/// always come from raw samples.
struct SampleReader {
    let db: Database

    /// Every value of `metric` for the gateway in `[start, end)`, in no particular order.
    func values(_ metric: RollupMetric, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [Int64] {
        try bucketValues(metric, gatewayID: gatewayID, buckets: [(start, end)])[0]
    }

    /// The values of `metric` in each of `buckets` (ascending, not overlapping), in one pass.
    ///
    /// Whole UTC days come from `rollup_day`, whole UTC hours from `rollup_hour`, each read in
    /// as few range reads as the buckets allow and dealt out to the buckets in order; only the
    /// partial hours at bucket edges read raw rows (``RollupPlan``). A three-year daily trend is
    /// then one query per gateway, not one per day.
    func bucketValues(_ metric: RollupMetric, gatewayID: Int64,
                      buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [[Int64]] {
        var result = Array(repeating: [Int64](), count: buckets.count)
        try walk(metric, gatewayID: gatewayID, buckets: buckets, columns: "count, value_list",
                 rollup: { index, row in
                     if result[index].isEmpty { result[index].reserveCapacity(row[1]) }
                     try row.withUnsafeData(atIndex: 2) { list in
                         list?.withUnsafeBytes { ValueList.decode($0, into: &result[index]) }
                     }
                 },
                 raw: { index, value in result[index].append(value) })
        return result
    }

    /// Count, sum, minimum and maximum of `metric` in each of `buckets`, from the rollups' own
    /// columns: totals and peaks without decoding any value list.
    func bucketAggregates(_ metric: RollupMetric, gatewayID: Int64,
                          buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [SampleAggregate] {
        var result = Array(repeating: SampleAggregate(), count: buckets.count)
        try walk(metric, gatewayID: gatewayID, buckets: buckets, columns: "count, sum, min, max",
                 rollup: { index, row in result[index].merge(count: row[1], sum: row[2], min: row[3], max: row[4]) },
                 raw: { index, value in result[index].add(value) })
        return result
    }

    /// As ``bucketAggregates(_:gatewayID:buckets:)`` for one period.
    func aggregate(_ metric: RollupMetric, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> SampleAggregate {
        try bucketAggregates(metric, gatewayID: gatewayID, buckets: [(start, end)])[0]
    }

    /// Reads what ``RollupPlan`` says: rollup rows (time, then `columns`) and raw values, each
    /// handed over with the index of its bucket.
    private func walk(_ metric: RollupMetric, gatewayID: Int64, buckets: [(start: UnixSeconds, end: UnixSeconds)],
                      columns: String, rollup: (Int, Row) throws -> Void, raw: (Int, Int64) -> Void) throws {
        let plan = RollupPlan(buckets: buckets)
        for (table, key, spans) in [("rollup_day", "day_start", plan.days), ("rollup_hour", "hour_start", plan.hours)] where !spans.isEmpty {
            let statement = try db.cachedStatement(sql: """
                SELECT \(key), \(columns) FROM \(table)
                WHERE gateway_id = ? AND metric_id = ? AND \(key) >= ? AND \(key) < ? ORDER BY \(key)
                """)
            var index = 0
            for span in spans {
                let rows = try Row.fetchCursor(statement, arguments: [gatewayID, metric.rawValue, span.start, span.end])
                while let row = try rows.next() {
                    let start: Int64 = row[0]
                    while index < buckets.count - 1, buckets[index].end <= start { index += 1 }
                    try rollup(index, row)
                }
            }
        }
        let rawRows = try db.cachedStatement(sql: metric.rawQuery)
        for (index, span) in plan.raw {
            let rows = try Row.fetchCursor(rawRows, arguments: [gatewayID, span.start, span.end])
            while let row = try rows.next() { raw(index, row[1]) }
        }
    }

    /// Values of one hour-aligned stretch, grouped by UTC hour: for callers that bucket many
    /// hours at once (trends over years) and must not query hour by hour.
    func hourlyValueLists(_ metric: RollupMetric, gatewayID: Int64, from start: UnixSeconds,
                          to end: UnixSeconds) throws -> [(hourStart: UnixSeconds, values: Data)] {
        try Row.fetchAll(db, sql: """
            SELECT hour_start, value_list FROM rollup_hour
            WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ? ORDER BY hour_start
            """, arguments: [gatewayID, metric.rawValue, start, end]).map { ($0[0], $0[1]) }
    }

    /// Egress samples as (instant, bytes) in time order. Where raw samples were pruned, each
    /// value kept in an hour's rollup stands at the start of its hour.
    func egressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(at: UnixSeconds, bytes: Int64)] {
        let keptFrom = try Int64.fetchOne(db, sql: "SELECT raw_kept_from FROM retention WHERE id = 1") ?? Int64.min
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
            """, arguments: [max(start, keptFrom), end, gatewayID]).map { ($0[0], $0[1]) }
        return samples
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
        return try Row.fetchAll(db, sql: """
            SELECT at, \(column) FROM endpoint_traffic
            WHERE at >= ? AND at < ? AND endpoint_id = ? AND \(column) IS NOT NULL ORDER BY at
            """, arguments: [start, end, endpointID]).map { ($0[0], $0[1]) }
    }
}
