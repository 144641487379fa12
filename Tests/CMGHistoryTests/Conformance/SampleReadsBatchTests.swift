import Foundation
import Testing
@testable import CMGHistory

/// Several aggregate reads asked for at once (a capacity report's month, previous month and
/// forecast days) answer what each asks alone, per set and per bucket, on every backend: with
/// rollup days, hours and raw partial hours in one batch, an empty set between others, and a
/// metric with no samples.
@Suite("Batched aggregate reads answer each read's own figures on every backend")
struct SampleReadsBatchTests {
    static let start: UnixSeconds = 1_790_812_800  // 2026-10-01T00:00:00Z
    static let gateway = "GraniteFalls.contoso.com"

    /// Three days: online clients every 5 minutes, storage hourly, egress every 15 minutes.
    static func records() -> [HistoryRecord] {
        var out: [HistoryRecord] = []
        for step: Int64 in 0..<(3 * 288) {
            let at = start + step * 300
            out.append(.onlineClients(OnlineClientsSample(gateway: gateway, at: at, count: 100 + (step * 37) % 91)))
            if step.isMultiple(of: 12) { out.append(.storage(StorageSample(gateway: gateway, at: at, usedBytes: 1_000 + step * 3))) }
            if step.isMultiple(of: 3) { out.append(.egress(EgressSample(gateway: gateway, at: at, intervalSeconds: 900, bytes: step % 7))) }
        }
        return out
    }

    /// The aggregate of the samples of `metric` in `[from, to)`, from the records themselves.
    static func expected(_ records: [HistoryRecord], _ metric: RollupMetric, _ from: UnixSeconds, _ to: UnixSeconds) -> SampleAggregate {
        var aggregate = SampleAggregate()
        for record in records {
            let sample: (UnixSeconds, Int64)? = switch (metric, record) {
            case (.onlineClients, .onlineClients(let s)): (s.at, s.count)
            case (.storageUsedBytes, .storage(let s)): (s.at, s.usedBytes)
            case (.egressBytes, .egress(let s)): (s.at, s.bytes)
            default: nil
            }
            if let (at, value) = sample, at >= from, at < to { aggregate.add(value) }
        }
        return aggregate
    }

    @Test(arguments: ConformanceBackend.allCases)
    func aBatchAnswersEachSetAsItsOwnRead(_ backend: ConformanceBackend) throws {
        // Given three days of samples
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let records = Self.records()
        _ = try store.importRecords(records, source: "samples")
        let day: Int64 = 86_400
        // Days cut at +05:30 (whole days, whole hours and half hours), whole UTC days, a partial hour, none
        let kolkata = (0..<2).map { (Self.start + $0 * day + 66_600, Self.start + ($0 + 1) * day + 66_600) }
        let utcDays = (0..<3).map { (Self.start + $0 * day, Self.start + ($0 + 1) * day) }
        let sets: [(metric: RollupMetric, buckets: [(start: UnixSeconds, end: UnixSeconds)])] = [
            (.onlineClients, kolkata), (.storageUsedBytes, utcDays), (.onlineClients, []),
            (.egressBytes, [(Self.start + 1_000, Self.start + 2_500)]), (.requests, utcDays),
            (.onlineClients, [(Self.start, Self.start + 3 * day)]),
        ]

        // When they are read as one batch and one by one
        let (batch, single) = try store.snapshot { reads in
            guard let id = try reads.allGateways().first(where: { $0.name == Self.gateway })?.id else {
                return ([[SampleAggregate]](), [[SampleAggregate]]())
            }
            return (try reads.bucketAggregates(sets, gatewayID: id),
                    try sets.map { try reads.bucketAggregates($0.metric, gatewayID: id, buckets: $0.buckets) })
        }

        // Then each set's answer is its own read's, and the samples' own figures
        #expect(batch == single)
        #expect(batch.count == sets.count)
        for (answer, set) in zip(batch, sets) {
            #expect(answer == set.buckets.map { Self.expected(records, set.metric, $0.start, $0.end) })
        }
        #expect(batch[0][0].count == 288 && batch[5][0].count == 3 * 288)
    }
}
