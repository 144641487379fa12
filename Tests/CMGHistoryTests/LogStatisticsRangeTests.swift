import Foundation
import Testing
@testable import CMGHistory

/// A CMGService.log request-statistics line with a value out of range stays a plain entry,
/// with a warning naming file, line and field; the ingest goes on, and later runs too.
@Suite("Log statistics: out-of-range values become plain entries with a warning")
struct LogStatisticsRangeTests {
    static let now: UnixSeconds = 1_790_900_000

    static func statistics(_ time: String, requests: String = "769", average: String = "3945") -> String {
        "<![LOG[RequestUri: /CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS  RequestCount: \(requests)  RequestSize: 1081595 Bytes  "
            + "ResponseCount: 769     ResponseSize: 36143 Bytes  AverageElapsedTime: \(average) ms]LOG]!><time=\"\(time).000+0\" "
            + "date=\"10-01-2026\" component=\"CMGService\" context=\"\" type=\"1\" thread=\"7\" file=\"x.cpp:1\">\r\n"
    }

    func ingest(_ path: String, _ store: HistoryStore) throws -> LogIngestSummary {
        try LogIngester(store: store, rules: LogRuleSet.defaults(), now: Self.now).ingestFile(at: path)
    }

    /// How many rows `name` holds, through the store's snapshot (any backend).
    func rowCount(_ name: String, _ store: HistoryStore) throws -> Int64 {
        let table = try #require(HistoryTable.all.first { $0.name == name })
        return try store.snapshot { try $0.rowCount(table) }
    }

    @Test(arguments: ConformanceBackend.allCases)
    func tenBillionRequestsIsAPlainEntryWithAWarningAndLaterRunsDoNotTrap(_ backend: ConformanceBackend) throws {
        // Given a CMGService.log whose second statistics line counts ten billion requests in 5 minutes
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let name = "CMG-GraniteFalls-ProxyService_IN_0-CMGService.log"
        let path = try folder.write(name, Self.statistics("10:05:00") + Self.statistics("10:10:00", requests: "10000000000")
                                    + Self.statistics("10:15:00", average: "99999999999999999999"))
        // When it is ingested, then ingested again, and into a second database
        let summary = try ingest(path, store)
        let again = try ingest(path, store)
        let elsewhere = try ingest(path, try backend.makeStore(in: folder))
        // Then every entry is stored, only the good line is a sample, and each bad one is a warning
        #expect(summary.counts.inserted == 3 && summary.counts.trafficSamples == 1)
        #expect(summary.warnings.map { $0.replacingOccurrences(of: folder.url.path + "/", with: "") } == [
            "\(name):2: field \"RequestCount\": value 10000000000 out of range (limit 300000000: 1000000 a second over 300 s): "
                + "stored as a plain log entry, without a traffic sample",
            "\(name):3: field \"AverageElapsedTime\": value 99999999999999999999 out of range (limit 86400000): "
                + "stored as a plain log entry, without a traffic sample",
        ])
        #expect(again.counts.inserted == 0 && again.warnings.isEmpty)
        #expect(elsewhere.counts.trafficSamples == 1 && elsewhere.warnings.count == 2)
        #expect(try rowCount("endpoint_traffic_sample", store) == 1)
        #expect(try rowCount("log_entry", store) == 3)
    }

    @Test(arguments: [
        ("RequestCount: 10000000000", "RequestCount", "10000000000"),
        ("ResponseCount: 300000001", "ResponseCount", "300000001"),
        ("RequestSize: 9007199254740993 Bytes", "RequestSize", "9007199254740993"),
        ("ResponseSize: 99999999999999999999 Bytes", "ResponseSize", "99999999999999999999"),
    ])
    func eachStatisticOutOfRangeIsNamed(part: String, field: String, value: String) throws {
        let message = "RequestUri: /x  RequestCount: 1  RequestSize: 1 Bytes  ResponseCount: 1  ResponseSize: 1 Bytes  AverageElapsedTime: 1 ms"
        let key = part.prefix { $0 != ":" }
        let bad = message.replacingOccurrences(of: "\(key): 1", with: part.replacingOccurrences(of: " Bytes", with: ""))
        guard case .outOfRange(let problem)? = RequestStatistics.parse(bad) else {
            Issue.record("\(bad) was not refused as out of range")
            return
        }
        #expect(problem.field == field && problem.value == value)
        #expect(problem.message.hasPrefix("field \"\(field)\": value \(value) out of range (limit "))
    }
}
