/// A trend report as one self-contained HTML page with an SVG chart of each series' mean and
/// p95, and the operations of the period marked on the time axis.
public enum TrendHTML {
    public static func render(_ r: TrendReport) -> String {
        let title = "Trend of \(r.metric) per \(r.bucket)"
        var body = "<h1>\(HTMLPage.escape(title))</h1>\n<p class=\"note\">\(HTMLPage.escape("\(r.from) to \(r.to) (\(r.timeZone)). \(r.percentile)."))"
        if let p = r.provenance { body += "<br>\(HTMLPage.escape("Made \(p.generatedAt) from \(p.database)."))" }
        body += "</p>\n"
        let starts = r.series.flatMap { $0.points.map(\.startInstant) }
        let range = (starts.min() ?? 0)...(starts.max() ?? 1)
        let zone = try? ReportZone(identifier: r.timeZone)
        let lines = r.series.flatMap { s -> [SVGLineChart.Series] in
            let name = s.gateway + (s.endpoint.map { " / \($0)" } ?? "")
            return [SVGLineChart.Series(name: name + " mean", points: s.points.map { ($0.startInstant, $0.mean) }),
                    SVGLineChart.Series(name: name + " p95", points: s.points.map { ($0.startInstant, $0.p95.map(Double.init)) })]
        }
        let marks = r.operations.map { SVGLineChart.Mark(x: $0.atInstant, label: "\($0.kind) (\($0.gateway))") }
        body += SVGLineChart(series: lines, marks: marks, xRange: range, yLabel: r.metric) { zone?.date($0) ?? Timestamp.format($0) }.render()
        for s in r.series {
            body += "<h2>\(HTMLPage.escape(s.gateway + (s.endpoint.map { " / \($0)" } ?? "")))</h2>\n"
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
}
