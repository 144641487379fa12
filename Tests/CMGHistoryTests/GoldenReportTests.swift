import Foundation
import Testing
@testable import CMGHistory

/// The demo database's last full month, rendered: the output is the product, so it is pinned.
/// A change to these files is a reviewed change. To accept new output, run the tests with
/// CMG_UPDATE_GOLDEN=1 and review the diff.
@Suite("Golden reports of the demo database")
struct GoldenReportTests {
    /// One demo database for the whole suite (building it is the slow part).
    static let demo: Result<HistoryStore, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cmg-history-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ndjson = folder.appendingPathComponent("demo.ndjson").path
        var text = ""
        DemoHistory().writeLines { text += $0 + "\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: ndjson))
        let store = try HistoryStore(path: folder.appendingPathComponent("demo.sqlite").path)
        _ = try NDJSONImporter(store: store).importFile(at: ndjson)
        return store
    }

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("golden")

    func check(_ name: String, _ text: String) throws {
        let url = Self.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CMG_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file; run with CMG_UPDATE_GOLDEN=1 to accept and review the diff")
    }

    @Test func capacityReportOfOctober() throws {
        let store = try Self.demo.get()
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        try check("capacity-2026-10.json", try JSONRender.render(report))
        try check("capacity-2026-10.md", CapacityRender.markdown(report))
        let october = ReportPeriod(start: 1_790_812_800, end: 1_793_491_200)
        try check("capacity-2026-10.html", CapacityRender.html(report, charts: try store.dailyCharts(period: october, zone: .utc),
                                                               bands: try store.downtimeBands(period: october, zone: .utc)))
        // Same database, same arguments: byte-identical.
        #expect(try JSONRender.render(try store.capacity(year: 2026, month: 10, zone: .utc)) == (try JSONRender.render(report)))
    }

    @Test func availabilityOfOctober() throws {
        let store = try Self.demo.get()
        let zone = try ReportZone(identifier: "America/Chicago")
        let report = try store.availability(period: try ReportPeriod.parse(from: "2026-10-01", to: "2026-11-01", zone: zone), zone: zone)
        try check("availability-2026-10.json", try JSONRender.render(report))
        try check("availability-2026-10.md", AvailabilityRender.markdown(report))
        try check("availability-2026-10.html", AvailabilityRender.html(report))
    }

    @Test func dailyTrendOfOctoberInBerlin() throws {
        let store = try Self.demo.get()
        let zone = try ReportZone(identifier: "Europe/Berlin")
        let period = try ReportPeriod.parse(from: "2026-10-01", to: "2026-11-01", zone: zone)
        let report = try store.trend(TrendRequest(metric: .requests, bucket: .day, period: period, zone: zone))
        try check("trend-requests-2026-10.json", try JSONRender.render(report))
        try check("trend-requests-2026-10.md", TrendRender.markdown(report))
        try check("trend-requests-2026-10.html", TrendHTML.render(report, charts: TrendCharts(bands: try store.downtimeBands(period: period, zone: zone))))
        // The direct JSON writer gives the same bytes as the general encoder, with and without
        // provenance, operations and empty buckets.
        #expect(TrendJSON.render(report) == (try JSONRender.render(report)))
        var stamped = report
        stamped.provenance = ReportProvenance(database: "C:\\CMG\\history \"main\".sqlite", generatedAt: "2026-11-29T18:00:00Z")
        stamped.operations = []
        #expect(TrendJSON.render(stamped) == (try JSONRender.render(stamped)))
        stamped.provenance = ReportProvenance(database: "/srv/cmg/Zürich – été\ttab.sqlite", generatedAt: "2026-11-29T18:00:00Z")
        #expect(TrendJSON.render(stamped) == (try JSONRender.render(stamped)))
        let sparse = try store.trend(TrendRequest(metric: .onlineClients, bucket: .hour, period: ReportPeriod(
            start: try #require(Timestamp.parse("2026-06-30T20:00:00Z")), end: try #require(Timestamp.parse("2026-07-04T02:00:00Z"))), zone: .utc))
        #expect(TrendJSON.render(sparse) == (try JSONRender.render(sparse)))
    }

    @Test func expiryAtTheEndOfTheDemo() throws {
        let store = try Self.demo.get()
        let report = try store.expiry(now: DemoHistory.defaultEnd, zone: .utc)
        try check("expiry-2026-11-01.json", try JSONRender.render(report))
        try check("expiry-2026-11-01.md", ExpiryRender.markdown(report))
    }
}
