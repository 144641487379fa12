/// What a trend page draws besides the report itself: incidents and planned downtime to shade
/// (``HistoryStore/downtimeBands(period:zone:gateways:leadUpSeconds:)``) and the days
/// (``HistoryStore/dailyCharts(period:zone:gateways:)``): for egress their rolling 14-day sums
/// and alert levels, for online clients the capacity in force, for storage its quota and levels.
public struct TrendCharts: Sendable {
    /// Periods to shade behind the series (incidents, planned stops).
    public var bands: [ChartBand]
    /// Daily charts drawn below the trend.
    public var daily: [DailyChart]

    /// Charts with `bands` shaded and `daily` drawn below.
    public init(bands: [ChartBand] = [], daily: [DailyChart] = []) {
        self.bands = bands
        self.daily = daily
    }
}

/// A trend report as one self-contained HTML page: a chart of each gateway's statistic over
/// time (one colour per gateway, one dash pattern per statistic), the operations of the period
/// marked, incidents and planned downtime shaded; for egress, each bucket's total and the
/// rolling 14-day egress against its alert levels; then the figures per bucket.
public enum TrendHTML {
    /// The report as a self-contained HTML page with an SVG chart per metric.
    public static func render(_ r: TrendReport, charts: TrendCharts = TrendCharts()) -> String {
        let title = "Trend of \(r.metric) per \(r.bucket)"
        var body = "<h1>\(HTMLPage.escape(title))</h1>\n" + HTMLPage.note("\(r.from) to \(r.to) (\(r.timeZone)). \(r.percentile).", provenance: r.provenance)
        body += chartsHTML(r, charts: charts)
        if r.series.contains(where: { $0.points.count <= ChartPolicy.maximumTableRows }) {
            body += "<p class=\"note\">\(HTMLPage.escape(tableNote(r.metric)))</p>\n"
        }
        for s in r.series {
            body += "<h2>\(HTMLPage.escape(s.gateway + (s.endpoint.map { " / \($0)" } ?? "")))</h2>\n"
            guard s.points.count <= ChartPolicy.maximumTableRows else {
                body += "<p class=\"note\">\(HTMLPage.escape("\(NumberFormat.grouped(s.points.count)) buckets: too many for a table in a mail; --format csv or json lists every one."))</p>\n"
                continue
            }
            body += HTMLPage.table(
                headers: TrendRender.columns, rows: s.points.map { TrendRender.cells($0) }, numeric: [1, 2, 3, 4, 5, 6, 7])
        }
        for line in TrendRender.legend(r) { body += "<p class=\"note\">\(HTMLPage.escape(line))</p>\n" }
        if !r.operations.isEmpty {
            body += "<h2>Operations</h2>\n" + HTMLPage.table(headers: ["requested", "gateway", "operation", "outcome"],
                                                            rows: r.operations.map { [$0.at, $0.gateway, $0.kind, $0.outcome] })
        }
        return HTMLPage.render(title: title, body: body)
    }

    /// The trend's chart under its heading (operations marked, `charts.bands` shaded) and, for
    /// egress, the rolling 14-day chart: the page's charts, which the dashboard shows alone.
    package static func chartsHTML(_ r: TrendReport, charts: TrendCharts, heading: String = "h2") -> String {
        let zone = (try? ReportZone(identifier: r.timeZone)) ?? .utc
        let starts = r.series.flatMap { $0.points.map(\.startInstant) }
        let from = Timestamp.parse(r.from) ?? starts.min() ?? 0
        let to = max(Timestamp.parse(r.to) ?? starts.max() ?? 1, from + 1)
        let marks = r.operations.map { SVGLineChart.Mark(x: $0.atInstant, label: "\($0.kind) (\(shortName($0.gateway)))") }
        let unit = ChartUnit.of(metric: r.metric)

        var body = "<\(heading)>\(HTMLPage.escape(chartTitle(r)))</\(heading)>\n"
        body += SVGLineChart(title: chartTitle(r), series: lines(r) + capacityLines(r, charts.daily), marks: marks, bands: charts.bands, xRange: from...to,
                             unit: unit, zone: zone, levelScaleFactor: 2).render()
        if r.metric == RollupMetric.egressBytes.name, !charts.daily.isEmpty {
            body += "<\(heading)>Rolling 14-day egress against its alert levels</\(heading)>\n"
            body += "<p class=\"note\">The highest sum of the 14 days up to each egress sample of the day, against the threshold and its warning and critical levels in force that day (alert_config).</p>\n"
            body += CapacityCharts.rollingEgress(charts.daily, bands: charts.bands, range: from...to, zone: zone).render()
        }
        return body
    }

    static func chartTitle(_ r: TrendReport) -> String {
        switch r.metric {
        case RollupMetric.egressBytes.name: "Egress, total per \(bucketWord(r.bucket))"
        case RollupMetric.requests.name: "Requests per second, averaged over each \(bucketWord(r.bucket))"
        default: r.bucket == TrendBucket.fiveMinutes.rawValue
            ? "\(r.metric), each 5-minute sample"
            : "\(r.metric), mean and p95 of each \(bucketWord(r.bucket))'s samples"
        }
    }

    /// What the tables' figures are in: the charts scale to GB or rates, the tables keep the
    /// stored unit so that they add up exactly.
    static func tableNote(_ metric: String) -> String {
        let unit = switch ChartUnit.of(metric: metric) {
        case .bytes: "bytes (1 GB = 10^9 bytes)"
        case .clients: "online clients"
        case .requestsPerSecond: "requests (counts; the chart shows them per second)"
        case .milliseconds: "milliseconds"
        case .ratio, .plain: metric
        }
        return "In the tables below, sum, min, max, mean and p95 are in \(unit); count is the number of samples in the bucket."
    }

    static func bucketWord(_ bucket: String) -> String {
        switch TrendBucket(rawValue: bucket) {
        case .fiveMinutes?: "5 minutes"
        case .hour?: "hour"
        case .day?: "day"
        case .week?: "week"
        case .month?: "month"
        case nil: bucket
        }
    }

    /// `GraniteFalls` for `GraniteFalls.contoso.com`: mark labels are short.
    static func shortName(_ gateway: String) -> String {
        String(gateway.split(separator: ".", maxSplits: 1).first ?? Substring(gateway))
    }

    /// The lines of the main chart. Egress is drawn as each bucket's total, requests as the
    /// rate over the bucket (its sum over its length); other metrics as the mean of the
    /// bucket's samples (solid) and their p95 (dashed). A 5-minute bucket holds one sample, so
    /// it draws its value alone.
    static func lines(_ r: TrendReport) -> [SVGLineChart.Series] {
        r.series.enumerated().flatMap { index, s -> [SVGLineChart.Series] in
            let name = s.gateway + (s.endpoint.map { " / \($0)" } ?? "")
            let colour = SVGLineChart.colour(index)
            func mid(_ p: TrendReport.Point) -> Int64 { p.startInstant + (length(p) ?? 0) / 2 }
            switch r.metric {
            case RollupMetric.egressBytes.name:
                return [.init(name: name + " total", colour: colour, points: s.points.map { (mid($0), $0.sum.map(Double.init)) })]
            case RollupMetric.requests.name:
                return [.init(name: name + " requests/s", colour: colour, points: s.points.map { p in
                    (mid(p), p.sum.flatMap { sum in length(p).map { Double(sum) / Double(max($0, 1)) } })
                })]
            default:
                guard r.bucket != TrendBucket.fiveMinutes.rawValue else {
                    return [.init(name: name + " sample", colour: colour, points: s.points.map { (mid($0), $0.mean) })]
                }
                let mean = SVGLineChart.Series(name: name + " mean", colour: colour, points: s.points.map { (mid($0), $0.mean) })
                return [mean, .init(name: name + " p95", colour: colour, style: .dashed, points: s.points.map { (mid($0), $0.p95.map(Double.init)) })]
            }
        }
    }

    /// The levels in force day by day under a gateway's line: for online clients its capacity
    /// (instances × the VM size's limit) as a dotted step in the gateway's colour, how close the
    /// peaks come to it; for storage its quota and warning and critical levels (alert_config).
    /// Storage levels shared by every gateway are drawn once, unprefixed: two identical dashed
    /// lines would hide each other and double the legend.
    static func capacityLines(_ r: TrendReport, _ daily: [DailyChart]) -> [SVGLineChart.Series] {
        let drawn = daily.filter { chart in r.series.contains { $0.gateway == chart.gateway && $0.endpoint == nil } }
        let shared = drawn.count > 1 && Set(drawn.map { $0.days.map { [$0.storageQuotaBytes, $0.storageWarningBytes, $0.storageCriticalBytes] } }).count == 1
        let prefix = r.series.count > 1 && !shared
        var storageDrawn = false
        return r.series.enumerated().flatMap { index, s -> [SVGLineChart.Series] in
            guard s.endpoint == nil, let chart = daily.first(where: { $0.gateway == s.gateway }) else { return [] }
            switch r.metric {
            case RollupMetric.onlineClients.name:
                guard chart.days.contains(where: { $0.capacityClients != nil }) else { return [] }
                return [.init(name: s.gateway + " capacity", colour: SVGLineChart.colour(index), style: .dotted, isLevel: true,
                              points: CapacityCharts.steps(chart, \.capacityClients))]
            case RollupMetric.storageUsedBytes.name:
                guard !(shared && storageDrawn) else { return [] }
                storageDrawn = true
                return CapacityCharts.storageLevels(chart, prefix: prefix ? shortName(s.gateway) + " " : "")
            default:
                return []
            }
        }
    }

    /// A bucket's length in seconds, from its own start and end (23 or 25 hours on DST days).
    static func length(_ p: TrendReport.Point) -> Int64? {
        Timestamp.parse(p.end).map { $0 - p.startInstant }
    }
}
