import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Hourly rollups maintained on import")
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

    static func stored(_ store: HistoryStore) throws -> [String: [Int64]] {
        try store.read { db in
            var result: [String: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT g.name, m.name, r.hour_start, r.count, r.sum, r.min, r.max, r.value_list FROM rollup_hour r
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
                                      at: Self.base + Int64(rng.next() % 40) * 300, value: Int64(rng.next() % 5000)))
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
            if stored != expected {
                for key in Set(stored.keys).union(expected.keys).sorted() where stored[key] != expected[key] {
                    Issue.record("\(key): stored \(stored[key] ?? []) expected \(expected[key] ?? [])")
                    break
                }
            }
        }
    }
}
