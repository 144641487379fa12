import Foundation
import Testing
@testable import CMGHistory

/// Issue 12, problem 7 (availability part) and the findings `--fail-on` reads: planned stops are
/// reported apart, by the timeline's rule.
@Suite("Planned downtime apart, and report findings")
struct PlannedDowntimeReportTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    static func status(_ at: Int64, _ state: String) -> String {
        #"{"type":"status","gateway":"G1","at":"\#(Timestamp.format(at))","state":"\#(state)","description":""}"#
    }

    /// Snapshots every 5 minutes over 2026-10-01 and 10-02: Ready, but Stopping / Stopped /
    /// Starting from 10-02 02:00 to 06:00 after a stop requested at 01:55, and `Error` from
    /// 12:00 to 12:30 (the stop's lead-up is 2 hours: this one has none).
    static func fixture() -> String {
        let start = t("2026-10-01T00:00:00Z")
        var lines: [String] = []
        for i in 0..<(2 * 288) {
            let at = start + Int64(i) * 300
            let state: String
            switch at {
            case t("2026-10-02T02:00:00Z")..<t("2026-10-02T02:05:00Z"): state = "Stopping"
            case t("2026-10-02T02:05:00Z")..<t("2026-10-02T05:55:00Z"): state = "Stopped"
            case t("2026-10-02T05:55:00Z")..<t("2026-10-02T06:00:00Z"): state = "Starting"
            case t("2026-10-02T12:00:00Z")..<t("2026-10-02T12:30:00Z"): state = "Error"
            default: state = "Ready"
            }
            lines.append(status(at, state))
        }
        lines.append(#"{"type":"operation","gateway":"G1","kind":"stop","requested_at":"2026-10-02T01:55:00Z","completed_at":"2026-10-02T02:05:00Z","outcome":"succeeded","actor":"CONTOSO\\admin","note":"maintenance window"}"#)
        lines.append(#"{"type":"operation","gateway":"G1","kind":"start","requested_at":"2026-10-02T05:50:00Z","completed_at":"2026-10-02T06:00:00Z","outcome":"succeeded","actor":"CONTOSO\\admin","note":""}"#)
        return lines.joined(separator: "\n")
    }

    @Test func aPlannedStopIsReportedApartAndNotCountedAgainstAvailability() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.fixture(), into: store, folder: folder)
        // When availability is reported over the two days
        let report = try store.availability(period: ReportPeriod(start: Self.t("2026-10-01T00:00:00Z"), end: Self.t("2026-10-03T00:00:00Z")), zone: .utc)
        let g = try #require(report.gateways.first)
        // Then: 172,800 s, of which 14,400 planned (02:00-06:00) and 1,800 unplanned (12:00-12:30)
        #expect(g.readySeconds == 156_600 && g.notReadySeconds == 16_200 && g.unknownSeconds == 0)
        #expect(g.plannedSeconds == 14_400 && g.unplannedIncidents == 1 && g.incidents.map(\.planned) == [true, false])
        #expect(g.ratio == 156_600.0 / 172_800)  // 90.625 % with the stop
        #expect(g.unplannedRatio == 156_600.0 / 158_400)  // 98.864 % over unplanned time
        #expect(g.plannedStops == [PlannedStop(stopRequestedAt: "2026-10-02T01:55:00Z", start: "2026-10-02T02:00:00Z",
                                               end: "2026-10-02T06:00:00Z", durationSeconds: 14_400, states: ["Stopping", "Stopped", "Starting"])])
        // 98.864 % is under the 99 % floor: critical, and the unplanned incident a warning
        #expect(g.findings.map(\.level) == [.critical, .warning])
        let table = AvailabilityRender.table(report)
        #expect(table.contains("98.864 %") && table.contains("90.625 %") && table.contains("1 + 1 planned"))
        #expect(table.contains("planned: stop requested 2026-10-02T01:55:00Z"))
        let json = try JSONRender.render(report)
        #expect(json.contains(#""planned_seconds" : 14400"#) && json.contains(#""unplanned_incidents" : 1"#) && json.contains(#""planned" : true"#))
        // And the timeline, by the same rule, calls the first planned and hunts causes for the second
        let timeline = try store.timeline(TimelineRequest(window: ReportPeriod(start: Self.t("2026-10-02T00:00:00Z"), end: Self.t("2026-10-03T00:00:00Z")), zone: .utc))
        #expect(timeline.incidents.map(\.planned) == [true, false])
    }

    @Test func aMonthWhoseOnlyDowntimeIsPlannedHasNoIncidentWarningAndFullAvailability() throws {
        // Given the fixture without its Error
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let text = Self.fixture().replacingOccurrences(of: #""state":"Error""#, with: #""state":"Ready""#)
        try importNDJSON(text, into: store, folder: folder)
        // When October's capacity is reported
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        let a = try #require(report.gateways.first).availability
        // Then 0 unplanned incidents, 100 % over unplanned time, and the stop listed with its duration
        #expect(a.incidents == 1 && a.unplannedIncidents == 0 && a.unplannedRatio == 1 && a.plannedSeconds == 14_400)
        // 159,000 ready of 173,400 observed (the last snapshot, 23:55, holds 15 minutes): the rest of October is unknown
        #expect(a.ratio == 0.916955 && a.readySeconds == 159_000 && a.notReadySeconds == 14_400)
        #expect(a.plannedStops.map(\.durationSeconds) == [14_400])
        let g = try #require(report.gateways.first)
        #expect(!g.warnings.contains { $0.contains("incident") })
        let table = CapacityRender.table(report)
        #expect(table.contains("100.000 % over unplanned time (91.696 % with planned downtime)"))
        #expect(table.contains("1 stop, 4 h 00 min (stop requested 2026-10-02T01:55:00Z)"))
        #expect(table.contains("0 unplanned incident(s)"))
    }

    @Test func theDemosPlannedStopIsNoLongerAnIncident() throws {
        // Given the demo's September, when CedarRapids was stopped for its maintenance window
        let store = try GoldenReportTests.demo.get()
        let report = try store.capacity(year: 2026, month: 9, zone: .utc, gateways: ["CedarRapids.contoso.com"])
        let a = try #require(report.gateways.first).availability
        // Then it was `! 1 incident this month` at 99.109 %; now 0 unplanned, 100 % over unplanned time
        #expect(a.ratio == 0.991088 && a.incidents == 1)
        #expect(a.unplannedIncidents == 0 && a.unplannedRatio == 1 && a.plannedSeconds == 23_100 && a.plannedStops.count == 1)
        #expect(!(try #require(report.gateways.first)).warnings.contains { $0.contains("incident") })
    }

    // MARK: - Findings

    @Test func expiryFindingsFollowTheStatuses() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let now = Self.t("2026-11-01T00:00:00Z")
        func credential(_ name: String, _ days: Int64) -> String {
            #"{"type":"credential","gateway":"G1","kind":"app_secret","name":"\#(name)","expires_at":"\#(Timestamp.format(now + days * 86_400))"}"#
        }
        try importNDJSON([credential("ok", 61), credential("warn", 60)].joined(separator: "\n"), into: store, folder: folder)
        let warningOnly = try store.expiry(now: now, zone: .utc)
        #expect(warningOnly.findingLevels == [.warning])
        #expect(FindingLevel.reached(.warning, by: warningOnly.findingLevels) && !FindingLevel.reached(.critical, by: warningOnly.findingLevels))
        // 15 days later the warning one is critical (14 days left), and a day past expiry still is
        #expect(try store.expiry(now: now + 46 * 86_400, zone: .utc).findingLevels == [.critical, .warning])
        #expect(try store.expiry(now: now + 61 * 86_400, zone: .utc).findingLevels == [.critical, .critical])
    }

    @Test func capacityFindingsCarryTheirLevels() throws {
        // Given an app secret that expires 10 days after October's end and storage past its warning level
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON([
            #"{"type":"alert_config","gateway":"G1","at":"2026-10-01T00:00:00Z","storage_quota_gb":2,"storage_warning_pct":50,"storage_critical_pct":90}"#,
            #"{"type":"storage","gateway":"G1","at":"2026-10-10T00:00:00Z","used_bytes":1500000000}"#,
            #"{"type":"credential","gateway":"G1","kind":"app_secret","name":"App","expires_at":"2026-11-11T00:00:00Z"}"#,
        ].joined(separator: "\n"), into: store, folder: folder)
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        let g = try #require(report.gateways.first)
        #expect(g.findings.map(\.level) == [.critical, .warning])
        #expect(g.warnings == g.findings.map(\.message))
        #expect(g.warnings.first == "App secret App expires in 10 days, on 2026-11-11T00:00:00Z.")
        #expect(report.findingLevels == [.critical, .warning])
    }
}
