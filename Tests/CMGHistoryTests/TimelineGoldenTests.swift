import Foundation
import Testing
@testable import CMGHistory

/// The demo database's app secret incident, rendered: the timeline is the product, so its text,
/// Markdown, JSON and HTML are pinned. To accept new output, run with CMG_UPDATE_GOLDEN=1 and
/// review the diff.
@Suite("Golden timeline of the demo database")
struct TimelineGoldenTests {
    func check(_ name: String, _ text: String) throws {
        let url = GoldenReportTests.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CMG_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file; run with CMG_UPDATE_GOLDEN=1 to accept and review the diff")
    }

    /// The backends the golden timeline is rendered from: the same files from each. In memory,
    /// SQLite is SQLite's file again (and the demo's import is the slow part), so the file stands
    /// for both.
    static let backends = ConformanceBackend.allCases.filter { $0 != .sqliteInMemory }

    /// The demo history on `backend`: the golden reports' own database on SQLite (building it is
    /// the slow part), the same NDJSON imported into a fresh store elsewhere.
    static func demo(_ backend: ConformanceBackend, in folder: TemporaryFolder) throws -> HistoryStore {
        guard backend != .sqliteFile else { return try GoldenReportTests.demo.get() }
        let store = try backend.makeStore(in: folder)
        var text = ""
        DemoHistory().writeLines { text += $0 + "\n" }
        _ = try importNDJSON(text, into: store, folder: folder, name: "demo.ndjson")
        return store
    }

    @Test(arguments: backends)
    func theAppSecretIncidentOfTheDemo(_ backend: ConformanceBackend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.demo(backend, in: folder)
        let zone = try ReportZone(identifier: "America/Los_Angeles")
        let window = TimelineRequest.window(around: Timestamp.parse("2026-10-08T18:00:00Z") ?? 0, width: 16 * 3600)
        let timeline = try store.timeline(TimelineRequest(window: window, zone: zone))

        // The story of the demo: the secret expires, Error, renewal, Ready; the expiry is cause 1
        let incident = try #require(timeline.incidents.first { $0.gateway == "GraniteFalls.contoso.com" })
        #expect(incident.start == "2026-10-08T13:45:00Z" && incident.end == "2026-10-08T23:35:00Z" && incident.states == ["Error"])
        let cause = try #require(incident.causes.first)
        #expect(cause.rank == 1 && cause.rule == "credential" && timeline.item(cause.itemRef)?.kind == "credential_expired")
        #expect(timeline.item(cause.itemRef)?.at == "2026-10-08T13:37:51Z")
        let kinds = timeline.items.filter { $0.gateway == "GraniteFalls.contoso.com" && $0.source != .traffic }.map(\.kind)
        #expect(kinds == ["state_at_window_start", "credential_expired", "state_change", "operation_requested", "credential_renewed",
                          "operation_completed", "state_change"])

        try check("timeline-app-secret.txt", TimelineRender.text(timeline))
        try check("timeline-app-secret.md", TimelineRender.markdown(timeline))
        try check("timeline-app-secret.json", try JSONRender.render(timeline))
        try check("timeline-app-secret.html", TimelineHTML.render(timeline))
        #expect(try JSONRender.render(try store.timeline(TimelineRequest(window: window, zone: zone))) == (try JSONRender.render(timeline)))
    }
}
