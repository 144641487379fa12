import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// The RequestUri of a CMGService.log statistics line names an endpoint: it is held to the
/// limits of every name instead of being dropped silently or stored garbled.
@Suite("Log statistics: endpoint names that cannot be stored")
struct LogStatisticsEndpointNameTests {
    static func statistics(_ time: String, uri: [UInt8]) -> [UInt8] {
        Array("<![LOG[RequestUri: /CCM_PROXY_SERVERAUTH/72057594037938216/".utf8) + uri
            + Array(("  RequestCount: 5  RequestSize: 5 Bytes  ResponseCount: 5     ResponseSize: 5 Bytes  AverageElapsedTime: 5 ms]LOG]!>"
                + "<time=\"\(time).000+0\" date=\"10-01-2026\" component=\"CMGService\" context=\"\" type=\"1\" thread=\"7\" file=\"x.cpp:1\">\r\n").utf8)
    }

    @Test func aTooLongOrGarbledURIIsAPlainEntryWithAWarningNamingTheField() throws {
        // Given statistics lines for a good endpoint, a 300-byte one, and two whose names differ only in bytes that are not UTF-8
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let name = "CMG-GraniteFalls-ProxyService_IN_0-CMGService.log"
        let path = folder.path(name)
        let bytes = Self.statistics("10:05:00", uri: Array("CCM_STS".utf8))
            + Self.statistics("10:10:00", uri: Array(repeating: UInt8(ascii: "E"), count: 300))
            + Self.statistics("10:15:00", uri: [UInt8(ascii: "X"), 0xFF]) + Self.statistics("10:20:00", uri: [UInt8(ascii: "X"), 0xFE])
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // When it is ingested
        let summary = try LogIngester(store: store, rules: LogRuleSet.defaults(), now: 1_790_900_000).ingestFile(at: path)
        // Then every entry is stored, only the good line is a sample, and each other line is a warning naming RequestUri
        #expect(summary.counts.inserted == 4 && summary.counts.trafficSamples == 1)
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT name FROM endpoint") } == ["/CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS on ProxyService_IN_0"])
        let warnings = summary.warnings.map { $0.replacingOccurrences(of: folder.url.path + "/", with: "") }
        #expect(warnings.count == 3)
        #expect(warnings.first?.hasPrefix("\(name):2: field \"RequestUri\": ") == true)
        #expect(warnings.first?.contains("is too long: 340 bytes (limit 255 bytes): stored as a plain log entry, without a traffic sample") == true)
        #expect(warnings.dropFirst().allSatisfy { $0.contains(#"field "RequestUri": invalid UTF-8 (bytes that are not text"#) })
        #expect(warnings.dropFirst().map { $0.prefix(name.count + 3) } == ["\(name):3:", "\(name):4:"])
    }
}
