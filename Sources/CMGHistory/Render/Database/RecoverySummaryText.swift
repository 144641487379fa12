/// `db recover` for people: the rows each table held and the rows recovered, then what to run next.
public enum RecoverySummaryText {
    /// The summary of salvaging `source` into `destination`.
    public static func render(_ summary: RecoverySummary, source: String, destination: String) -> String {
        var table = TextTable(headers: ["table", "rows in the damaged file", "rows recovered"], alignments: [.left, .right, .right])
        for t in summary.tables {
            table.append([t.table, t.sourceRows.map(NumberFormat.grouped) ?? "unreadable", NumberFormat.grouped(t.recoveredRows)])
        }
        let leftOut = summary.outOfRange.sorted { $0.key < $1.key }.map { "\(NumberFormat.grouped($0.value)) of \($0.key)" }
        return "Recovered \(source) into \(destination):\n" + table.render(indent: "  ")
            + (leftOut.isEmpty ? "" : "  Left out, their instant out of range (damage): " + leftOut.joined(separator: ", ") + ".\n")
            + "  Rebuilt from the recovered rows: " + summary.rebuilt.joined(separator: ", ") + ".\n"
            + "Next: cmg-history db check --db \(destination)\n"
    }
}
