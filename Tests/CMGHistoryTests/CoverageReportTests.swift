import Foundation
import Testing
@testable import CMGHistory

/// Issue 12, problem 6: reports say what they could not know. Every expected figure below was
/// worked out by hand from the lines the test imports.
@Suite("Coverage: partial buckets and months, no data, per-day changes, pruned detail")
struct CoverageReportTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    static func online(_ at: Int64, _ count: Int64, gateway: String = "G1") -> String {
        #"{"type":"online_clients","gateway":"\#(gateway)","at":"\#(Timestamp.format(at))","count":\#(count)}"#
    }

    static func egress(_ at: Int64, _ bytes: Int64) -> String {
        #"{"type":"egress","gateway":"G1","at":"\#(Timestamp.format(at))","interval_s":3600,"bytes":\#(bytes)}"#
    }

    static func traffic(_ at: Int64, requests: Int64) -> String {
        #"{"type":"endpoint_traffic","gateway":"G1","endpoint":"CCM_STS","at":"\#(Timestamp.format(at))","interval_s":300,"#
            + #""request_count":\#(requests),"request_bytes":100,"response_count":\#(requests),"response_bytes":50,"avg_elapsed_ms":5}"#
    }

    static func status(_ at: Int64, _ state: String) -> String {
        #"{"type":"status","gateway":"G1","at":"\#(Timestamp.format(at))","state":"\#(state)","description":""}"#
    }

    // MARK: - Trend buckets

    @Test func aWeekWithADayOfSamplesMissingIsFlaggedPartial() throws {
        // Given 5-minute online-client samples over two ISO weeks (from Monday 2026-10-05), the
        // second week missing its Wednesday: 2,016 and 1,728 of 2,016 samples. Its mean jumps
        // (the missing day was a quiet one: 10 where the others hold 100 and 1,000).
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let monday = Self.t("2026-10-05T00:00:00Z")
        var lines: [String] = []
        for i in 0..<(14 * 288) {
            let at = monday + Int64(i) * 300
            let day = i / 288
            if day == 9 { continue }
            lines.append(Self.online(at, day < 7 ? (day == 2 ? 10 : 100) : 100))
        }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When trended per week
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .week,
                                                  period: ReportPeriod(start: monday, end: monday + 14 * 86_400), zone: .utc))
        let points = try #require(report.series.first?.points)
        // Then the full week is whole and the short one is partial, with its coverage
        #expect(points.map(\.expectedSamples) == [2016, 2016])
        #expect(points.map(\.samples) == [2016, 1728])
        #expect(points.map(\.coverage) == [1, 0.8571])  // 1,728 / 2,016 = 0.857142…
        #expect(points.map(\.unknownSeconds) == [0, 86_400])  // 288 missing × 300 s
        #expect(points.map(\.partial) == [false, true])
        #expect(points.map(\.pruned) == [false, false])
        // And every format says so
        let json = TrendJSON.render(report)
        #expect(json == (try JSONRender.render(report)))
        #expect(json.contains(#""expected_samples" : 2016"#) && json.contains(#""partial" : true"#) && json.contains(#""samples" : 1728"#))
        let table = TrendRender.table(report)
        #expect(table.contains("86 %*") && table.contains(CoveragePolicy.legend))
        let csv = TrendRender.csv(report)
        #expect(csv.contains("expected_samples,samples,coverage,unknown_seconds,partial,pruned"))
        #expect(csv.contains(",2016,1728,0.8571,86400,true,false"))
        #expect(TrendRender.markdown(report).contains("86 %\\*") && TrendHTML.render(report).contains("partial: under 90 %"))
    }

    @Test func aDaylightSavingDayExpectsTheSamplesOfItsHours() throws {
        // Given 5-minute samples over Berlin's 2026-10-25 (25 hours) and 2026-10-26 (24 hours),
        // and over 2026-03-29 (23 hours)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let autumn = Self.t("2026-10-24T22:00:00Z")
        let spring = Self.t("2026-03-28T23:00:00Z")
        let autumnLines: [String] = (0..<(49 * 12)).map { (i: Int) in Self.online(autumn + Int64(i) * 300, 1) }
        let springLines: [String] = (0..<(23 * 12)).map { (i: Int) in Self.online(spring + Int64(i) * 300, 1) }
        let lines = autumnLines + springLines
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        let zone = try ReportZone(identifier: "Europe/Berlin")
        // When trended per local day
        let october = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day,
                                                   period: try ReportPeriod.parse(from: "2026-10-25", to: "2026-10-27", zone: zone), zone: zone))
        let march = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day,
                                                 period: try ReportPeriod.parse(from: "2026-03-29", to: "2026-03-30", zone: zone), zone: zone))
        // Then the 25-hour day expects 300 samples, the 23-hour day 276, and each is whole
        let points = try #require(october.series.first?.points) + (try #require(march.series.first?.points))
        #expect(points.map(\.expectedSamples) == [300, 288, 276])
        #expect(points.map(\.samples) == [300, 288, 276])
        #expect(points.allSatisfy { $0.coverage == 1 && !$0.partial && $0.unknownSeconds == 0 })
    }

    @Test func aMonthOfHourlySamplesInBerlinExpectsItsSevenHundredAndFortyFiveHours() throws {
        // Given one online-client sample per UTC hour over October and around it
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = (0..<(35 * 24)).map { Self.online(Self.t("2026-09-29T00:00:00Z") + Int64($0) * 3600, 1) }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When October's capacity is reported in Berlin (a 25-hour day)
        let report = try store.capacity(year: 2026, month: 10, zone: try ReportZone(identifier: "Europe/Berlin"))
        let coverage = try #require(report.gateways.first?.coverage.onlineClients)
        // Then 745 samples were expected and taken
        #expect(coverage.expectedSamples == 745 && coverage.samples == 745 && coverage.coverage == 1 && !coverage.partial)
    }

    @Test func anyStoredIntervalGivesACoverageNeverATrap() {
        // A damaged database can hold any interval: rounding never adds past 64 bits
        #expect(Coverage.expected(over: 90_000, every: 300) == 300 && Coverage.expected(over: 450, every: 300) == 2)
        #expect(Coverage.expected(over: Int64.max, every: Int64.max) == 1 && Coverage.expected(over: Int64.max - 1, every: Int64.max) == 1)
        let huge = Coverage.sampled(0, interval: Int64.max / 2 + 1, start: 0, end: Int64.max)
        #expect(huge.expectedSamples == 2 && huge.unknownSeconds == Int64.max && huge.partial)
        let none = Coverage.sampled(3, interval: nil, start: 0, end: 600)
        #expect(none.expectedSamples == nil && none.coverage == nil && none.partial)
    }

    // MARK: - Capacity months

    @Test func aMonthWithoutDataSaysNoDataRatherThanOneHundredPercent() throws {
        // Given status snapshots every 10 minutes over October, the last at 23:50: it holds for
        // the staleness limit, 5 minutes into November
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let start = Self.t("2026-10-01T00:00:00Z")
        let lines = (0..<(31 * 144)).map { Self.status(start + Int64($0) * 600, "Ready") } + [Self.online(start, 5)]
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When November is reported
        let report = try store.capacity(year: 2026, month: 11, zone: .utc)
        let g = try #require(report.gateways.first)
        // Then the 5 minutes carried in are no basis for a figure: availability is no data
        #expect(g.availability.readySeconds == 300 && g.availability.unknownSeconds == 30 * 86_400 - 300)
        #expect(g.availability.ratio == nil && g.availability.unplannedRatio == nil)
        #expect(g.coverage.status.samples == 0 && g.coverage.status.expectedSamples == 4320 && g.coverage.status.partial)
        #expect(g.coverage.partial && g.coverage.onlineClients.partial && g.coverage.onlineClients.samples == 0)
        let table = CapacityRender.table(report)
        #expect(table.contains("Availability                          no data"))
        #expect(table.contains("No data this month") && !table.contains("100.000 %"))
        #expect(CapacityRender.markdown(report).contains("| Availability | no data |"))
        let json = try JSONRender.render(report)
        #expect(json.contains(#""ratio" : null"#) && json.contains(#""unplanned_ratio" : null"#) && json.contains(#""partial" : true"#))
        // And October, fully observed, is whole
        let october = try #require(try store.capacity(year: 2026, month: 10, zone: .utc).gateways.first)
        #expect(october.availability.ratio == 1 && october.coverage.status.coverage == 1 && !october.coverage.status.partial)
        #expect(october.coverage.status.expectedSamples == 4464 && october.coverage.status.samples == 4464)
    }

    @Test func aChangeAgainstAMonthMissingThreeDaysComparesPerDayRates() throws {
        // Given 1 GB of egress every hour from 2026-07-04 to the end of September: July is missing
        // its first 3 days (672 of 744 samples, 90.3 %), August and September are whole
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let first = Self.t("2026-07-04T00:00:00Z")
        let hours = (Self.t("2026-10-01T00:00:00Z") - first) / 3600
        let lines = (0..<hours).map { Self.egress(first + $0 * 3600, 1_000_000_000) }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When August is reported
        let august = try #require(try store.capacity(year: 2026, month: 8, zone: .utc).gateways.first)
        // Then totals (744 GB on 672 GB) would say +10.7 %; the per-day rates (24 GB a day in both) say 0
        #expect(august.egress.totalBytes == 744_000_000_000 && august.egress.previousMonthTotalBytes == 672_000_000_000)
        #expect(august.egress.changeRatio == 0 && august.egress.changeBasis == MonthChange.perDayRates)
        let line = try #require(CapacityRender.table(try store.capacity(year: 2026, month: 8, zone: .utc))
            .split(separator: "\n").first { $0.contains("Egress  ") })
        #expect(line.hasSuffix("744.00 GB (+0.0 % on last month, per-day rates: a month is partial)"))
        // And September against a whole August compares totals: 720 on 744
        let september = try #require(try store.capacity(year: 2026, month: 9, zone: .utc).gateways.first)
        #expect(september.egress.changeBasis == MonthChange.totals && september.egress.changeRatio == -0.0323)
        #expect(september.coverage.egress.expectedSamples == 720 && september.coverage.egress.coverage == 1)
        #expect(august.coverage.egress.samples == 744)
    }

    // MARK: - Pruned

    @Test func afterPruningEndpointDetailSaysPrunedNeverZero() throws {
        // Given CCM_STS traffic every 5 minutes on 2026-10-01 and 2026-11-01, 10 requests each
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = [Self.t("2026-10-01T00:00:00Z"), Self.t("2026-11-01T00:00:00Z")].flatMap { day in
            (0..<288).map { Self.traffic(day + Int64($0) * 300, requests: 10) }
        }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When raw samples older than 10 days before 2026-11-05 are pruned (October's day)
        _ = try store.prune(keepDays: 10, now: Self.t("2026-11-05T00:00:00Z"))
        func trend(_ endpoint: String?, from: String, to: String) throws -> TrendReport {
            try store.trend(TrendRequest(metric: .requests, bucket: .day, period: ReportPeriod(start: Self.t(from), end: Self.t(to)),
                                         zone: .utc, endpoint: endpoint))
        }
        let detail = try trend("CCM_STS", from: "2026-10-01T00:00:00Z", to: "2026-10-02T00:00:00Z")
        let pruned = try #require(detail.series.first?.points.first)
        // Then the endpoint's pruned day is null and pruned, not a count of 0
        #expect(pruned.count == nil && pruned.sum == nil && pruned.pruned && pruned.samples == nil)
        let json = TrendJSON.render(detail)
        #expect(json == (try JSONRender.render(detail)))
        #expect(json.contains(#""count" : null"#) && json.contains(#""pruned" : true"#))
        #expect(TrendRender.table(detail).contains("pruned") && !TrendRender.table(detail).contains("  0  "))
        // And the gateway's total of that day comes from the rollups, marked as such
        let total = try #require(try trend(nil, from: "2026-10-01T00:00:00Z", to: "2026-10-02T00:00:00Z").series.first?.points.first)
        #expect(total.count == 288 && total.sum == 2880 && total.pruned && !total.partial)
        #expect(TrendRender.table(try trend(nil, from: "2026-10-01T00:00:00Z", to: "2026-10-02T00:00:00Z")).contains("288†"))
        // And a 5-minute bucket of the pruned day, which only raw rows could answer, is null too
        let fiveMinutes = try store.trend(TrendRequest(metric: .requests, bucket: .fiveMinutes, period: ReportPeriod(
            start: Self.t("2026-10-01T10:00:00Z"), end: Self.t("2026-10-01T10:10:00Z")), zone: .utc))
        #expect(fiveMinutes.series.first?.points.map(\.count) == [nil, nil])
        #expect(fiveMinutes.series.first?.points.allSatisfy(\.pruned) == true)
        // And the capacity report of the pruned month says where its figures come from
        let october = try store.capacity(year: 2026, month: 10, zone: .utc)
        #expect(october.gateways.first?.coverage.rawPruned == true && october.gateways.first?.requests.total == 2880)
        #expect(CapacityRender.table(october).contains("figures from rollups (raw pruned)"))
        #expect(try store.capacity(year: 2026, month: 11, zone: .utc).gateways.first?.coverage.rawPruned == false)
        // And a day after the horizon is raw and whole
        let kept = try #require(try trend("CCM_STS", from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z").series.first?.points.first)
        #expect(kept.count == 288 && kept.sum == 2880 && !kept.pruned && kept.expectedSamples == 288 && !kept.partial)
    }
}
