/// An import's summary for people, as `ingest` and `demo` print it.
public enum ImportSummaryText {
    /// `FILE (FORMAT): N inserted, N duplicates, N rejected…`, one line.
    public static func line(_ s: ImportSummary) -> String {
        var parts = [
            "\(NumberFormat.grouped(s.inserted)) inserted",
            "\(NumberFormat.grouped(s.duplicates)) duplicates",
            "\(NumberFormat.grouped(s.rejected)) rejected",
        ]
        if s.conflicts > 0 { parts.append("\(NumberFormat.grouped(s.conflicts)) conflicts") }
        if s.updated > 0 { parts.insert("\(NumberFormat.grouped(s.updated)) updated", at: 1) }
        if s.droppedSecretFields > 0 { parts.append("\(s.droppedSecretFields) secret fields dropped") }
        if s.redactedValues > 0 { parts.append("\(s.redactedValues) secret values redacted") }
        return "\(SecretText.fileName(s.file)) (\(s.format)): " + parts.joined(separator: ", ") + "\n"
    }

    /// A blank line and the records inserted per record type, as a table; empty when none were.
    public static func insertedByType(_ s: ImportSummary) -> String {
        guard !s.insertedByType.isEmpty else { return "" }
        var table = TextTable(headers: ["record type", "inserted"], alignments: [.left, .right])
        for (type, count) in s.insertedByType.sorted(by: { $0.key < $1.key }) {
            table.append([type, NumberFormat.grouped(count)])
        }
        return "\n" + table.render(indent: "  ")
    }

    /// The second line of an export's import: how it was read, which export time stamped it,
    /// what was skipped. Empty for NDJSON.
    public static func exportDetails(_ s: ImportSummary) -> String {
        var parts: [String] = []
        if let detail = s.formatDetail { parts.append("read as \(detail)") }
        if let time = s.exportTime { parts.append("export time: \(time.description)") }
        if s.format == ExportFormat.azureService.rawValue {
            parts.append("\(s.skippedNonGateways) cloud distribution point\(s.skippedNonGateways == 1 ? "" : "s") skipped")
        }
        parts += s.notes
        return parts.isEmpty ? "" : "  " + parts.joined(separator: "; ") + "\n"
    }
}
