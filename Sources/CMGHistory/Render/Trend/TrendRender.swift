/// A trend report as text for people, CSV for spreadsheets and Markdown for tickets.
public enum TrendRender {
    static let headers = ["gateway", "endpoint", "start", "end", "count", "sum", "min", "max", "mean", "p95",
                          "expected_samples", "samples", "coverage", "unknown_seconds", "partial", "pruned"]
    static let columns = ["start", "count", "sum", "min", "max", "mean", "p95", "coverage"]
    static let alignments: [TextTable.Alignment] = [.left, .right, .right, .right, .right, .right, .right, .right]

    /// The trend for a terminal. Its columns are figures and are never cut; with `width`, the
    /// title and notes wrap to fit it (a timestamp and seven figures fit 80 columns).
    public static func table(_ r: TrendReport, width: Int? = nil) -> String {
        func fitted(_ text: String) -> String { width.map { TextWrap.wrap(text, width: $0) } ?? text }
        var out = fitted("Trend of \(r.metric) per \(r.bucket), \(r.from) to \(r.to) (\(r.timeZone))") + "\n"
        for series in r.series {
            out += "\n" + VisibleText.escape("\(series.gateway)\(series.endpoint.map { " / \($0)" } ?? "")") + "\n"
            var table = TextTable(headers: columns, alignments: alignments)
            series.points.forEach { table.append(cells($0)) }
            out += table.render(indent: "  ")
        }
        if r.series.isEmpty { out += "\nNo gateways in this database yet.\n" }
        out += "\n" + fitted("\(r.percentile).") + "\n"
        return out + legend(r).map { fitted($0) + "\n" }.joined()
    }

    /// The report as CSV: a header row, then one row per series and bucket.
    public static func csv(_ r: TrendReport) -> String {
        var csv = CSVRender(header: ["metric", "bucket", "time_zone"] + headers)
        for series in r.series {
            for p in series.points {
                csv.append([r.metric, r.bucket, r.timeZone, series.gateway, series.endpoint ?? "", p.start, p.end, p.count.cell,
                            p.sum.cell, p.min.cell, p.max.cell, p.mean.cell, p.p95.cell, p.expectedSamples.cell, p.samples.cell,
                            p.coverage.cell, p.unknownSeconds.cell, String(p.partial), String(p.pruned)])
            }
        }
        return csv.text
    }

    /// The report as a Markdown table, for mail and tickets.
    public static func markdown(_ r: TrendReport) -> String {
        var out = "## Trend of `\(r.metric)` per \(r.bucket)\n\n\(r.from) to \(r.to) (\(r.timeZone)). \(r.percentile).\n"
        for series in r.series {
            out += "\n### \(MarkdownText.escape(series.gateway))\(series.endpoint.map { " / " + MarkdownText.code($0) } ?? "")\n\n"
            var table = MarkdownTable(headers: columns, alignments: alignments)
            series.points.forEach { table.append(cells($0, mark: "\\" + CoveragePolicy.mark)) }
            out += table.text
        }
        let notes = legend(r)
        return out + (notes.isEmpty ? "" : "\n" + notes.map { "> " + MarkdownText.escape($0) + "\n" }.joined())
    }

    /// One bucket's cells under ``columns``: a partial bucket's coverage carries the mark, a
    /// pruned one says so instead of a count that would read as no traffic.
    static func cells(_ p: TrendReport.Point, mark: String = CoveragePolicy.mark) -> [String] {
        let prunedMark = p.pruned ? CoveragePolicy.prunedMark : ""
        let coverage = p.coverage.map { NumberFormat.percent($0, places: 0) } ?? "–"
        return [p.start, p.count.map { NumberFormat.grouped($0) + prunedMark } ?? "pruned", grouped(p.sum), grouped(p.min), grouped(p.max),
                p.mean.map { NumberFormat.decimal($0, places: 1) } ?? "–", grouped(p.p95),
                coverage + (p.partial && p.count != nil ? mark : "")]
    }

    /// The lines explaining the marks the report uses; none when it uses none.
    static func legend(_ r: TrendReport) -> [String] {
        let points = r.series.flatMap(\.points)
        var lines: [String] = []
        if points.contains(where: { $0.partial && $0.count != nil }) { lines.append(CoveragePolicy.legend) }
        if points.contains(where: { $0.pruned && $0.count != nil }) { lines.append(CoveragePolicy.prunedLegend) }
        if points.contains(where: { $0.count == nil }) {
            lines.append("pruned: the raw samples of this endpoint were deleted by db prune; only gateway totals are kept.")
        }
        return lines
    }

    private static func grouped(_ value: Int64?) -> String { value.map(NumberFormat.grouped) ?? "–" }
}
