/// A trend report as text for people, CSV for spreadsheets and Markdown for tickets.
public enum TrendRender {
    static let headers = ["gateway", "endpoint", "start", "end", "count", "sum", "min", "max", "mean", "p95"]

    public static func table(_ r: TrendReport) -> String {
        var out = "Trend of \(r.metric) per \(r.bucket), \(r.from) to \(r.to) (\(r.timeZone))\n"
        for series in r.series {
            out += "\n" + VisibleText.escape("\(series.gateway)\(series.endpoint.map { " / \($0)" } ?? "")") + "\n"
            var table = TextTable(headers: ["start", "count", "sum", "min", "max", "mean", "p95"],
                                  alignments: [.left, .right, .right, .right, .right, .right, .right])
            for p in series.points {
                table.append([p.start, NumberFormat.grouped(p.count), grouped(p.sum), grouped(p.min), grouped(p.max),
                              p.mean.map { NumberFormat.decimal($0, places: 1) } ?? "–", grouped(p.p95)])
            }
            out += table.render(indent: "  ")
        }
        if r.series.isEmpty { out += "\nNo gateways in this database yet.\n" }
        out += "\n\(r.percentile).\n"
        return out
    }

    public static func csv(_ r: TrendReport) -> String {
        var csv = CSVRender(header: ["metric", "bucket", "time_zone"] + headers)
        for series in r.series {
            for p in series.points {
                csv.append([r.metric, r.bucket, r.timeZone, series.gateway, series.endpoint ?? "", p.start, p.end, String(p.count),
                            p.sum.cell, p.min.cell, p.max.cell, p.mean.cell, p.p95.cell])
            }
        }
        return csv.text
    }

    public static func markdown(_ r: TrendReport) -> String {
        var out = "## Trend of `\(r.metric)` per \(r.bucket)\n\n\(r.from) to \(r.to) (\(r.timeZone)). \(r.percentile).\n"
        for series in r.series {
            out += "\n### \(MarkdownText.escape(series.gateway))\(series.endpoint.map { " / " + MarkdownText.code($0) } ?? "")\n\n"
            var table = MarkdownTable(headers: ["start", "count", "sum", "min", "max", "mean", "p95"],
                                      alignments: [.left, .right, .right, .right, .right, .right, .right])
            for p in series.points {
                table.append([p.start, NumberFormat.grouped(p.count), grouped(p.sum), grouped(p.min), grouped(p.max),
                              p.mean.map { NumberFormat.decimal($0, places: 1) } ?? "–", grouped(p.p95)])
            }
            out += table.text
        }
        return out
    }

    private static func grouped(_ value: Int64?) -> String { value.map(NumberFormat.grouped) ?? "–" }
}
