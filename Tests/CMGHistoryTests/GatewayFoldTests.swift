import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// One gateway per CMG on import: a short name from a log file name and the full service name
/// from an export end up as one gateway, whatever the order they arrive in.
@Suite("Gateway folding on import")
struct GatewayFoldTests {
    static let now: UnixSeconds = 1_790_900_000
    static let logName = "CMG-GraniteFalls-ProxyService_IN_0-CMGService.log"

    func copyLog(to folder: TemporaryFolder, as name: String = logName) throws -> String {
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/logs/CMG-GraniteFalls-ProxyService_IN_0-CMGService", withExtension: "log"))
        let path = folder.path(name)
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return path
    }

    func ingestLog(_ path: String, _ store: HistoryStore, gateway: String? = nil) throws -> LogIngestSummary {
        let ingester = LogIngester(store: store, rules: try LogRuleSet.defaults(), now: Self.now)
        ingester.gateway = gateway
        return try ingester.ingestFile(at: path)
    }

    /// Requests per day on 2026-10-01, per gateway name.
    func requestsByGateway(_ store: HistoryStore) throws -> [String: Int64] {
        let zone = try ReportZone(identifier: "UTC")
        let report = try store.trend(TrendRequest(metric: .requests, bucket: .day,
                                                  period: try ReportPeriod.parse(from: "2026-10-01", to: "2026-10-02", zone: zone), zone: zone))
        var result: [String: Int64] = [:]
        for series in report.series { result[series.gateway] = series.points.compactMap(\.sum).reduce(0, +) }
        return result
    }

    @Test func aLogBeforeTheExportFoldsIntoTheFullName() throws {
        // Given the CMGService log ingested before any export: a gateway GraniteFalls
        let folder = try TemporaryFolder()
        let store = try folder.store()
        _ = try ingestLog(try copyLog(to: folder), store)
        #expect(try store.gatewayNames() == ["GraniteFalls"])
        // When cmg.json brings GraniteFalls.contoso.com
        let summary = try ExportFixtures.importFixture("azure-service-ps7.json", into: store)
        // Then there is one gateway, under the full name, with the log's traffic and the short name as alias
        #expect(summary.notes.contains { $0.hasPrefix("folded gateway GraniteFalls into GraniteFalls.contoso.com: ") }, "\(summary.notes)")
        #expect(try store.gatewayNames() == ["GraniteFalls.contoso.com"])
        #expect(try requestsByGateway(store) == ["GraniteFalls.contoso.com": 781])
        let listed = try #require(try store.gateways().first)
        #expect(listed.aliases == ["GraniteFalls"] && listed.records["log_files"] == 1 && listed.records["endpoint_traffic_samples"] == 2)
        #expect(try store.logEntries({ var f = LogEntryFilter(); f.gateway = "GraniteFalls.contoso.com"; return f }()).count == 3)
        #expect(try store.check().isClean)
    }

    @Test func theExportBeforeTheLogGivesTheSameOneGateway() throws {
        // Given cmg.json first
        let folder = try TemporaryFolder()
        let store = try folder.store()
        _ = try ExportFixtures.importFixture("azure-service-ps7.json", into: store)
        // When the CMGService log follows
        _ = try ingestLog(try copyLog(to: folder), store)
        // Then its traffic is the full-named gateway's, and the short name resolves to it from now on
        #expect(try store.gatewayNames() == ["GraniteFalls.contoso.com"])
        #expect(try requestsByGateway(store) == ["GraniteFalls.contoso.com": 781])
        #expect(try store.resolveGateway("graniteFALLS") == "GraniteFalls.contoso.com")
        #expect(try store.check().isClean)
    }

    @Test func reimportingAfterAFoldFindsDuplicatesNotANewGateway() throws {
        // Given NDJSON under the short name, folded by the export
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let short = [
            #"{"type":"online_clients","gateway":"GraniteFalls","at":"2026-10-01T10:00:00Z","count":10}"#,
            #"{"type":"status","gateway":"GraniteFalls","at":"2026-10-01T10:00:00Z","state":"Ready","state_code":0}"#,
        ].joined(separator: "\n")
        try importNDJSON(short, into: store, folder: folder, name: "short.ndjson")
        _ = try ExportFixtures.importFixture("azure-service-ps7.json", into: store)
        // When the same short-named file comes again
        let again = try importNDJSON(short, into: store, folder: folder, name: "short.ndjson")
        // Then every line is a duplicate and there is still one gateway
        #expect(again.inserted == 0 && again.duplicates == 2 && again.conflicts == 0, "\(again)")
        #expect(try store.gatewayNames() == ["GraniteFalls.contoso.com"])
        #expect(try store.check().isClean)
    }

    @Test func anAmbiguousShortNameIsNotFoldedAndSaysSo() throws {
        // Given two gateways sharing the first label GraniteFalls
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON("""
            {"type":"online_clients","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T10:00:00Z","count":1}
            {"type":"online_clients","gateway":"GraniteFalls.fabrikam.com","at":"2026-10-01T10:00:00Z","count":2}
            """, into: store, folder: folder)
        #expect(throws: GatewayError.ambiguous("GraniteFalls", matches: ["GraniteFalls.contoso.com", "GraniteFalls.fabrikam.com"])) {
            try store.resolveGateway("GraniteFalls")
        }
        // When records name the short GraniteFalls
        let summary = try importNDJSON(#"{"type":"online_clients","gateway":"GraniteFalls","at":"2026-10-01T10:00:00Z","count":3}"#,
                                       into: store, folder: folder, name: "short.ndjson")
        // Then they stay under a gateway of their own, and the summary says why
        #expect(try store.gatewayNames() == ["GraniteFalls", "GraniteFalls.contoso.com", "GraniteFalls.fabrikam.com"])
        #expect(summary.notes.contains { $0.contains("GraniteFalls is the short name of GraniteFalls.contoso.com and GraniteFalls.fabrikam.com") },
                "\(summary.notes)")
    }

    @Test func twoFullNamesArrivingTogetherDoNotFoldTheShortOne() throws {
        // Given a short-named gateway with data
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(#"{"type":"online_clients","gateway":"GraniteFalls","at":"2026-10-01T10:00:00Z","count":3}"#, into: store, folder: folder)
        // When one file brings two gateways with that first label
        let summary = try importNDJSON("""
            {"type":"online_clients","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T10:00:00Z","count":1}
            {"type":"online_clients","gateway":"GraniteFalls.fabrikam.com","at":"2026-10-01T10:00:00Z","count":2}
            """, into: store, folder: folder, name: "full.ndjson")
        // Then nothing is folded, and the summary says so
        #expect(try store.gatewayNames().count == 3)
        #expect(summary.notes.contains { $0.hasPrefix("gateway GraniteFalls not folded: it is the short name of ") }, "\(summary.notes)")
    }

    @Test func gatewayOptionAssignsALogToTheNamedGateway() throws {
        // Given a log whose file name names another service
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try copyLog(to: folder, as: "CMG-Oldname-ProxyService_IN_0-CMGService.log")
        // When it is ingested with --gateway GraniteFalls.contoso.com
        let summary = try ingestLog(path, store, gateway: "GraniteFalls.contoso.com")
        // Then its traffic and entries are that gateway's
        #expect(summary.counts.trafficSamples == 2)
        #expect(try store.gatewayNames() == ["GraniteFalls.contoso.com"])
        #expect(try requestsByGateway(store) == ["GraniteFalls.contoso.com": 781])
        let entries = try store.logEntries({ var f = LogEntryFilter(); f.gateway = "GraniteFalls.contoso.com"; return f }())
        #expect(entries.count == 3 && entries.allSatisfy { $0.gateway == "GraniteFalls.contoso.com" })
    }

    @Test func aTrailingDotAndOtherCaseAreTheSameName() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON("""
            {"type":"online_clients","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T10:00:00Z","count":1}
            {"type":"online_clients","gateway":"GRANITEFALLS.CONTOSO.COM.","at":"2026-10-01T10:05:00Z","count":2}
            """, into: store, folder: folder)
        #expect(try store.gatewayNames() == ["GraniteFalls.contoso.com"])
    }
}
