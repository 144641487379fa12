import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Issue 11's reproductions of values that used to trap: each is now a rejected line (or, in a
/// log, a plain entry with a warning), the good lines around it are stored, and sums that do
/// not fit 64 bits are null, never wrapped.
@Suite("Range limits: out-of-range values are rejected, never trap")
struct RangeLimitTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    static func traffic(_ endpoint: String, at: String = "2026-10-01T00:05:00Z", requests: String = "769",
                        requestBytes: String = "1081595", average: String = "3945") -> String {
        #"{"type":"endpoint_traffic","gateway":"G1","endpoint":"\#(endpoint)","at":"\#(at)","interval_s":300,"request_count":\#(requests),"request_bytes":\#(requestBytes),"response_count":0,"response_bytes":36143,"avg_elapsed_ms":\#(average)}"#
    }

    static func online(_ at: String, _ count: String) -> String {
        #"{"type":"online_clients","gateway":"G1","at":"\#(at)","count":\#(count)}"#
    }

    func count(_ store: HistoryStore, _ table: String) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") } ?? -1
    }

    func messages(_ summary: ImportSummary, _ folder: TemporaryFolder) -> [String] {
        summary.rejections.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }
    }

    // MARK: - NDJSON

    @Test func tenBillionRequestsIsARejectedLineAndTheGoodLinesAroundItAreStored() throws {
        // Given the issue's line (ten billion requests in 5 minutes, a ten-billion-ms average)
        // between two good ones
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = [Self.traffic("CCM_STS"),
                     Self.traffic("SMS_MP", requests: "10000000000", average: "10000000000"),
                     Self.traffic("SMS_MP", at: "2026-10-01T00:10:00Z")]
        // When it is imported
        let summary = try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder, name: "t.ndjson")
        // Then the bad line is named with its field, value and limit, and the others are stored with their rollup
        #expect(messages(summary, folder) == [
            #"t.ndjson:2: field "request_count": value 10000000000 out of range (limit 300000000: 1000000 a second over 300 s)"#,
        ])
        #expect(summary.inserted == 2)
        #expect(try count(store, "endpoint_traffic_sample") == 2)
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT sum FROM rollup_hour WHERE metric_id = 2") } == 769 * 2)
    }

    @Test(arguments: [
        (traffic("E", average: "86400001"), #"field "avg_elapsed_ms": value 86400001 out of range (limit 86400000)"#),
        (traffic("E", average: "1e400"), #"field "avg_elapsed_ms": value 1e400 out of range (limit 86400000)"#),
        (traffic("E", requestBytes: "9007199254740993"), #"field "request_bytes": value 9007199254740993 out of range (limit 9007199254740992)"#),
        (traffic("E", requests: "9223372036854775807"),
         #"field "request_count": value 9223372036854775807 out of range (limit 300000000: 1000000 a second over 300 s)"#),
        (online("2026-10-01T00:05:00Z", "4611686018427387904"), #"field "count": value 4611686018427387904 out of range (limit 9007199254740992)"#),
        (#"{"type":"egress","gateway":"G1","at":"2026-10-01T00:05:00Z","interval_s":2678401,"bytes":1}"#,
         #"field "interval_s": value 2678401 out of range (limit 2678400)"#),
        (#"{"type":"alert_config","gateway":"G1","at":"2026-10-01T00:00:00Z","egress_threshold_gb":10000000000}"#,
         #"field "egress_threshold_gb": value 10000000000 out of range (limit 9007199)"#),
        (#"{"type":"alert_config","gateway":"G1","at":"2026-10-01T00:00:00Z","storage_quota_gb":9007200}"#,
         #"field "storage_quota_gb": value 9007200 out of range (limit 9007199)"#),
        (online("2016-12-31T23:59:60Z", "1"),
         #"field "at": "2016-12-31T23:59:60Z" is a leap second (:60), which UTC instants in Unix seconds cannot hold"#),
        (online("1969-12-31T23:59:59Z", "1"),
         #"field "at": value "1969-12-31T23:59:59Z" out of range (limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"#),
        (online("9999-12-31T23:59:59-01:00", "1"),
         #"field "at": value "9999-12-31T23:59:59-01:00" out of range (limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"#),
        (#"{"type":"credential","gateway":"G1","kind":"app_secret","expires_at":"0001-01-01T00:00:00Z"}"#,
         #"field "expires_at": value "0001-01-01T00:00:00Z" out of range (limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"#),
        (#"{"type":"storage","gateway":"\#(String(repeating: "g", count: 256))","at":"2026-10-01T00:05:00Z","used_bytes":1}"#,
         #"field "gateway": \#(String(repeating: "g", count: 80))… too long: 256 bytes (limit 255 bytes)"#),
    ])
    func eachOutOfRangeValueIsRejectedWithItsLimit(line: String, message: String) throws {
        // Given a good line, then one with a value out of range
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let good = Self.online("2026-10-01T00:00:00Z", "10")
        // When they are imported
        let summary = try importNDJSON(good + "\n" + line, into: store, folder: folder, name: "r.ndjson")
        // Then the second is rejected with field, value and limit, and the first is stored
        #expect(messages(summary, folder) == ["r.ndjson:2: " + message])
        #expect(summary.inserted == 1)
    }

    @Test func endpointsWhoseTotalsWouldPassInt64AreRejectedInOneFileAndAcrossImports() throws {
        // Given 1,100 endpoints each sending 2^53 bytes at one instant (1,024 of them pass
        // Int64.max), the first 1,000 in one file and the rest in a second
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let line = { (n: Int) in Self.traffic("E\(n)", requests: "1", requestBytes: "9007199254740992", average: "1") }
        let first = try importNDJSON((0..<1000).map(line).joined(separator: "\n"), into: store, folder: folder, name: "a.ndjson")
        // When the second file is imported
        let second = try importNDJSON((1000..<1100).map(line).joined(separator: "\n"), into: store, folder: folder, name: "b.ndjson")
        // Then the 1,024th endpoint and those after it are rejected, naming the total they would pass
        #expect(first.rejected == 0 && first.inserted == 1000)
        #expect(second.inserted == 23 && second.rejected == 77)
        #expect(messages(second, folder).first == #"b.ndjson:24: field "request_bytes": value 9007199254740992 out of range "#
            + "(limit: the gateway's total over its endpoints at 2026-10-01T00:05:00Z would pass 9223372036854775807)")
        // And the stored total is exact, the hour's rollup holds it, nothing wrapped
        let (total, samples) = try store.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT request_bytes, endpoint_samples FROM gateway_traffic_sample"))
            return (row[0] as Int64, row[1] as Int64)
        }
        #expect(total == 1023 * 9_007_199_254_740_992 && samples == 1023)
        #expect(try count(store, "endpoint") == 1023)  // a refused sample creates no endpoint
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT sum FROM rollup_hour WHERE metric_id = 3") } == total)
    }

    @Test func recordsMadeInCodeAreRangeCheckedAndRefusedTogether() throws {
        // Given a credential entry whose expiry no stored instant can be, with its renewal
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let entry = CredentialEntry(gateway: "G1", kind: .appSecret, name: "CMG-ServerApp", expiresAt: .max,
                                    renewedAt: Self.t("2026-10-01T00:00:00Z"))
        // When it is stored, and then a sample too large
        let summary = try store.importRecords(entry.records, source: "credential add")
        let sample = try store.importRecords([.onlineClients(OnlineClientsSample(gateway: "G1", at: 0, count: .max))], source: "code")
        // Then both are refused naming field and limit, and nothing of either is stored
        #expect(summary.rejections.map(\.description) == [
            #"credential add:1: field "expires_at": value 9223372036854775807 out of range (limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"#,
        ])
        #expect(sample.rejections.map(\.problem.message) == [#"field "count": value 9223372036854775807 out of range (limit 9007199254740992)"#])
        #expect(try count(store, "operation") == 0 && count(store, "credential") == 0 && count(store, "gateway") == 0)
    }

    // MARK: - Sums that do not fit

    @Test func anHourWhoseSumPassesInt64ReportsANullSumAndAnExactMean() throws {
        // Given 1,100 online-client samples of 2^53 in one hour (each within its limit; the sum is not)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let start = Self.t("2026-10-01T00:00:00Z")
        let lines = (0..<1100).map { Self.online(Timestamp.format(start + Int64($0)), "9007199254740992") }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When an hourly trend and the month's capacity report are made
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .hour,
                                                  period: ReportPeriod(start: start, end: start + 3600), zone: .utc))
        let capacity = try store.capacity(year: 2026, month: 10, zone: .utc)
        // Then the sum is null (the rollup holds Int64.max for "does not fit"), never negative,
        // and every other figure is exact
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT sum FROM rollup_hour") } == Int64.max)
        let point = try #require(report.series.first?.points.first)
        #expect(point.count == 1100 && point.sum == nil && point.max == 9_007_199_254_740_992)
        #expect(point.mean == 9_007_199_254_740_992)
        #expect(capacity.gateways.first?.onlineClients.peak == 9_007_199_254_740_992)
    }

    @Test func threeOnlineClientSamplesOf2To62InOneHourAreRejectedAndNoNegativeSumIsReported() throws {
        // Given the issue's three samples of 2^62 in one hour, beside a good one
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = ["00:05", "00:10", "00:15"].map { Self.online("2026-10-01T\($0):00Z", "4611686018427387904") }
            + [Self.online("2026-10-01T00:20:00Z", "7")]
        // When they are imported and the hour reported
        let summary = try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        let start = Self.t("2026-10-01T00:00:00Z")
        let point = try store.trend(TrendRequest(metric: .onlineClients, bucket: .hour,
                                                 period: ReportPeriod(start: start, end: start + 3600), zone: .utc)).series.first?.points.first
        // Then all three are rejected, and the hour holds the good sample only
        #expect(summary.rejections.map(\.line) == [1, 2, 3])
        #expect(point?.count == 1 && point?.sum == 7 && point?.mean == 7)
    }

    @Test func statisticsAndAggregatesNeverWrap() {
        // Given values whose sum passes Int64.max
        let values: [Int64] = [.max, .max, 2]
        // When their statistics are taken, from values and from rollup rows
        let statistics = SampleStatistics(values: values)
        var aggregate = SampleAggregate()
        aggregate.merge(count: 1100, sum: .max, min: 1, max: 2)
        var fits = SampleAggregate()
        for value: Int64 in [1 << 62, 1 << 62, -(1 << 62)] { fits.add(value) }
        // Then the sum is null and the mean still exact; a saturated rollup sum is null too
        #expect(statistics.sum == nil && statistics.max == .max)
        #expect(statistics.mean == (Double(Int64.max) * 2 + 2) / 3)
        #expect(aggregate.total == nil && aggregate.count == 1100)
        #expect(fits.total == 1 << 62)
    }

    @Test func wideSumsAddAndSubtractExactlyPastSixtyFourBits() {
        var sum = WideSum()
        for _ in 0..<4 { sum.add(.max) }
        #expect(sum.int64 == nil && sum.saturated == .max)
        for _ in 0..<3 { sum.subtract(.max) }
        #expect(sum.int64 == .max)
        sum.subtract(.max)
        sum.add(.min)
        #expect(sum.int64 == .min)
        sum.subtract(1)
        #expect(sum.int64 == nil && sum.saturated == .min && sum < WideSum(.min))
    }

    @Test func anAlertConfigStoredByAnOlderVersionDoesNotTrapTheCapacityReport() throws {
        // Given thresholds of 2^63 - 1 bytes, as a database filled by an older version may hold
        // (they are now rejected on import), and egress in the month
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(#"{"type":"egress","gateway":"G1","at":"2026-10-02T00:00:00Z","interval_s":3600,"bytes":1000}"#,
                         into: store, folder: folder)
        try store.writeTransaction { db in
            try db.execute(sql: """
                INSERT INTO alert_config(gateway_id, at, egress_threshold_bytes, egress_warning_pct, egress_critical_pct, storage_quota_bytes,
                    storage_warning_pct)
                VALUES (1, ?, 9223372036854775807, 50, 90, 9223372036854775807, 50)
                """, arguments: [Self.t("2026-10-01T00:00:00Z")])
        }
        // When every month around it is reported
        for month in 9...11 {
            let report = try store.capacity(year: 2026, month: month, zone: .utc)
            // Then the levels whose bytes do not fit 64 bits are null, and the report is made
            let g = try #require(report.gateways.first)
            #expect(g.egress.warningBytes == nil && g.egress.criticalBytes == nil && g.storage.warningBytes == nil)
        }
        #expect(CapacityCalculator.percent(Int64.max, 90) == nil && CapacityCalculator.percent(1000, 90) == 900)
        #expect(CapacityCalculator.change(.max, 1) != nil)
    }

    @Test func forecastsFarBeyondTheirLimitsDoNotTrap() {
        // Given a line that reaches a huge limit only after more days than an Int holds
        let fit = LinearFit(x: [0, 1], y: [0, 1e-300])
        // Then it is "not within the horizon", not a trap; NaN limits likewise
        #expect(fit?.firstReach(of: 9e18, from: 1, through: 366) == nil)
        #expect(fit?.firstReach(of: .nan, from: 1, through: 366) == nil)
        #expect(Int64(saturating: 1e30) == .max && Int64(saturating: -1e30) == .min && Int64(saturating: .nan) == 0)
        #expect(CapacityPolicy.recommendedInstances(peak: .max, perInstance: 1) == 16)
    }

    // MARK: - Property: no input traps

    @Test func anyNumberInAnyNumericFieldIsStoredWithinItsLimitOrRejectedNeverTraps() throws {
        // Given lines of every sample type with numbers drawn from the edges of every range
        let folder = try TemporaryFolder()
        let store = try folder.store()
        var random = SplitMix64(seed: 11)
        let edges = ["0", "1", "-1", "300000000", "300000001", "86400000", "86400001", "9007199", "9007200",
                     "9007199254740992", "9007199254740993", "9223372036854775807", "9223372036854775808",
                     "-9223372036854775808", "1e400", "-1e400", "1.5", "1e15", "99999999999999999999999"]
        func number() -> String {
            random.next() % 4 == 0 ? String(random.next() >> (random.next() % 64)) : edges[Int(random.next() % UInt64(edges.count))]
        }
        var lines: [String] = []
        for i in 0..<3000 {
            let at = Timestamp.format(Self.t("2026-10-01T00:00:00Z") + Int64(i / 7))
            switch i % 5 {
            case 0: lines.append(Self.traffic("E\(i % 13)", at: at, requests: number(), requestBytes: number(), average: number()))
            case 1: lines.append(Self.online(at, number()))
            case 2: lines.append(#"{"type":"egress","gateway":"G1","at":"\#(at)","interval_s":\#(number()),"bytes":\#(number())}"#)
            case 3: lines.append(#"{"type":"storage","gateway":"G1","at":"\#(at)","used_bytes":\#(number())}"#)
            default: lines.append(#"{"type":"alert_config","gateway":"G1","at":"\#(at)","egress_threshold_gb":\#(number()),"storage_quota_gb":\#(number())}"#)
            }
        }
        // When they are imported (the test process would die on a trap)
        let summary = try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // Then every line is either stored or rejected, and everything stored is within its limit
        #expect(summary.inserted + summary.duplicates + summary.conflicts + summary.rejected == lines.count)
        #expect(summary.rejections.allSatisfy { $0.problem.field != nil })
        let limit = ValueLimits.maximumSampleValue
        let worst = try store.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT max(v) FROM (SELECT max(count) AS v FROM online_clients_sample UNION ALL SELECT max(bytes) FROM egress_sample
                UNION ALL SELECT max(used_bytes) FROM storage_sample UNION ALL SELECT max(request_bytes) FROM endpoint_traffic_sample
                UNION ALL SELECT max(egress_threshold_bytes) FROM alert_config)
                """)
        }
        #expect((worst ?? 0) <= limit)
        _ = try store.capacity(year: 2026, month: 10, zone: .utc)
    }
}
