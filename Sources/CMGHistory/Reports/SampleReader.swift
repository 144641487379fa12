import Foundation
import GRDB

/// Reads sample values for reports, from hourly rollups where they give the same answer and
/// from raw samples where they must.
///
/// A gateway-level metric over `[start, end)` takes the whole UTC hours inside the period from
/// `rollup_hour` (which keeps every value of its hour, so counts, sums, extremes and percentiles
/// are exact) and the partial hours at either edge (5-minute buckets, zones with a half-hour
/// offset) from the raw tables. Endpoint-level values always come from raw samples.
struct SampleReader {
    let db: Database

    /// Every value of `metric` for the gateway in `[start, end)`, in no particular order.
    func values(_ metric: RollupMetric, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [Int64] {
        try bucketValues(metric, gatewayID: gatewayID, buckets: [(start, end)])[0]
    }

    /// The values of `metric` in each of `buckets` (ascending, not overlapping), in one pass.
    ///
    /// The whole UTC hours of all buckets come from one range read of `rollup_hour`, dealt out
    /// to the buckets in order; only the partial hours at bucket edges read raw rows. A three-year
    /// daily trend is then one query per gateway, not one per day.
    func bucketValues(_ metric: RollupMetric, gatewayID: Int64,
                      buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [[Int64]] {
        var result = Array(repeating: [Int64](), count: buckets.count)
        guard let first = buckets.first, let last = buckets.last else { return result }
        let rollups = try db.cachedStatement(sql: """
            SELECT hour_start, value_list FROM rollup_hour
            WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ? ORDER BY hour_start
            """)
        let rows = try Row.fetchCursor(rollups, arguments: [gatewayID, metric.rawValue, RollupMaintainer.hourStart(first.start + 3599),
                                                           RollupMaintainer.hourStart(last.end)])
        var index = 0
        while let row = try rows.next() {
            let hour: Int64 = row[0]
            // The bucket whose whole hours hold this hour, if any (an hour straddling a bucket
            // edge is read raw instead).
            while index < buckets.count, RollupMaintainer.hourStart(buckets[index].end) <= hour { index += 1 }
            guard index < buckets.count, hour >= RollupMaintainer.hourStart(buckets[index].start + 3599) else { continue }
            let blob: Data = row[1]
            ValueList.decode(blob, into: &result[index])
        }
        for (i, bucket) in buckets.enumerated() {
            let firstWholeHour = RollupMaintainer.hourStart(bucket.start + 3599)
            let endOfWholeHours = RollupMaintainer.hourStart(bucket.end)
            if firstWholeHour >= endOfWholeHours {
                try appendRaw(metric, gatewayID: gatewayID, bucket.start, bucket.end, into: &result[i])
            } else {
                try appendRaw(metric, gatewayID: gatewayID, bucket.start, firstWholeHour, into: &result[i])
                try appendRaw(metric, gatewayID: gatewayID, endOfWholeHours, bucket.end, into: &result[i])
            }
        }
        return result
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

    private func appendRaw(_ metric: RollupMetric, gatewayID: Int64, _ start: UnixSeconds, _ end: UnixSeconds,
                           into values: inout [Int64]) throws {
        guard start < end else { return }
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: metric.rawQuery), arguments: [gatewayID, start, end])
        while let row = try rows.next() { values.append(row[1]) }
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
