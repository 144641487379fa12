import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Hand-computed fixtures for the reports: every expected figure below was worked out by hand
/// from the lines the test imports.
@Suite("Reports: trend, availability, capacity, expiry, prune")
struct ReportTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    static func online(_ gateway: String, _ at: Int64, _ count: Int64) -> String {
        #"{"type":"online_clients","gateway":"\#(gateway)","at":"\#(Timestamp.format(at))","count":\#(count)}"#
    }

    static func status(_ gateway: String, _ at: String, _ state: String, _ description: String = "") -> String {
        #"{"type":"status","gateway":"\#(gateway)","at":"\#(at)","state":"\#(state)","description":"\#(description)"}"#
    }

    // MARK: - Trend

    @Test func dailyBucketsFollowTheZoneCalendarOnADaylightSavingDay() throws {
        // Given one online-client sample every hour (value 1) over 2026-10-24..27 UTC; Berlin
        // leaves summer time on 2026-10-25, which therefore has 25 hours.
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = (0..<(4 * 24)).map { h in Self.online("G1", Self.t("2026-10-23T22:00:00Z") + Int64(h) * 3600, 1) }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When trended per day in Europe/Berlin
        let zone = try ReportZone(identifier: "Europe/Berlin")
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day,
                                                  period: try ReportPeriod.parse(from: "2026-10-24", to: "2026-10-27", zone: zone), zone: zone))
        // Then the buckets are local days, the DST day counting 25 samples
        let points = try #require(report.series.first?.points)
        #expect(points.map(\.start) == ["2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"])
        #expect(points.map(\.end) == ["2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", "2026-10-27T00:00:00+01:00"])
        #expect(points.map(\.count) == [24, 25, 24])
    }

    @Test func aHalfHourZoneTakesItsPartialHoursFromRawSamples() throws {
        // Given samples every 5 minutes with value = minutes since 2026-10-01T00:00Z / 5
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let base = Self.t("2026-10-01T00:00:00Z")
        let lines = (0..<(48 * 12)).map { i in Self.online("G1", base + Int64(i) * 300, Int64(i)) }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When trended per day in Asia/Kolkata (+05:30): 2026-10-01 local = [2026-09-30T18:30Z, 2026-10-01T18:30Z)
        let zone = try ReportZone(identifier: "Asia/Kolkata")
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day,
                                                  period: try ReportPeriod.parse(from: "2026-10-01", to: "2026-10-02", zone: zone), zone: zone))
        let point = try #require(report.series.first?.points.first)
        // Then: samples i = 0 … 221 (00:00Z to 18:25Z): 222 samples, sum 221·222/2 = 24,531
        #expect(point.start == "2026-10-01T00:00:00+05:30")
        #expect(point.count == 222 && point.sum == 24_531 && point.min == 0 && point.max == 221)
        #expect(point.p95 == 210)  // rank ceil(0.95 × 222) = 211 → value 210
        #expect(point.mean == 110.5)
    }

    @Test func emptyBucketsArePresentWithCountZeroAndNullFigures() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.online("G1", Self.t("2026-10-01T00:10:00Z"), 7), into: store, folder: folder)
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .hour,
                                                  period: ReportPeriod(start: Self.t("2026-10-01T00:00:00Z"), end: Self.t("2026-10-01T02:00:00Z")), zone: .utc))
        let json = try JSONRender.render(report)
        #expect(json.contains(#""count" : 0,"#) && json.contains(#""p95" : null"#) && json.contains(#""endpoint" : null"#))
        #expect(report.series.first?.points.map(\.count) == [1, 0])
    }

    // MARK: - Availability

    @Test func staleSnapshotsLeaveUnknownTimeThatIsNeverCountedAsUp() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON([
            Self.status("G1", "2026-10-01T00:00:00Z", "Ready"), Self.status("G1", "2026-10-01T00:05:00Z", "Ready"),
            Self.status("G1", "2026-10-01T01:00:00Z", "Error", "boom"), Self.status("G1", "2026-10-01T01:05:00Z", "Ready"),
        ].joined(separator: "\n"), into: store, folder: folder)
        let report = try store.availability(period: ReportPeriod(start: Self.t("2026-10-01T00:00:00Z"), end: Self.t("2026-10-01T01:30:00Z")), zone: .utc)
        let g = try #require(report.gateways.first)
        // Ready 00:00–00:20 and 01:05–01:20; Error 01:00–01:05; unknown 00:20–01:00 and 01:20–01:30
        #expect(g.readySeconds == 2100 && g.notReadySeconds == 300 && g.unknownSeconds == 3000)
        #expect(g.ratio == 0.875)
        #expect(g.incidents.map(\.start) == ["2026-10-01T01:00:00Z"] && g.incidents.first?.end == "2026-10-01T01:05:00Z")
    }

    @Test func anUnknownGapInsideAnIncidentDoesNotSplitIt() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON([
            Self.status("G1", "2026-10-01T00:00:00Z", "Ready"),
            Self.status("G1", "2026-10-01T00:05:00Z", "Error", "secret expired"), Self.status("G1", "2026-10-01T00:10:00Z", "Error", "secret expired"),
            Self.status("G1", "2026-10-01T01:30:00Z", "Upgrading"), Self.status("G1", "2026-10-01T01:35:00Z", "Ready"),
            Self.status("G1", "2026-10-01T03:00:00Z", "Stopped"),
        ].joined(separator: "\n"), into: store, folder: folder)
        let report = try store.availability(period: ReportPeriod(start: Self.t("2026-10-01T00:00:00Z"), end: Self.t("2026-10-01T04:00:00Z")), zone: .utc)
        let incidents = try #require(report.gateways.first?.incidents)
        #expect(incidents.count == 2)
        #expect(incidents[0].start == "2026-10-01T00:05:00Z" && incidents[0].end == "2026-10-01T01:35:00Z")
        #expect(incidents[0].states == ["Error", "Upgrading"] && incidents[0].durationSeconds == 5400)
        #expect(incidents[1].ongoing && incidents[1].end == nil && incidents[1].durationSeconds == 3600)
    }

    // MARK: - Capacity

    static func capacityFixture() -> String {
        var lines = [
            #"{"type":"gateway","gateway":"G1","at":"2026-09-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":1}"#,
            #"{"type":"gateway","gateway":"G1","at":"2026-10-15T00:00:00Z","vm_size":"Standard_A2_v2","instances":2}"#,
            #"{"type":"alert_config","gateway":"G1","at":"2026-09-01T00:00:00Z","egress_threshold_gb":100,"egress_warning_pct":50,"egress_critical_pct":90,"stop_on_critical":true,"storage_quota_gb":2,"storage_warning_pct":50,"storage_critical_pct":90}"#,
            #"{"type":"credential","gateway":"G1","kind":"app_secret","name":"App","expires_at":"2026-12-10T00:00:00Z"}"#,
            #"{"type":"operation","gateway":"G1","kind":"scale","requested_at":"2026-10-15T00:00:00Z","completed_at":"2026-10-15T00:30:00Z","outcome":"succeeded"}"#,
        ]
        // September: 1,000 clients every hour; October: 2,000, with two equal peaks of 7,500.
        for day in 0..<61 {
            for hour in 0..<24 {
                let at = t("2026-09-01T00:00:00Z") + Int64(day * 86_400 + hour * 3600)
                let inOctober = at >= t("2026-10-01T00:00:00Z")
                var count: Int64 = inOctober ? 2000 : 1000
                if at == t("2026-10-20T10:00:00Z") || at == t("2026-10-25T10:00:00Z") { count = 7500 }
                lines.append(online("G1", at, count))
                lines.append(#"{"type":"egress","gateway":"G1","at":"\#(Timestamp.format(at))","interval_s":3600,"bytes":\#(inOctober ? 200_000_000 : 100_000_000)}"#)
                lines.append(#"{"type":"endpoint_traffic","gateway":"G1","endpoint":"CCM_STS","at":"\#(Timestamp.format(at))","interval_s":3600,"request_count":10,"request_bytes":1,"response_count":10,"response_bytes":1}"#)
            }
        }
        lines.append(#"{"type":"storage","gateway":"G1","at":"2026-10-31T00:00:00Z","used_bytes":1500000000}"#)
        return lines.joined(separator: "\n")
    }

    @Test func capacityFiguresMatchTheHandComputation() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.capacityFixture(), into: store, folder: folder)
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        let g = try #require(report.gateways.first)
        // Peak: the earlier of the two equal 7,500 samples; the scale-out on 10-15 is in force then.
        #expect(g.onlineClients.samples == 744 && g.onlineClients.peak == 7500 && g.onlineClients.peakAt == "2026-10-20T10:00:00Z")
        #expect(g.onlineClients.p95 == 2000)
        #expect(g.capacity.instances == 2 && g.capacity.capacityClients == 12_000 && g.capacity.peakUtilization == 0.625)
        #expect(g.capacity.recommendedInstances == 2)  // 7,500 × 1.2 = 9,000 → 2 × 6,000
        #expect(g.requests.total == 7440 && g.requests.previousMonthTotal == 7200 && g.requests.changeRatio == 0.0333)
        #expect(g.egress.totalBytes == 148_800_000_000 && g.egress.previousMonthTotalBytes == 72_000_000_000)
        // The trailing 14 days first hold 336 October samples of 200 MB at 10-14 23:00
        // (the window (at − 14 d, at] then starts after 09-30 23:00).
        #expect(g.egress.rolling14dPeakBytes == 67_200_000_000 && g.egress.rolling14dPeakAt == "2026-10-14T23:00:00Z")
        #expect(g.egress.criticalBytes == 90_000_000_000 && g.egress.stopsOnCritical == true)
        #expect(g.storage.peakUsedBytes == 1_500_000_000 && g.storage.quotaBytes == 2_000_000_000)
        #expect(g.operations == ["scale": 1])
        #expect(g.credentialsExpiring.map(\.daysLeft) == [39])  // 2026-11-01 → 2026-12-10
        #expect(g.availability.ratio == nil && g.availability.unknownSeconds == 31 * 86_400)
        #expect(g.warnings.first == "App secret App expires in 39 days, on 2026-12-10T00:00:00Z.")
        #expect(g.forecast.storageVsQuota.reason == "not enough data")
        // The 90-day window holds 61 days with samples (September and October).
        #expect(g.forecast.onlineClientsPeakVsCapacity.daysUsed == 61)
        // Daily peaks doubled from September to October: the line reaches 12,000 within the year.
        let crossing = try #require(g.forecast.onlineClientsPeakVsCapacity.crossesOn)
        #expect(crossing > "2026-11-01" && crossing < "2027-11-01")
        #expect((g.forecast.onlineClientsPeakVsCapacity.slopePerDay ?? 0) > 0)
    }

    @Test(arguments: [("Europe/Berlin", 745, "2026-10-01T00:00:00+02:00", "2026-11-01T00:00:00+01:00"),
                      ("Asia/Kolkata", 744, "2026-10-01T00:00:00+05:30", "2026-11-01T00:00:00+05:30"),
                      ("UTC", 744, "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z")])
    func aMonthIsCutInTheReportZone(zoneName: String, hours: Int, from: String, to: String) throws {
        // Given one sample at every whole UTC hour from 09-29 to 11-02, value 1
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = (0..<(35 * 24)).map { h in Self.online("G1", Self.t("2026-09-29T00:00:00Z") + Int64(h) * 3600, 1) }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When October's capacity is reported in the zone
        let report = try store.capacity(year: 2026, month: 10, zone: try ReportZone(identifier: zoneName))
        // Then the month has the zone's hours: Berlin's October has a 25-hour day
        #expect(report.from == from && report.to == to)
        #expect(report.gateways.first?.onlineClients.samples == hours)
    }

    @Test func anEmptyMonthHasNullFiguresNotZeros() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.online("G1", Self.t("2026-10-01T00:00:00Z"), 5), into: store, folder: folder)
        let report = try store.capacity(year: 2026, month: 12, zone: .utc)
        let g = try #require(report.gateways.first)
        #expect(g.onlineClients.samples == 0 && g.onlineClients.peak == nil && g.requests.total == nil && g.egress.totalBytes == nil)
        let json = try JSONRender.render(report)
        #expect(json.contains(#""peak" : null"#) && json.contains(#""total_bytes" : null"#))
    }

    @Test func afterPruningMonthlyTotalsPeaksAndCountsAreUnchanged() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.capacityFixture(), into: store, folder: folder)
        let before = try store.capacity(year: 2026, month: 10, zone: .utc)
        // An hour whose rollups went missing (online clients, and the traffic group) is rebuilt
        // from raw before its raw rows are deleted.
        try store.writeTransaction { db in
            try db.execute(sql: "DELETE FROM rollup_hour WHERE hour_start = ? AND metric_id IN (1, 2)",
                           arguments: [Self.t("2026-10-20T10:00:00Z")])
        }
        let summary = try store.prune(keepDays: 1, now: Self.t("2026-11-05T00:00:00Z"))
        #expect(summary.rollupsBuilt == 2)
        #expect(summary.deletedRows["online_clients_sample"] == 61 * 24)
        let after = try store.capacity(year: 2026, month: 10, zone: .utc)
        let b = try #require(before.gateways.first), a = try #require(after.gateways.first)
        #expect(a.onlineClients.samples == b.onlineClients.samples && a.onlineClients.peak == b.onlineClients.peak)
        #expect(a.onlineClients.p95 == b.onlineClients.p95 && a.requests == b.requests)
        #expect(a.egress.totalBytes == b.egress.totalBytes && a.egress.rolling14dPeakBytes == b.egress.rolling14dPeakBytes)
        #expect(a.storage == b.storage && a.capacity == b.capacity)
        // A sample for a pruned hour is refused: its rollup is final.
        let late = try importNDJSON(Self.online("G1", Self.t("2026-10-02T00:30:00Z"), 1), into: store, folder: folder, name: "late")
        #expect(late.rejected == 1 && late.rejections.first?.problem.field == "at")
    }

    // MARK: - Expiry

    @Test func expiryStatusesFollowTheSixtyAndFourteenDayRules() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let now = Self.t("2026-11-01T00:00:00Z")
        func credential(_ name: String, _ days: Int64) -> String {
            #"{"type":"credential","gateway":"G1","kind":"app_secret","name":"\#(name)","expires_at":"\#(Timestamp.format(now + days * 86_400))"}"#
        }
        try importNDJSON([credential("ok", 61), credential("warn", 60), credential("crit", 14), credential("gone", -1),
                          credential("renewed", -30), credential("renewed", 400)].joined(separator: "\n"), into: store, folder: folder)
        let report = try store.expiry(now: now, zone: .utc)
        #expect(report.credentials.map(\.name) == ["gone", "crit", "warn", "ok", "renewed"])
        #expect(report.credentials.map(\.status) == [.expired, .critical, .warning, .ok, .ok])
        #expect(report.credentials.map(\.daysLeft) == [-1, 14, 60, 61, 400])
        #expect(report.credentials.last?.renewals?.count == 2)
        #expect(try store.expiry(now: now, zone: .utc, withinDays: 60).credentials.map(\.name) == ["gone", "crit", "warn"])
    }
}
