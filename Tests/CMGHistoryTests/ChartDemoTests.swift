import Foundation
import Testing
@testable import CMGHistory

/// The charts of the demo history's pages: what they draw is what the reports say.
@Suite("Charts of the demo history")
struct ChartDemoTests {
    static var october: ReportPeriod {
        ReportPeriod(start: 1_790_812_800, end: 1_793_491_200)  // 2026-10-01 to 2026-11-01, UTC
    }

    @Test func egressIsDrawnAsEachDaysTotal() throws {
        // Given the demo's daily egress trend of October
        let store = try GoldenReportTests.demo.get()
        let report = try store.trend(TrendRequest(metric: .egressBytes, bucket: .day, period: Self.october, zone: .utc))
        // When its lines are made
        let lines = TrendHTML.lines(report)
        // Then there is one line per gateway, each point the day's total, none a mean or p95
        #expect(lines.map(\.name) == report.series.map { $0.gateway + " total" })
        for (line, series) in zip(lines, report.series) {
            #expect(line.points.map(\.y) == series.points.map { $0.sum.map(Double.init) })
        }
    }

    @Test func rollingEgressAndItsLevelsAgreeWithTheCapacityReport() throws {
        // Given the demo's October
        let store = try GoldenReportTests.demo.get()
        let capacity = try store.capacity(year: 2026, month: 10, zone: .utc)
        // When the days are read for the charts
        let charts = try store.dailyCharts(period: Self.october, zone: .utc)
        #expect(charts.map(\.gateway) == capacity.gateways.map(\.gateway))
        for (chart, gateway) in zip(charts, capacity.gateways) {
            // Then the highest day of the rolling 14-day egress is the month's peak, the levels those in force
            #expect(chart.days.count == 31)
            #expect(chart.days.compactMap(\.rolling14dPeakBytes).max() == gateway.egress.rolling14dPeakBytes)
            #expect(chart.days.last?.egressThresholdBytes == gateway.egress.thresholdBytes)
            #expect(chart.days.last?.egressCriticalBytes == gateway.egress.criticalBytes)
            // And the days' egress adds up to the month's, the daily peaks to the month's peak
            #expect(chart.days.compactMap(\.egressBytes).reduce(0, +) == gateway.egress.totalBytes)
            #expect(chart.days.compactMap(\.onlineClientsPeak).max() == gateway.onlineClients.peak)
            #expect(chart.days.map(\.coverage.samples).reduce(0, +) == Int64(gateway.onlineClients.samples))
            // And the demo's 5-minute samples make 288 expected a day
            #expect(chart.intervalSeconds == 300)
            #expect(chart.days.allSatisfy { $0.coverage.expectedSamples == 288 })
            // And the storage levels are the quota and levels the capacity report states
            #expect(chart.days.last?.storageQuotaBytes == gateway.storage.quotaBytes)
            #expect(chart.days.last?.storageWarningBytes == gateway.storage.warningBytes)
            #expect(chart.days.last?.storageCriticalBytes == gateway.storage.criticalBytes)
            #expect(chart.days.compactMap(\.storagePeakBytes).max() == gateway.storage.peakUsedBytes)
        }
        let html = CapacityRender.html(capacity, charts: charts, bands: try store.downtimeBands(period: Self.october, zone: .utc))
        for heading in ["Online clients: daily peak and capacity", "Egress per day", "Rolling 14-day egress and its alert levels",
                        "Storage used and its quota", "Coverage ("] {
            #expect(html.components(separatedBy: "<h3>\(heading)").count - 1 == 2, "\(heading) once per gateway")
        }
        #expect(html.contains("capacity (instances × VM size limit)"))
        // And a threshold far above the traffic is named, not drawn as a flat line that squashes the data to 0
        for gateway in capacity.gateways {
            for (name, bytes) in [("threshold", gateway.egress.thresholdBytes), ("warning", gateway.egress.warningBytes),
                                  ("critical", gateway.egress.criticalBytes)] {
                let value = try #require(bytes)
                #expect(html.contains(">\(name) \(ChartValueAxis.text(Double(value), unit: .bytes)), above the scale</text>"), "\(name)")
            }
        }
    }

    @Test func onlineClientsAreDrawnAgainstTheCapacityInForce() throws {
        // Given the demo's October: GraniteFalls 2 × Standard_A2_v2, CedarRapids 1 ×
        let store = try GoldenReportTests.demo.get()
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .hour, period: Self.october, zone: .utc))
        // When the trend page's lines are made with the days
        let levels = TrendHTML.capacityLines(report, try store.dailyCharts(period: Self.october, zone: .utc))
        // Then each gateway has a dotted capacity step in its colour, at instances × 6,000
        #expect(levels.map(\.name) == ["CedarRapids.contoso.com capacity", "GraniteFalls.contoso.com capacity"])
        #expect(levels.map { Set($0.points.compactMap(\.y)) } == [[6_000], [12_000]])
        #expect(levels.map(\.colour) == TrendHTML.lines(report).filter { $0.style == .solid }.map(\.colour))
        // And an egress page gets none
        #expect(TrendHTML.capacityLines(try store.trend(TrendRequest(metric: .egressBytes, bucket: .day, period: Self.october, zone: .utc)),
                                        try store.dailyCharts(period: Self.october, zone: .utc)).isEmpty)
    }

    @Test func incidentsAndPlannedStopsAreShadedAsTheTimelineCallsThem() throws {
        // Given the demo's September and October: CedarRapids' planned stop and GraniteFalls' expired app secret
        let store = try GoldenReportTests.demo.get()
        let period = ReportPeriod(start: Self.october.start - 30 * 86_400, end: Self.october.end)
        let bands = try store.downtimeBands(period: period, zone: .utc)
        let timeline = try store.timeline(TimelineRequest(window: period, zone: .utc))
        // Then the bands are the timeline's incidents, planned where it says planned
        #expect(bands.map { "\($0.gateway) \($0.start) \($0.planned)" }
            == timeline.incidents.map { "\($0.gateway) \($0.startInstant) \($0.planned)" })
        #expect(bands.contains { $0.planned } && bands.contains { !$0.planned })
        // And a trend page shades both, with a legend for each
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .hour, period: period, zone: .utc))
        let html = TrendHTML.render(report, charts: TrendCharts(bands: bands))
        #expect(html.contains("fill=\"\(ChartBand.plannedColour)\" fill-opacity=\"\(ChartBand.plannedOpacity)\"><title>CedarRapids.contoso.com: planned, "))
        #expect(html.contains("fill=\"\(ChartBand.incidentColour)\" fill-opacity=\"\(ChartBand.incidentOpacity)\"><title>GraniteFalls.contoso.com: Error"))
        #expect(html.contains(">planned downtime</text>") && html.contains(">incident</text>"))
        // And each legend swatch has its band's shade
        #expect(html.contains("fill=\"\(ChartBand.plannedColour)\" fill-opacity=\"\(ChartBand.plannedOpacity)\"/>"))
        #expect(html.contains("fill=\"\(ChartBand.incidentColour)\" fill-opacity=\"\(ChartBand.incidentOpacity)\"/>"))
    }

    @Test func aBandOfAFewHoursOnATwoMonthChartCanBeFound() throws {
        // Given a planned stop of about six hours on a 61-day chart (under 4 pixels wide)
        let store = try GoldenReportTests.demo.get()
        let period = ReportPeriod(start: Self.october.start - 30 * 86_400, end: Self.october.end)
        let bands = try store.downtimeBands(period: period, zone: .utc)
        let planned = try #require(bands.first { $0.planned })
        // When it is shaded on a daily trend
        let report = try store.trend(TrendRequest(metric: .requests, bucket: .day, period: period, zone: .utc))
        let html = TrendHTML.render(report, charts: TrendCharts(bands: [planned]))
        // Then it is drawn at least the minimum width, its tooltip keeping its real times
        let rect = try #require(html.components(separatedBy: "<rect ").first { $0.contains("fill=\"\(ChartBand.plannedColour)\" fill-opacity=\"\(ChartBand.plannedOpacity)\"><title>") })
        let width = try #require(rect.components(separatedBy: "width=\"").dropFirst().first?.components(separatedBy: "\"").first.flatMap(Double.init))
        #expect(width >= ChartShading.minimumWidth)
        #expect(rect.contains(HTMLPage.escape(planned.text)))
    }

    @Test func aStorageTrendDrawsTheQuotaAndItsLevelsOnce() throws {
        // Given the demo's two gateways, both with a 2 GB storage quota, warning at 50 % and critical at 90 %
        let store = try GoldenReportTests.demo.get()
        let report = try store.trend(TrendRequest(metric: .storageUsedBytes, bucket: .day, period: Self.october, zone: .utc))
        // When the storage trend's level lines are made
        let levels = TrendHTML.capacityLines(report, try store.dailyCharts(period: Self.october, zone: .utc))
        // Then the shared quota, warning and critical levels are drawn once, at 2, 1 and 1.8 GB
        #expect(levels.map(\.name) == ["storage quota", "storage warning", "storage critical"])
        #expect(levels.map { Set($0.points.compactMap(\.y)) } == [[2e9], [1e9], [1.8e9]])
        #expect(levels.allSatisfy { $0.isLevel && $0.style == .dashed })
    }

    @Test func aSixtyDayFiveMinuteTrendPageStaysUnderOneMegabyte() throws {
        // Given 60 days of 5-minute online clients of two gateways (17,280 buckets each)
        let store = try GoldenReportTests.demo.get()
        let period = ReportPeriod(start: Self.october.end - 60 * 86_400, end: Self.october.end)
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .fiveMinutes, period: period, zone: .utc))
        #expect(report.series.allSatisfy { $0.points.count == 17_280 })
        // When it is rendered as HTML with its shading
        let html = TrendHTML.render(report, charts: TrendCharts(bands: try store.downtimeBands(period: period, zone: .utc)))
        // Then it stays under 1 MB, and the chart still reaches the highest sample of each gateway
        #expect(html.utf8.count < 1_000_000, "\(html.utf8.count) bytes")
        #expect(html.contains("buckets: too many for a table in a mail"))
        let top = ChartValueAxis(unit: .clients, maximum: Double(report.series.compactMap { $0.points.compactMap(\.max).max() }.max() ?? 0)).top
        let plotTop = try #require(Double(ChartTests.attributes("y", of: "rect", in: html).first ?? ""))
        for series in report.series {
            let peak = Double(series.points.compactMap(\.max).max() ?? 0)
            let y = SVGLineChart.f(plotTop + SVGLineChart.plotHeight - peak / top * SVGLineChart.plotHeight)
            #expect(html.contains(",\(y) ") || html.contains(",\(y)\""), "\(series.gateway) peak at y \(y) drawn")
        }
    }

    @Test func pagesSayWhenAndFromWhatTheyWereMadeUnlessReproducible() throws {
        let store = try GoldenReportTests.demo.get()
        var capacity = try store.capacity(year: 2026, month: 10, zone: .utc)
        #expect(!CapacityRender.html(capacity).contains("Made "))
        capacity.provenance = ReportProvenance(database: "cmg.sqlite", generatedAt: "2026-11-29T18:00:00Z", arguments: "report capacity --month 2026-10")
        #expect(CapacityRender.html(capacity).contains("Made 2026-11-29T18:00:00Z from cmg.sqlite with: report capacity --month 2026-10."))
    }

    @Test func availabilityAndExpiryPagesSayWhenAndFromWhatTheyWereMade() throws {
        // Given the demo's October availability and its expiry at the month's end
        let store = try GoldenReportTests.demo.get()
        var availability = try store.availability(period: Self.october, zone: .utc)
        var expiry = try store.expiry(now: Self.october.end, zone: .utc)
        // When rendered reproducibly (no provenance), then neither page says when it was made
        #expect(!AvailabilityRender.html(availability).contains("Made "))
        #expect(!ExpiryRender.html(expiry).contains("Made "))
        // When rendered with its provenance, then each page says when and from what, under its heading
        let made = ReportProvenance(database: "cmg.sqlite", generatedAt: "2026-11-29T18:00:00Z", arguments: "report availability")
        availability.provenance = made
        expiry.provenance = made
        for html in [AvailabilityRender.html(availability), ExpiryRender.html(expiry)] {
            let sentence = try #require(html.range(of: "<br>Made 2026-11-29T18:00:00Z from cmg.sqlite with: report availability.</p>"))
            #expect(html.range(of: "</h1>").map { $0.upperBound <= sentence.lowerBound } == true)
        }
    }
}
