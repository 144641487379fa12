/// The month charts of the capacity page, one set per gateway, from its ``DailyChart``: daily
/// peak clients against capacity, daily egress, the rolling 14-day egress against its alert
/// levels, storage against its quota, and each day's coverage. Points stand at the middle of
/// their local day.
enum CapacityCharts {
    static func mid(_ day: DailyChart.Day) -> Int64 { day.start + (day.end - day.start) / 2 }

    static func points(_ chart: DailyChart, _ value: (DailyChart.Day) -> Int64?) -> [(x: Int64, y: Double?)] {
        chart.days.map { (mid($0), value($0).map(Double.init)) }
    }

    /// A level held through each whole day (a step at midnight), as a configuration is in force.
    static func steps(_ chart: DailyChart, _ value: KeyPath<DailyChart.Day, Int64?>) -> [(x: Int64, y: Double?)] {
        chart.days.flatMap { day in [(x: day.start, y: day[keyPath: value].map(Double.init)), (x: day.end - 1, y: day[keyPath: value].map(Double.init))] }
    }

    static func bands(_ bands: [ChartBand], of gateway: String) -> [ChartBand] { bands.filter { $0.gateway == gateway } }

    static func peakClients(_ chart: DailyChart, colour: String, bands: [ChartBand], range: ClosedRange<Int64>, zone: ReportZone) -> SVGLineChart {
        SVGLineChart(title: "Daily peak of online clients against capacity", series: [
            .init(name: "peak online clients", colour: colour, points: points(chart, \.onlineClientsPeak)),
            .init(name: "capacity (instances × VM size limit)", colour: SVGLineChart.limitColour, style: .dashed, isLevel: true,
                  points: points(chart, \.capacityClients)),
        ], bands: Self.bands(bands, of: chart.gateway), xRange: range, unit: .clients, zone: zone)
    }

    static func dailyEgress(_ chart: DailyChart, colour: String, bands: [ChartBand], range: ClosedRange<Int64>, zone: ReportZone) -> SVGLineChart {
        SVGLineChart(title: "Egress per day", series: [.init(name: "egress, day total", colour: colour, points: points(chart, \.egressBytes))],
                     bands: Self.bands(bands, of: chart.gateway), xRange: range, unit: .bytes, zone: zone)
    }

    /// One rolling line per gateway in its colour, with its threshold, warning and critical
    /// levels; levels shared by every gateway are drawn once.
    static func rollingEgress(_ charts: [DailyChart], colours: [String]? = nil, bands: [ChartBand], range: ClosedRange<Int64>,
                              zone: ReportZone) -> SVGLineChart {
        let levels: [(String, String, KeyPath<DailyChart.Day, Int64?>)] = [
            ("threshold", SVGLineChart.limitColour, \.egressThresholdBytes),
            ("warning", SVGLineChart.warningColour, \.egressWarningBytes),
            ("critical", SVGLineChart.criticalColour, \.egressCriticalBytes),
        ]
        let shared = charts.count > 1 && levels.allSatisfy { level in
            Set(charts.map { $0.days.map { $0[keyPath: level.2] } }).count == 1
        }
        var series: [SVGLineChart.Series] = []
        for (index, chart) in charts.enumerated() {
            let prefix = charts.count > 1 ? chart.gateway + " " : ""
            series.append(.init(name: prefix + "rolling 14-day egress", colour: colours?[index] ?? SVGLineChart.colour(index),
                                points: points(chart, \.rolling14dPeakBytes)))
            guard !shared || index == 0 else { continue }
            for (name, colour, value) in levels where chart.days.contains(where: { $0[keyPath: value] != nil }) {
                series.append(.init(name: (shared ? "" : prefix) + name, colour: colour, style: .dashed, isLevel: true,
                                    points: points(chart, { $0[keyPath: value] })))
            }
        }
        return SVGLineChart(title: "Rolling 14-day egress against its alert levels", series: series, bands: bands,
                            xRange: range, unit: .bytes, zone: zone)
    }

    /// The quota and its warning and critical levels in force each day, as dashed steps: what
    /// the storage chart of the capacity page and a storage trend draw under the samples.
    static func storageLevels(_ chart: DailyChart, prefix: String = "") -> [SVGLineChart.Series] {
        let levels: [(String, String, KeyPath<DailyChart.Day, Int64?>)] = [
            ("quota", SVGLineChart.limitColour, \.storageQuotaBytes),
            ("warning", SVGLineChart.warningColour, \.storageWarningBytes),
            ("critical", SVGLineChart.criticalColour, \.storageCriticalBytes),
        ]
        return levels.compactMap { name, colour, value in
            guard chart.days.contains(where: { $0[keyPath: value] != nil }) else { return nil }
            return .init(name: prefix + "storage " + name, colour: colour, style: .dashed, isLevel: true, points: steps(chart, value))
        }
    }

    static func storage(_ chart: DailyChart, colour: String, bands: [ChartBand], range: ClosedRange<Int64>, zone: ReportZone) -> SVGLineChart {
        SVGLineChart(title: "Storage used: daily peak against the quota",
                     series: [.init(name: "storage used, day peak", colour: colour, points: points(chart, \.storagePeakBytes))]
                        + storageLevels(chart),
                     bands: Self.bands(bands, of: chart.gateway), xRange: range, unit: .bytes, zone: zone)
    }

    static func coverage(_ chart: DailyChart, colour: String, bands: [ChartBand], range: ClosedRange<Int64>, zone: ReportZone) -> SVGLineChart {
        SVGLineChart(title: "Coverage: share of expected samples per day", series: [
            .init(name: "coverage (online-client samples / expected)", colour: colour, points: chart.days.map { (mid($0), $0.coverage.coverage) }),
            .init(name: "90 %: below it a day is partial", colour: SVGLineChart.warningColour, style: .dotted, isLevel: true,
                  points: chart.days.map { (mid($0), CoveragePolicy.partialBelow) }),
        ], bands: Self.bands(bands, of: chart.gateway), xRange: range, unit: .ratio, zone: zone)
    }

    /// The five charts of one gateway, each under its heading.
    static func html(_ chart: DailyChart, colour: String, bands: [ChartBand], zone: ReportZone) -> String {
        guard let first = chart.days.first, let last = chart.days.last else { return "" }
        let range = first.start...last.end
        let cadence = chart.intervalSeconds.map { "expected: one sample every \(DurationText.format($0)), the median gap between samples" }
            ?? "expected samples unknown: fewer than two samples"
        var out = ""
        for (heading, svg) in [
            ("Online clients: daily peak and capacity", peakClients(chart, colour: colour, bands: bands, range: range, zone: zone)),
            ("Egress per day", dailyEgress(chart, colour: colour, bands: bands, range: range, zone: zone)),
            ("Rolling 14-day egress and its alert levels", rollingEgress([chart], colours: [colour], bands: Self.bands(bands, of: chart.gateway), range: range, zone: zone)),
            ("Storage used and its quota", storage(chart, colour: colour, bands: bands, range: range, zone: zone)),
            ("Coverage (\(cadence))", coverage(chart, colour: colour, bands: bands, range: range, zone: zone)),
        ] {
            out += "<h3>\(HTMLPage.escape(heading))</h3>\n" + svg.render()
        }
        return out
    }
}
