import Foundation
import GRDB

/// Keeps `gateway_traffic_sample`, `rollup_hour` and `rollup_day` in step with the raw samples,
/// as they arrive.
///
/// The batch writer tells it about every inserted sample. Before the batch commits, it adds the
/// batch's endpoint traffic into the per-instant gateway totals (checked: a sample whose total
/// would not fit 64 bits is rejected before it is inserted), then recomputes each touched
/// (gateway, hour) rollup from the raw rows of that hour, and each touched day from its hours.
/// Recomputing rather than adding makes late, out-of-order and re-sent data come out exactly as
/// if it had arrived in order.
struct RollupMaintainer {
    private let db: Database

    /// Which metric groups each touched (gateway, hour) needs recomputed.
    private var touched: [HourKey: MetricGroups] = [:]
    /// This batch's endpoint traffic, summed per gateway and instant.
    private var trafficTotals: [InstantKey: TrafficTotals] = [:]

    struct HourKey: Hashable, Comparable {
        var gatewayID: Int64
        var hourStart: Int64
        static func < (a: HourKey, b: HourKey) -> Bool {
            (a.gatewayID, a.hourStart) < (b.gatewayID, b.hourStart)
        }
    }

    private struct InstantKey: Hashable {
        var gatewayID: Int64
        var at: Int64
    }

    /// A gateway's traffic at one instant, summed over its endpoints: what is stored, plus this
    /// batch's samples. Shared with the PostgreSQL record writer, so both refuse the same sums.
    struct TrafficTotals {
        var samples: Int64 = 0
        var requestCount: Int64 = 0
        var requestBytes: Int64 = 0
        var responseBytes: Int64 = 0
        var elapsedWeighted: Int64 = 0
        var elapsedRequests: Int64 = 0
        /// Whether this batch added to them, so they need writing.
        var changed = false

        /// These totals with one more endpoint sample, or the field whose total would pass
        /// `Int64.max` (thousands of endpoints each near ``ValueLimits/maximumSampleValue``).
        func adding(requestCount count: Int64, requestBytes: Int64, responseBytes: Int64,
                    averageElapsed: Int64?) -> Result<TrafficTotals, Overflow> {
            var next = self
            func add(_ total: inout Int64, _ value: Int64, _ field: String) -> Overflow? {
                let (sum, overflow) = total.addingReportingOverflow(value)
                total = sum
                return overflow ? Overflow(field: field, value: value) : nil
            }
            if let o = add(&next.samples, 1, "endpoint") ?? add(&next.requestCount, count, "request_count")
                ?? add(&next.requestBytes, requestBytes, "request_bytes")
                ?? add(&next.responseBytes, responseBytes, "response_bytes") { return .failure(o) }
            if let averageElapsed {
                let (weighted, overflow) = averageElapsed.multipliedReportingOverflow(by: count)
                if overflow { return .failure(Overflow(field: "avg_elapsed_ms", value: averageElapsed)) }
                if let o = add(&next.elapsedWeighted, weighted, "avg_elapsed_ms") ?? add(&next.elapsedRequests, count, "request_count") {
                    return .failure(o)
                }
            }
            next.changed = true
            return .success(next)
        }
    }

    struct Overflow: Error {
        var field: String
        var value: Int64
    }

    struct MetricGroups: OptionSet {
        let rawValue: UInt8
        static let onlineClients = MetricGroups(rawValue: 1)
        static let traffic = MetricGroups(rawValue: 2)
        static let egress = MetricGroups(rawValue: 4)
        static let storage = MetricGroups(rawValue: 8)

        var metrics: [RollupMetric] {
            var list: [RollupMetric] = []
            if contains(.onlineClients) { list.append(.onlineClients) }
            if contains(.traffic) { list += [.requests, .requestBytes, .responseBytes, .averageElapsedMilliseconds] }
            if contains(.egress) { list.append(.egressBytes) }
            if contains(.storage) { list.append(.storageUsedBytes) }
            return list
        }
    }

    init(_ db: Database) { self.db = db }

    static func hourStart(_ at: Int64) -> Int64 {
        let remainder = at % 3600
        return remainder >= 0 ? at - remainder : at - remainder - 3600
    }

    /// The last key noted: rows come in runs of one gateway and instant, so most notes repeat it
    /// and need no hashing.
    private var lastTouched: (key: HourKey, groups: MetricGroups)?
    private var lastInstant: (key: InstantKey, totals: TrafficTotals)?
    /// The totals with the sample being written, until it is known to be inserted.
    private var pendingTotals: TrafficTotals?
    private var storedTotalsQuery: BulkStatement?
    /// Per gateway, the latest instant with stored totals when this batch began (`Int64.min` for none).
    private var latestStoredInstants: [Int64: Int64] = [:]

    mutating func noteInserted(_ group: MetricGroups, gatewayID: Int64, at: Int64) {
        let key = HourKey(gatewayID: gatewayID, hourStart: Self.hourStart(at))
        if let last = lastTouched, last.key == key, last.groups.contains(group) { return }
        touched[key, default: []].insert(group)
        lastTouched = (key, touched[key] ?? group)
    }

    /// Checks that an endpoint sample's traffic can be added to its gateway's totals at that
    /// instant (stored and this batch's); call before inserting it, then ``noteInsertedTraffic()``
    /// once it is inserted. A rejection names the field whose total would not fit 64 bits.
    mutating func checkTraffic(gatewayID: Int64, at: Int64, requestCount: Int64, requestBytes: Int64,
                               responseBytes: Int64, averageElapsed: Int64?) throws -> LineRejection? {
        let key = InstantKey(gatewayID: gatewayID, at: at)
        let totals: TrafficTotals
        if let last = lastInstant, last.key == key {
            totals = last.totals
        } else {
            flushInstant()
            if let known = trafficTotals[key] { totals = known } else { totals = try storedTotals(key) }
            lastInstant = (key, totals)
        }
        switch totals.adding(requestCount: requestCount, requestBytes: requestBytes, responseBytes: responseBytes,
                             averageElapsed: averageElapsed) {
        case .success(let next):
            pendingTotals = next
            return nil
        case .failure(let overflow):
            pendingTotals = nil
            return Self.rejection(overflow, at: at)
        }
    }

    /// The rejection of an endpoint sample whose gateway total at `at` would not fit 64 bits.
    static func rejection(_ overflow: Overflow, at: Int64) -> LineRejection {
        .outOfRange(field: overflow.field, value: String(overflow.value),
                    limit: "(limit: the gateway's total over its endpoints at \(Timestamp.format(at)) would pass \(Int64.max))")
    }

    /// Adds the sample last passed to ``checkTraffic(gatewayID:at:requestCount:requestBytes:responseBytes:averageElapsed:)``.
    mutating func noteInsertedTraffic() {
        guard let last = lastInstant, let pending = pendingTotals else { return }
        noteInserted(.traffic, gatewayID: last.key.gatewayID, at: last.key.at)
        lastInstant = (last.key, pending)
        pendingTotals = nil
    }

    /// The totals stored for the instant before this batch, or none.
    private mutating func storedTotals(_ key: InstantKey) throws -> TrafficTotals {
        // Exports arrive in time order: an instant after every stored one of its gateway has no
        // stored totals, which one read of the gateway's last key (primary key (gateway_id, at), 0011) tells.
        let latest: Int64
        if let known = latestStoredInstants[key.gatewayID] {
            latest = known
        } else {
            latest = try Int64.fetchOne(db, sql: "SELECT max(at) FROM gateway_traffic_sample WHERE gateway_id = ?",
                                        arguments: [key.gatewayID]) ?? Int64.min
            latestStoredInstants[key.gatewayID] = latest
        }
        if key.at > latest { return TrafficTotals() }
        if storedTotalsQuery == nil {
            storedTotalsQuery = try BulkStatement(db, sql: """
                SELECT endpoint_samples, request_count, request_bytes, response_bytes, elapsed_weighted, elapsed_requests
                FROM gateway_traffic_sample WHERE at = ? AND gateway_id = ?
                """)
        }
        guard let query = storedTotalsQuery else { return TrafficTotals() }
        query.bind(1, key.at)
        query.bind(2, key.gatewayID)
        var totals = TrafficTotals()
        try query.forEachRow { row in
            totals = TrafficTotals(samples: row.int64(0), requestCount: row.int64(1), requestBytes: row.int64(2),
                                   responseBytes: row.int64(3), elapsedWeighted: row.int64(4), elapsedRequests: row.int64(5))
        }
        return totals
    }

    private mutating func flushInstant() {
        if let last = lastInstant { trafficTotals[last.key] = last.totals }
        lastInstant = nil
    }

    /// Writes the batch's totals and recomputes every touched rollup. Call once, before commit.
    mutating func finish() throws {
        flushInstant()
        try addTrafficTotals()
        var days = Set<DailyRollups.Key>()
        for (key, groups) in touched.sorted(by: { $0.key < $1.key }) {
            if groups.contains(.traffic) { try Self.recomputeTraffic(db, gatewayID: key.gatewayID, hourStart: key.hourStart) }
            for metric in groups.subtracting(.traffic).metrics {
                try Self.recompute(db, gatewayID: key.gatewayID, metric: metric, hourStart: key.hourStart)
            }
            for metric in groups.metrics {
                days.insert(DailyRollups.Key(gatewayID: key.gatewayID, metricID: metric.rawValue,
                                             dayStart: DailyRollups.dayStart(key.hourStart)))
            }
        }
        try DailyRollups.recompute(db, days.sorted())
    }

    private func addTrafficTotals() throws {
        guard !trafficTotals.isEmpty else { return }
        let upsert = try BulkStatement(db, sql: """
            INSERT INTO gateway_traffic_sample(gateway_id, at, endpoint_samples, request_count, request_bytes,
                response_bytes, elapsed_weighted, elapsed_requests)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (at, gateway_id) DO UPDATE SET
                endpoint_samples = excluded.endpoint_samples, request_count = excluded.request_count,
                request_bytes = excluded.request_bytes, response_bytes = excluded.response_bytes,
                elapsed_weighted = excluded.elapsed_weighted, elapsed_requests = excluded.elapsed_requests
            """)
        // The totals already hold what was stored (``storedTotals(_:)``), added with checks; in
        // key order (gateway, then instant, 0011), so each insert lands next to the one before.
        for (key, totals) in trafficTotals.sorted(by: { ($0.key.gatewayID, $0.key.at) < ($1.key.gatewayID, $1.key.at) })
        where totals.changed {
            upsert.bind(1, key.gatewayID)
            upsert.bind(2, key.at)
            upsert.bind(3, totals.samples)
            upsert.bind(4, totals.requestCount)
            upsert.bind(5, totals.requestBytes)
            upsert.bind(6, totals.responseBytes)
            upsert.bind(7, totals.elapsedWeighted)
            upsert.bind(8, totals.elapsedRequests)
            try upsert.execute()
        }
    }

    /// Rebuilds one rollup row from the raw rows of its hour (or removes it when there are none).
    /// Runs for every touched hour and metric of every batch, so its statements are cached.
    static func recompute(_ db: Database, gatewayID: Int64, metric: RollupMetric, hourStart: Int64) throws {
        if metric.isEndpointMetric {
            try recomputeTraffic(db, gatewayID: gatewayID, hourStart: hourStart)
            return
        }
        var samples: [Int64] = []
        samples.reserveCapacity(16)
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: metric.rawQuery), arguments: [gatewayID, hourStart, hourStart + 3600])
        while let row = try rows.next() { samples.append(try row.value(1)) }
        try store(db, samples, gatewayID: gatewayID, metric: metric, hourStart: hourStart)
    }

    /// The four traffic rollups of one hour from one read of the per-instant totals.
    static func recomputeTraffic(_ db: Database, gatewayID: Int64, hourStart: Int64) throws {
        var requests: [Int64] = [], requestBytes: [Int64] = [], responseBytes: [Int64] = [], elapsed: [Int64] = []
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: """
            SELECT request_count, request_bytes, response_bytes, elapsed_weighted, elapsed_requests FROM gateway_traffic_sample
            WHERE at >= ?2 AND at < ?3 AND gateway_id = ?1
            """), arguments: [gatewayID, hourStart, hourStart + 3600])
        while let row = try rows.next() {
            requests.append(try row.value(0))
            requestBytes.append(try row.value(1))
            responseBytes.append(try row.value(2))
            if let average = try averageElapsed(weighted: row.value(3), requests: row.value(4)) { elapsed.append(average) }
        }
        try store(db, requests, gatewayID: gatewayID, metric: .requests, hourStart: hourStart)
        try store(db, requestBytes, gatewayID: gatewayID, metric: .requestBytes, hourStart: hourStart)
        try store(db, responseBytes, gatewayID: gatewayID, metric: .responseBytes, hourStart: hourStart)
        try store(db, elapsed, gatewayID: gatewayID, metric: .averageElapsedMilliseconds, hourStart: hourStart)
    }

    /// The request-weighted average of an instant's totals, rounded half up, as
    /// RollupMetric.rawQuery computes it; nil when no request carried an average.
    ///
    /// From quotient and remainder, since weighted + weight / 2 may not fit 64 bits.
    static func averageElapsed(weighted: Int64, requests weight: Int64) -> Int64? {
        guard weight > 0 else { return nil }
        let (quotient, remainder) = weighted.quotientAndRemainder(dividingBy: weight)
        return quotient + (remainder >= weight - remainder ? 1 : 0)
    }

    private static func store(_ db: Database, _ samples: [Int64], gatewayID: Int64, metric: RollupMetric, hourStart: Int64) throws {
        try RollupRow.store(db, .hour, gatewayID: gatewayID, metricID: metric.rawValue, start: hourStart, values: samples)
    }
}
