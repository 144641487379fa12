/// `db prune` for people: the horizon, the rows deleted per table and the space freed.
public enum PruneSummaryText {
    /// A sentence, the table of rows deleted, and the bytes freed inside the file.
    public static func render(_ summary: PruneSummary) -> String {
        var table = TextTable(headers: ["table", "rows deleted"], alignments: [.left, .right])
        for (name, rows) in summary.deletedRows.sorted(by: { $0.key < $1.key }) { table.append([name, NumberFormat.grouped(rows)]) }
        return "Raw samples before \(summary.rawKeptFrom) deleted; hourly rollups keep them "
            + "(\(summary.rollupsBuilt) missing rollup hours built first).\n" + table.render(indent: "  ")
            + (summary.wholeMonths == true
                ? "  \(NumberFormat.bytes(summary.freedBytes)) returned to the server's disk: PostgreSQL drops whole months, "
                    + "so the cut is the start of its UTC month.\n"
                : "  \(NumberFormat.bytes(summary.freedBytes)) freed for reuse inside the file.\n")
    }
}
