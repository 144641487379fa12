import Foundation
import Testing
@testable import CMGHistory

/// The HTML charts an admin mails (issue 12, problem 9), checked on the SVG text: legend
/// colours, labels, time axes, units, egress totals and 14-day levels, shading, downsampling.
@Suite("Charts an admin can mail")
struct ChartTests {
    static let hour: Int64 = 3600
    static let octoberFirst: Int64 = 1_790_812_800  // 2026-10-01T00:00:00Z

    /// The values of attribute `name` on every `<element` of the SVG.
    static func attributes(_ name: String, of element: String, in svg: String) -> [String] {
        svg.components(separatedBy: "<\(element) ").dropFirst().compactMap { rest in
            let tag = rest.prefix { $0 != ">" }
            guard let range = tag.range(of: " \(name)=\"") ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil) else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func twoGatewayChart(marks: [SVGLineChart.Mark] = []) -> SVGLineChart {
        let xs = (0..<48).map { octoberFirst + Int64($0) * hour }
        return SVGLineChart(title: "t", series: [
            .init(name: "A mean", colour: SVGLineChart.colour(0), points: xs.map { ($0, 100) }),
            .init(name: "A p95", colour: SVGLineChart.colour(0), style: .dashed, points: xs.map { ($0, 150) }),
            .init(name: "B mean", colour: SVGLineChart.colour(1), points: xs.map { ($0, 40) }),
        ], marks: marks, xRange: octoberFirst...(octoberFirst + 48 * hour), unit: .clients, zone: .utc)
    }

    @Test func legendSwatchesAreStrokesInTheColourAndDashOfTheirLine() {
        // Given a chart of two gateways, one with mean and p95
        let svg = Self.twoGatewayChart().render()
        // Then each line's colour and dash appear on a legend stroke, which the page's text fill cannot grey out
        let lineColours = Self.attributes("stroke", of: "polyline", in: svg)
        let legendColours = Self.attributes("stroke", of: "line", in: svg).filter { $0 != "#e5e5e5" }
        #expect(lineColours == ["#0063b1", "#0063b1", "#107c10"])
        #expect(Set(lineColours).isSubset(of: Set(legendColours)))
        #expect(svg.contains("stroke=\"#0063b1\" stroke-width=\"2.5\" stroke-dasharray=\"7,4\"/><text"), "p95's legend swatch is dashed")
        #expect(svg.contains("stroke=\"#0063b1\" stroke-width=\"1.5\" stroke-dasharray=\"7,4\" points="), "and so is its line")
        // And no text is coloured by a fill attribute (the stylesheet would override it)
        #expect(Self.attributes("fill", of: "text", in: svg).isEmpty)
    }

    @Test func operationLabelsNeverOverlapAndStayInsideThePlot() {
        // Given twelve operations within two hours and one at the very end
        let marks = (0..<12).map { SVGLineChart.Mark(x: Self.octoberFirst + 3600 + Int64($0) * 600, label: "renew_server_certificate (GraniteFalls) #\($0)") }
            + [SVGLineChart.Mark(x: Self.octoberFirst + 48 * Self.hour, label: "renew_app_secret (GraniteFalls)")]
        let plot = (left: SVGLineChart.left, right: SVGLineChart.width - SVGLineChart.right)
        let width = plot.right - plot.left
        let xs = marks.map { plot.left + Double($0.x - Self.octoberFirst) / Double(48 * Self.hour) * width }
        // When they are placed
        let placed = ChartMarkLabels.place(Array(zip(xs, marks.map(\.label))).map { ($0.0, $0.1) }, left: plot.left, right: plot.right)
        // Then no two labels of one row overlap, and every label is inside the plot
        for a in placed {
            #expect(a.x >= plot.left && a.x + ChartMarkLabels.width(a.text) <= plot.right, "\(a)")
            for b in placed where b.mark != a.mark && b.row == a.row {
                #expect(a.x + ChartMarkLabels.width(a.text) <= b.x || b.x + ChartMarkLabels.width(b.text) <= a.x, "\(a) overlaps \(b)")
            }
        }
        // And the last one is drawn, flipped left of its mark
        #expect(placed.contains { $0.mark == 12 && $0.x < xs[12] })
        // And those left out keep their text as a tooltip, counted in the legend
        let svg = Self.twoGatewayChart(marks: marks).render()
        #expect(placed.count < marks.count)
        for mark in marks { #expect(svg.contains("<title>\(HTMLPage.escape(mark.label))</title>")) }
        #expect(svg.contains("operation (\(marks.count - placed.count) more in tooltips)"))
    }

    @Test func hourlyTicksAreRoundLocalHoursWithTheDateOnceADayAcrossDST() throws {
        // Given two days around the end of summer time in Berlin (2026-10-25, a 25-hour day)
        let zone = try ReportZone(identifier: "Europe/Berlin")
        let start = try #require(Timestamp.parse("2026-10-24T10:17:00Z")), end = try #require(Timestamp.parse("2026-10-26T09:00:00Z"))
        // When the axis is ticked
        let ticks = ChartTimeAxis(zone: zone).ticks(start...end)
        // Then every tick is a round local hour, six hours apart on the clock, labelled with its time
        #expect(ticks.count >= 5 && ticks.count <= ChartTimeAxis.maximumClockTicks)
        for tick in ticks {
            let local = zone.format(tick.instant)
            #expect(local.dropFirst(14).prefix(5) == "00:00", "\(local)")
            #expect(["00:00", "06:00", "12:00", "18:00"].contains(tick.label), "\(tick.label)")
            #expect(String(local.dropFirst(11).prefix(5)) == tick.label)
        }
        // And each local date is written once, under its first tick
        let dates = ticks.compactMap(\.date)
        #expect(dates == ["2026-10-24", "2026-10-25", "2026-10-26"])
        // And the 25-hour day keeps 06:00 on the clock (05:00 UTC after the change, not 04:00)
        #expect(ticks.contains { Timestamp.format($0.instant) == "2026-10-25T05:00:00Z" && $0.label == "06:00" })
    }

    @Test func dailyAndMonthlyTicksAreDatesAndMonths() throws {
        let zone = try ReportZone(identifier: "America/Chicago")
        let month = try #require(zone.month(year: 2026, month: 10))
        let days = ChartTimeAxis(zone: zone).ticks(month.start...month.end)
        #expect(days.allSatisfy { $0.label.count == 10 && $0.label.hasPrefix("2026-1") && $0.date == nil }, "\(days)")
        #expect(days.allSatisfy { zone.format($0.instant).hasSuffix("T00:00:00-05:00") || zone.format($0.instant).hasSuffix("T00:00:00-06:00") })
        #expect(Set(days.map(\.label)).count == days.count)
        let years = ChartTimeAxis(zone: zone).ticks(month.start...(month.start + 700 * 86_400))
        #expect(years.allSatisfy { $0.label.count == 7 }, "\(years.map(\.label))")
        // And a century still gets a handful of ticks, whole years apart
        let century = ChartTimeAxis(zone: .utc).ticks(Self.octoberFirst...(Self.octoberFirst + 100 * 31_556_952))
        #expect(century.count >= 4 && century.count <= ChartTimeAxis.maximumTicks, "\(century.map(\.label))")
        #expect(Set(century.map { $0.label.suffix(2) }).count == 1, "the same month each time")
    }

    @Test func theYAxisNamesItsUnitAndScalesBytes() {
        let gb = ChartValueAxis(unit: .bytes, maximum: 12.3e9)
        #expect(gb.ticks.map(gb.label) == ["0 GB", "5 GB", "10 GB", "15 GB", "20 GB"])
        let mb = ChartValueAxis(unit: .bytes, maximum: 730e6)
        #expect(mb.label(mb.top) == "1,000 MB")
        #expect(ChartValueAxis(unit: .clients, maximum: 1834).title == "clients")
        #expect(ChartValueAxis(unit: .clients, maximum: 1834).ticks.map(ChartValueAxis(unit: .clients, maximum: 1834).label)
            == ["0", "500", "1,000", "1,500", "2,000"])
        #expect(ChartUnit.of(metric: "requests") == .requestsPerSecond)
        #expect(ChartValueAxis(unit: .requestsPerSecond, maximum: 2.4).label(1.5) == "1.50")
        let share = ChartValueAxis(unit: .ratio, maximum: 1)
        #expect(share.ticks.map(share.label) == ["0 %", "25 %", "50 %", "75 %", "100 %"])
        let svg = Self.twoGatewayChart().render()
        #expect(svg.contains(">clients</text>"))
        // And a chart without data says so, its byte axis reading whole gigabytes
        let empty = SVGLineChart(title: "t", series: [.init(name: "egress", colour: SVGLineChart.colour(0), points: [(Self.octoberFirst, nil)])],
                                 xRange: Self.octoberFirst...(Self.octoberFirst + 86_400), unit: .bytes, zone: .utc).render()
        #expect(empty.contains(">no data in this period</text>") && empty.contains(">1.00 GB</text>"))
        #expect(!svg.contains("no data in this period"))
    }

    @Test func aLevelFarAboveTheDataIsNamedNotDrawnAndANearOneSetsTheScale() {
        // Given 35 GB of rolling egress against a 10 TB threshold and a 50 GB warning
        let xs = (0..<10).map { Self.octoberFirst + Int64($0) * 86_400 }
        let data = SVGLineChart.Series(name: "rolling", colour: SVGLineChart.colour(0), points: xs.map { ($0, 35e9) })
        let far = SVGLineChart.Series(name: "threshold", colour: SVGLineChart.limitColour, style: .dashed, isLevel: true, points: xs.map { ($0, 10e12) })
        let near = SVGLineChart.Series(name: "warning", colour: SVGLineChart.warningColour, style: .dashed, isLevel: true, points: xs.map { ($0, 50e9) })
        // When they are charted
        let svg = SVGLineChart(title: "t", series: [data, far, near], xRange: xs[0]...xs[9], unit: .bytes, zone: .utc).render()
        // Then the scale fits the data and the near level, the far one is named in the legend only
        #expect(svg.contains(">50.0 GB</text>") && !svg.contains(" TB</text>\n"), "the top tick is 50 GB")
        #expect(svg.contains(">threshold 10.00 TB, above the scale</text>"))
        #expect(Self.attributes("stroke", of: "polyline", in: svg) == [SVGLineChart.colour(0), SVGLineChart.warningColour])
    }

    @Test func downsamplingKeepsEveryExtremeAndGapPerPixelColumn() {
        // Given 17,280 five-minute points with one spike, one drop to zero and one gap
        var points: [(x: Int64, y: Double?)] = (0..<17_280).map { (Self.octoberFirst + Int64($0) * 300, 100 + Double($0 % 7)) }
        points[5_000].y = 9_999
        points[9_000].y = 0
        points[12_000].y = nil
        // When thinned to 870 columns
        let span = Double(17_280 * 300)
        let out = ChartDownsampling.perColumn(points, columns: 870) { Int(Double($0 - Self.octoberFirst) / span * 870) }
        // Then at most four points a column remain, in time order, with the spike, the zero and the gap
        #expect(out.count <= 4 * 870)
        #expect(zip(out, out.dropFirst()).allSatisfy { $0.x < $1.x })
        #expect(out.contains { $0.x == points[5_000].x && $0.y == 9_999 })
        #expect(out.contains { $0.x == points[9_000].x && $0.y == 0 })
        #expect(out.contains { $0.x == points[12_000].x && $0.y == nil })
        // And a short series is left as it is
        #expect(ChartDownsampling.perColumn(Array(points.prefix(100)), columns: 870) { _ in 0 }.count == 100)
    }

    @Test func rollingSumPeaksPerBucketMatchAWindowWalkedByHand() {
        // Given hourly samples of 1..n bytes and day buckets
        let samples = (0..<(20 * 24)).map { (at: Self.octoberFirst + Int64($0) * Self.hour, value: Int64($0 + 1)) }
        let days = (0..<20).map { (start: Self.octoberFirst + Int64($0) * 86_400, end: Self.octoberFirst + Int64($0 + 1) * 86_400) }
        // When the peak of the 2-day sum is taken per day
        let peaks = RollingSum.peaks(samples, window: 2 * 86_400, buckets: days)
        // Then it is the sum of the 48 samples up to each day's last one
        for (index, day) in days.enumerated() {
            let last = samples.filter { $0.at < day.end }.last?.at ?? 0
            let expected = samples.filter { $0.at > last - 2 * 86_400 && $0.at <= last }.map(\.value).reduce(0, +)
            #expect(peaks[index] == expected)
        }
    }
}
