import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Hourly and daily rollups maintained on import")
struct RollupTests {
    static let base = Timestamp.parse("2026-10-01T00:00:00Z") ?? 0

    struct Sample: Hashable {
        var type: String, gateway: String, endpoint: String, at: Int64, value: Int64
        var line: String {
            let time = Timestamp.format(at)
            switch type {
            case "online_clients": return #"{"type":"online_clients","gateway":"\#(gateway)","at":"\#(time)","count":\#(value)}"#
            case "egress": return #"{"type":"egress","gateway":"\#(gateway)","at":"\#(time)","interval_s":3600,"bytes":\#(value)}"#
            case "storage": return #"{"type":"storage","gateway":"\#(gateway)","at":"\#(time)","used_bytes":\#(value)}"#
            default:
                return #"{"type":"endpoint_traffic","gateway":"\#(gateway)","endpoint":"\#(endpoint)","at":"\#(time)","interval_s":300,"request_count":\#(value),"request_bytes":\#(value * 3),"response_count":\#(value),"response_bytes":\#(value * 2),"avg_elapsed_ms":\#(value % 50 + 10)}"#
            }
        }
    }

    /// The expected value lists per (gateway, metric, hour), computed straight from the raw
    /// sample tables (endpoint traffic summed per instant here, not read from the totals table).
    static func expected(_ store: HistoryStore) throws -> [String: [Int64]] {
        try store.read { db in
            var lists: [String: [Int64]] = [:]
            for (metric, sql) in [
                ("online_clients", "SELECT g.name, s.at, s.count FROM online_clients_sample s JOIN gateway g ON g.id = s.gateway_id"),
                ("egress_bytes", "SELECT g.name, s.at, s.bytes FROM egress_sample s JOIN gateway g ON g.id = s.gateway_id"),
                ("storage_used_bytes", "SELECT g.name, s.at, s.used_bytes FROM storage_sample s JOIN gateway g ON g.id = s.gateway_id"),
                ("requests", "SELECT g.name, t.at, sum(t.request_count) FROM endpoint_traffic t JOIN gateway g ON g.id = t.gateway_id GROUP BY 1, 2"),
                ("request_bytes", "SELECT g.name, t.at, sum(t.request_bytes) FROM endpoint_traffic t JOIN gateway g ON g.id = t.gateway_id GROUP BY 1, 2"),
                ("response_bytes", "SELECT g.name, t.at, sum(t.response_bytes) FROM endpoint_traffic t JOIN gateway g ON g.id = t.gateway_id GROUP BY 1, 2"),
                ("avg_elapsed_ms", """
                    SELECT g.name, t.at, (sum(t.avg_elapsed_ms * t.request_count) + sum(t.request_count) / 2) / sum(t.request_count)
                    FROM endpoint_traffic t JOIN gateway g ON g.id = t.gateway_id WHERE t.avg_elapsed_ms IS NOT NULL
                    GROUP BY 1, 2 HAVING sum(t.request_count) > 0
                    """),
            ] {
                for row in try Row.fetchAll(db, sql: sql) {
                    lists["\(row[0] as String)|\(metric)|\(RollupMaintainer.hourStart(row[1]))", default: []].append(row[2])
                }
            }
            return lists.mapValues { $0.sorted() }
        }
    }

    /// The hourly lists regrouped by UTC day.
    static func byDay(_ hourly: [String: [Int64]]) -> [String: [Int64]] {
        var days: [String: [Int64]] = [:]
        for (key, values) in hourly {
            let parts = key.split(separator: "|")
            days["\(parts[0])|\(parts[1])|\(DailyRollups.dayStart(Int64(parts[2]) ?? 0))", default: []] += values
        }
        return days.mapValues { $0.sorted() }
    }

    static func stored(_ store: HistoryStore, table: String = "rollup_hour", start: String = "hour_start") throws -> [String: [Int64]] {
        try store.read { db in
            var result: [String: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT g.name, m.name, r.\(start), r.count, r.sum, r.min, r.max, r.value_list FROM \(table) r
                JOIN gateway g ON g.id = r.gateway_id JOIN metric m ON m.id = r.metric_id
                """) {
                var values: [Int64] = []
                ValueList.decode(row[7] as Data, into: &values)
                // The stored count, sum and extremes must agree with the stored values.
                #expect(values.count == row[3] as Int && values.reduce(0, +) == row[4] as Int64)
                #expect(values.min() == row[5] as Int64 && values.max() == row[6] as Int64)
                result["\(row[0] as String)|\(row[1] as String)|\(row[2] as Int64)"] = values
            }
            return result
        }
    }

    @Test func forRandomSamplesInAnyOrderAndBatchingEveryRollupEqualsTheRawComputation() throws {
        var rng = SplitMix64(seed: 21)
        for round in 0..<12 {
            var samples: [Sample] = []
            for _ in 0..<(50 + Int(rng.next() % 200)) {
                let type = ["online_clients", "egress", "storage", "endpoint_traffic", "endpoint_traffic"][Int(rng.next() % 5)]
                samples.append(Sample(type: type, gateway: ["G1", "G2"][Int(rng.next() % 2)], endpoint: ["CCM_STS", "SMS_MP"][Int(rng.next() % 2)],
                                      at: Self.base - 7200 + Int64(rng.next() % 40) * 300 + Int64(rng.next() % 3) * 86_400, value: Int64(rng.next() % 5000)))
            }
            // Re-sent samples with other values must not change anything (first one wins).
            let resent = samples.prefix(10).map { s -> Sample in var c = s; c.value += 1; return c }
            let all = samples + resent
            let folder = try TemporaryFolder()
            let store = try folder.store()
            let importer = NDJSONImporter(store: store)
            importer.batchSize = 1 + Int(rng.next() % 40)
            var remaining = all
            var piece = 0
            while !remaining.isEmpty {
                let take = min(remaining.count, 1 + Int(rng.next() % 60))
                let chunk = Array(remaining.prefix(take)).shuffled(using: &rng)
                remaining.removeFirst(take)
                piece += 1
                _ = try importer.importFile(at: try folder.write("p\(piece)", chunk.map(\.line).joined(separator: "\n")))
            }
            let stored = try Self.stored(store)
            let expected = try Self.expected(store)
            #expect(!expected.isEmpty)
            #expect(stored == expected, "round \(round)")
            #expect(try Self.stored(store, table: "rollup_day", start: "day_start") == Self.byDay(expected), "round \(round)")
            if stored != expected {
                for key in Set(stored.keys).union(expected.keys).sorted() where stored[key] != expected[key] {
                    Issue.record("\(key): stored \(stored[key] ?? []) expected \(expected[key] ?? [])")
                    break
                }
            }
        }
    }
    @Test func aDatabaseWithHourlyRollupsOnlyGetsItsDaysWhenMigrated() throws {
        // Given a database as it stood before daily rollups: hours over four UTC days, no days
        var rng = SplitMix64(seed: 5)
        let lines = (0..<300).map { _ in
            Sample(type: ["online_clients", "egress", "endpoint_traffic"][Int(rng.next() % 3)], gateway: ["G1", "G2"][Int(rng.next() % 2)],
                   endpoint: "CCM_STS", at: Self.base - 3600 + Int64(rng.next() % 1100) * 300, value: Int64(rng.next() % 9000)).line
        }
        let folder = try TemporaryFolder()
        let path: String
        do {
            let store = try folder.store()
            path = store.path
            _ = try NDJSONImporter(store: store).importFile(at: try folder.write("samples", Set(lines).sorted().joined(separator: "\n")))
        }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE rollup_day")
            try db.execute(sql: "DROP INDEX IF EXISTS egress_sample_by_gateway")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0005_add_daily_rollups'")
        }
        try queue.close()
        // When it is opened by this version
        let store = try HistoryStore(path: path)
        // Then every day is the merge of its hours
        let days = try Self.stored(store, table: "rollup_day", start: "day_start")
        #expect(days.count >= 8)
        #expect(days == Self.byDay(try Self.expected(store)))
    }
    @Test func forRandomBucketsReadsFromDaysHoursAndRawEqualTheRawSamples() throws {
        // Given random online-client and storage samples over five UTC days
        var rng = SplitMix64(seed: 77)
        let lines = (0..<600).map { _ in
            Sample(type: ["online_clients", "storage"][Int(rng.next() % 2)], gateway: "G1", endpoint: "",
                   at: Self.base - 86_400 + Int64(rng.next() % 1440) * 300, value: Int64(rng.next() % 700)).line
        }
        let folder = try TemporaryFolder()
        let store = try folder.store()
        _ = try NDJSONImporter(store: store).importFile(at: try folder.write("samples", lines.joined(separator: "\n")))
        var subtractingRounds = 0
        for round in 0..<40 {
            // When the reader is asked for buckets cut at random 5-minute, half-hour, hour and day marks
            let steps: [Int64] = [300, 1800, 3600, 86_400]
            var cuts: Set<Int64> = []
            for _ in 0..<(2 + Int(rng.next() % 6)) {
                let step = steps[Int(rng.next() % 4)]
                cuts.insert(Self.base - 2 * 86_400 + Int64(rng.next() % UInt64(6 * 86_400 / step)) * step)
            }
            let sorted = cuts.sorted()
            let buckets = zip(sorted, sorted.dropFirst()).map { (start: $0, end: $1) }
            if !RollupPlan(buckets: buckets, subtracting: true).minusHours.isEmpty { subtractingRounds += 1 }
            for metric in [RollupMetric.onlineClients, .storageUsedBytes] {
                let (values, aggregates) = try store.snapshot { reads in
                    (try reads.bucketValues(metric, gatewayID: 1, buckets: buckets),
                     try reads.bucketAggregates(metric, gatewayID: 1, buckets: buckets))
                }
                let raw = try store.read { db in
                    try buckets.map { try Int64.fetchAll(db, sql: metric.rawQuery.replacingOccurrences(of: "SELECT at, ", with: "SELECT "),
                                                         arguments: [1, $0.start, $0.end]) }
                }
                // Then each bucket holds exactly the raw samples' values, and their count, sum and extremes
                #expect(values.map { $0.sorted() } == raw.map { $0.sorted() }, "round \(round) \(metric.name) \(buckets)")
                #expect(aggregates.map(\.count) == raw.map { Int64($0.count) } && aggregates.map(\.total) == raw.map { $0.isEmpty ? nil : $0.reduce(0, +) })
                #expect(aggregates.map(\.min) == raw.map { $0.min() } && aggregates.map(\.max) == raw.map { $0.max() })
            }
        }
        // Some of the random buckets were read by taking whole days and subtracting hours
        #expect(subtractingRounds >= 5)
    }

    @Test func aDailyPlanReadsDaysInUTCAndJoinedHoursElsewhere() throws {
        let day: Int64 = 86_400
        let utc = RollupPlan(buckets: (0..<5).map { (start: Self.base + $0 * day, end: Self.base + ($0 + 1) * day) })
        #expect(utc.days.map(\.start) == [Self.base] && utc.days.map(\.end) == [Self.base + 5 * day])
        #expect(utc.hours.isEmpty && utc.raw.isEmpty)
        // Berlin in winter: local midnight is 23:00 UTC, so every bucket is hours, read as one span
        let berlin = RollupPlan(buckets: (0..<5).map { (start: Self.base - 3600 + $0 * day, end: Self.base - 3600 + ($0 + 1) * day) })
        #expect(berlin.days.isEmpty && berlin.raw.isEmpty && berlin.hours.count == 1)
        // ... unless values are read: then each bucket takes its UTC day whole, plus the hour
        // before it, minus its last hour (three rows instead of 24)
        let berlinValues = RollupPlan(buckets: (0..<5).map { (start: Self.base - 3600 + $0 * day, end: Self.base - 3600 + ($0 + 1) * day) },
                                      subtracting: true)
        #expect(berlinValues.days.map(\.start) == [Self.base] && berlinValues.days.map(\.end) == [Self.base + 5 * day])
        #expect(berlinValues.hours.map(\.start) == (0..<5).map { Self.base - 3600 + $0 * day })
        #expect(berlinValues.minusHours.map(\.bucket) == Array(0..<5))
        #expect(berlinValues.minusHours.map(\.span.start) == (1...5).map { Self.base - 3600 + $0 * day })
        // A month in Kolkata (+05:30): half an hour raw at each edge, hours up to UTC midnight, then days
        let kolkata = RollupPlan(buckets: [(start: Self.base - 19_800, end: Self.base - 19_800 + 31 * day)])
        #expect(kolkata.raw.map(\.span.start) == [Self.base - 19_800, Self.base + 31 * day - 21_600])
        #expect(kolkata.hours.map(\.start) == [Self.base - 18_000, Self.base + 30 * day])
        #expect(kolkata.days.map(\.start) == [Self.base] && kolkata.days.map(\.end) == [Self.base + 30 * day])
    }
}
