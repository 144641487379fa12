import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Each VM instance of a CMG writes its own CMGService.log; the gateway's traffic is the sum over
/// its instances, also when two instances log their statistics in the same second (0010).
@Suite("Endpoint traffic per VM instance")
struct LogInstanceTrafficTests {
    static let now = Timestamp.parse("2026-10-01T11:00:00Z") ?? 0

    static func statistics(requests: Int, elapsed: Int) -> String {
        "<![LOG[RequestUri: /CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS  RequestCount: \(requests)  RequestSize: 1000 Bytes  "
            + "ResponseCount: \(requests)  ResponseSize: 500 Bytes  AverageElapsedTime: \(elapsed) ms]LOG]!>"
            + "<time=\"10:05:00.000+0\" date=\"10-01-2026\" component=\"CMGService\" context=\"\" type=\"1\" thread=\"7\" file=\"x.cpp:1\">\r\n"
    }

    @Test func twoInstancesInTheSameSecondAreSummedNotAConflict() throws {
        // Given IN_0 and IN_1 logs of GraniteFalls, each with a statistics line at 10:05:00
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let first = try folder.write("CMG-GraniteFalls-ProxyService_IN_0-CMGService.log", Self.statistics(requests: 300, elapsed: 100))
        let second = try folder.write("CMG-GraniteFalls-ProxyService_IN_1-CMGService.log", Self.statistics(requests: 100, elapsed: 500))
        let ingester = LogIngester(store: store, rules: try .defaults(), now: Self.now)
        // When both are ingested, twice
        let summaries = try [first, second, first, second].map { try ingester.ingestFile(at: $0) }
        // Then each stores its sample, nothing conflicts, and the second run stores nothing
        #expect(summaries.map(\.counts.trafficSamples) == [1, 1, 0, 0])
        #expect(summaries.allSatisfy { $0.counts.trafficConflicts == 0 })
        #expect(try store.read { try Int64.fetchAll($0, sql: "SELECT vm_instance FROM endpoint_traffic_sample ORDER BY vm_instance") } == [1, 2])
        // And the gateway's requests are the sum, its average request-weighted, per endpoint too
        let period = ReportPeriod(start: Self.now - 3_600, end: Self.now)
        func trend(_ metric: RollupMetric, endpoint: String? = nil) throws -> TrendReport.Point? {
            try store.trend(TrendRequest(metric: metric, bucket: .day, period: period, zone: .utc, gateways: [], endpoint: endpoint))
                .series.first?.points.first(where: { $0.count != 0 })
        }
        #expect(try trend(.requests)?.sum == 400)
        #expect(try trend(.requests, endpoint: "/CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS")?.sum == 400)
        // (300 × 100 + 100 × 500) / 400 = 200
        #expect(try trend(.averageElapsedMilliseconds)?.max == 200)
        #expect(try trend(.averageElapsedMilliseconds, endpoint: "/CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS")?.max == 200)
    }

    @Test func twoInstancesLogsThatBeginAlikeAreTwoFiles() throws {
        // Given IN_0 and IN_1 logs with the very same bytes (each instance served 300 requests)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let text = Self.statistics(requests: 300, elapsed: 100)
        let first = try folder.write("CMG-GraniteFalls-ProxyService_IN_0-CMGService.log", text)
        let second = try folder.write("CMG-GraniteFalls-ProxyService_IN_1-CMGService.log", text)
        try FileManager.default.createDirectory(atPath: folder.path("copy"), withIntermediateDirectories: true)
        let copy = try folder.write("copy/CMG-GraniteFalls-ProxyService_IN_1-CMGService.log", text)
        let ingester = LogIngester(store: store, rules: try .defaults(), now: Self.now)
        // When both are ingested, then a copy of the second, then both again
        let summaries = try [first, second, copy, first, second].map { try ingester.ingestFile(at: $0) }
        // Then each instance's log is read once, as its own file, and the gateway served 600
        #expect(summaries.map(\.counts.inserted) == [1, 1, 0, 0, 0])
        #expect(summaries.map(\.counts.trafficSamples) == [1, 1, 0, 0, 0])
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM log_file") } == 2)
        let period = ReportPeriod(start: Self.now - 3_600, end: Self.now)
        let trend = try store.trend(TrendRequest(metric: .requests, bucket: .day, period: period, zone: .utc, gateways: []))
        #expect(trend.series.first?.points.compactMap(\.sum).reduce(0, +) == 600)
        // And when the second grows, only what it gained is read
        let handle = try #require(FileHandle(forWritingAtPath: second))
        handle.seekToEndOfFile()
        handle.write(Data(Self.statistics(requests: 50, elapsed: 10).replacingOccurrences(of: "10:05:00", with: "10:10:00").utf8))
        try handle.close()
        let grown = try ingester.ingestFile(at: second)
        #expect(grown.counts.inserted == 1 && grown.counts.trafficSamples == 1 && grown.resumed)
    }

    @Test func theInstanceKeyComesFromTheFileName() {
        #expect(LogFileName("CMG-GraniteFalls-ProxyService_IN_0-CMGService.log").vmInstanceKey == 1)
        #expect(LogFileName("CMG-Granite-Falls-ProxyService_in_15-CMGService.lo_").vmInstanceKey == 16)
        #expect(LogFileName("CMG-GraniteFalls-ProxyService_IN_99999999-CMGService.log").vmInstanceKey == 0)
        #expect(LogFileName("CMG-GraniteFalls-Other-CMGService.log").vmInstanceKey == 0)
        #expect(LogFileName("CloudMgr.log").vmInstanceKey == 0)
    }

    @Test func aVersion9DatabaseKeepsItsTrafficOnUpgrade() throws {
        // Given a database at schema version 9 with one endpoint traffic sample
        let folder = try TemporaryFolder()
        let path = try folder.database(before: 10, sql: """
            INSERT INTO gateway(id, name) VALUES (1, 'G1');
            INSERT INTO endpoint(id, gateway_id, name, interval_s) VALUES (1, 1, 'CCM_STS', 300);
            INSERT INTO endpoint_traffic_sample(endpoint_id, at, request_count, request_bytes, unanswered_count, response_bytes)
            VALUES (1, 1790849100, 769, 1081595, 0, 36143);
            """)
        // When it is opened for writing (and so upgraded)
        let store = try HistoryStore(path: path)
        // Then the sample is there, as the gateway as a whole (instance 0), through the view too
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT vm_instance, request_count, interval_s FROM endpoint_traffic") })
        #expect(row["vm_instance"] as Int64 == 0 && row["request_count"] as Int64 == 769 && row["interval_s"] as Int64 == 300)
    }
}
