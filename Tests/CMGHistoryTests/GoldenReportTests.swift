import Foundation
import Testing
@testable import CMGHistory

/// The demo database's last full month, rendered: the output is the product, so it is pinned.
/// A change to these files is a reviewed change. To accept new output, run the tests with
/// CMG_UPDATE_GOLDEN=1 and review the diff.
@Suite("Golden reports of the demo database")
struct GoldenReportTests {
    /// One demo history per backend for the whole suite (building it is the slow part), with
    /// the folder that holds its files (and, for PostgreSQL, drops its schema).
    final class Demo: @unchecked Sendable {
        let store: HistoryStore
        private let folder: TemporaryFolder

        init(_ backend: ConformanceBackend) throws {
            folder = try TemporaryFolder()
            store = try backend.makeStore(in: folder)
            var text = ""
            DemoHistory().writeLines { text += $0 + "\n" }
            _ = try NDJSONImporter(store: store).importFile(at: try folder.write("demo.ndjson", text))
        }
    }

    static let sqliteFileDemo = Result { try Demo(.sqliteFile) }
    static let sqliteInMemoryDemo = Result { try Demo(.sqliteInMemory) }
    static let postgresDemo = Result { try Demo(.postgres) }

    /// The SQLite file's demo, which other suites read too.
    static var demo: Result<HistoryStore, any Error> { sqliteFileDemo.map(\.store) }

    /// The demo history of `backend`, the same records imported the same way.
    static func demo(on backend: ConformanceBackend) throws -> HistoryStore {
        switch backend {
        case .sqliteFile: try sqliteFileDemo.get().store
        case .sqliteInMemory: try sqliteInMemoryDemo.get().store
        case .postgres: try postgresDemo.get().store
        }
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

    @Test(arguments: ConformanceBackend.allCases)
    func capacityReportOfOctober(_ backend: ConformanceBackend) throws {
        let store = try Self.demo(on: backend)
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        try check("capacity-2026-10.json", try JSONRender.render(report))
        try check("capacity-2026-10.md", CapacityRender.markdown(report))
        let october = ReportPeriod(start: 1_790_812_800, end: 1_793_491_200)
        try check("capacity-2026-10.html", CapacityRender.html(report, charts: try store.dailyCharts(period: october, zone: .utc),
                                                               bands: try store.downtimeBands(period: october, zone: .utc)))
        // Same database, same arguments: byte-identical.
        #expect(try JSONRender.render(try store.capacity(year: 2026, month: 10, zone: .utc)) == (try JSONRender.render(report)))
    }

    @Test(arguments: ConformanceBackend.allCases)
    func availabilityOfOctober(_ backend: ConformanceBackend) throws {
        let store = try Self.demo(on: backend)
        let zone = try ReportZone(identifier: "America/Chicago")
        let report = try store.availability(period: try ReportPeriod.parse(from: "2026-10-01", to: "2026-11-01", zone: zone), zone: zone)
        try check("availability-2026-10.json", try JSONRender.render(report))
        try check("availability-2026-10.md", AvailabilityRender.markdown(report))
        try check("availability-2026-10.html", AvailabilityRender.html(report))
    }

    @Test(arguments: ConformanceBackend.allCases)
    func dailyTrendOfOctoberInBerlin(_ backend: ConformanceBackend) throws {
        let store = try Self.demo(on: backend)
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

    @Test(arguments: ConformanceBackend.allCases)
    func expiryAtTheEndOfTheDemo(_ backend: ConformanceBackend) throws {
        let store = try Self.demo(on: backend)
        let report = try store.expiry(now: DemoHistory.defaultEnd, zone: .utc)
        try check("expiry-2026-11-01.json", try JSONRender.render(report))
        try check("expiry-2026-11-01.md", ExpiryRender.markdown(report))
    }
}
