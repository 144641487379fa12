/// `db copy` for people: the rows of each table the source holds, what this run added, and
/// the check both stores passed.
public enum CopySummaryText {
    /// A line naming both stores, the table of rows, and the digest sentence.
    public static func render(_ summary: CopySummary) -> String {
        var table = TextTable(headers: ["table", "rows", "copied now"], alignments: [.left, .right, .right])
        for copied in summary.tables where copied.sourceRows > 0 {
            table.append([copied.name, NumberFormat.grouped(copied.sourceRows), NumberFormat.grouped(copied.copiedRows)])
        }
        let months = summary.digestMonths.count
        return "Copied \(summary.source) to \(summary.destination):\n" + table.render(indent: "  ")
            + "Every table's row count matches; capacity reports of \(months) month\(months == 1 ? "" : "s") "
            + "are identical (SHA-256 \(summary.reportDigest.prefix(16))…).\n"
    }
}
