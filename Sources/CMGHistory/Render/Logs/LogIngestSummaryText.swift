/// A log file's ingest, and a reclassification, for people.
public enum LogIngestSummaryText {
    /// `FILE (log LOG): N inserted, N duplicates, N events…`, one line.
    public static func line(_ s: LogIngestSummary) -> String {
        var parts = [
            "\(NumberFormat.grouped(s.counts.inserted)) inserted",
            "\(NumberFormat.grouped(s.counts.duplicates)) duplicates",
            "\(NumberFormat.grouped(s.counts.events)) events",
        ]
        if s.counts.trafficSamples > 0 { parts.append("\(NumberFormat.grouped(s.counts.trafficSamples)) traffic samples") }
        if !s.warnings.isEmpty { parts.append("\(NumberFormat.grouped(s.warnings.count)) warnings") }
        if s.counts.trafficConflicts > 0 {
            parts.append("\(NumberFormat.grouped(s.counts.trafficConflicts)) traffic samples conflicting with stored ones (kept the stored)")
        }
        if s.unknownZone > 0 { parts.append("\(NumberFormat.grouped(s.unknownZone)) without a time zone (kept in local time)") }
        if s.redactedValues > 0 { parts.append("\(NumberFormat.grouped(s.redactedValues)) secret values redacted") }
        if s.bytesHeldBack > 0 { parts.append("\(NumberFormat.grouped(s.bytesHeldBack)) bytes left for the next run") }
        return "\(SecretText.fileName(s.file)) (log \(SecretText.fileName(s.log))): " + parts.joined(separator: ", ") + "\n"
    }

    /// `logs reclassify`'s one line: entries read, events added, updated, removed, unchanged.
    public static func reclassified(_ s: ReclassifySummary) -> String {
        "\(NumberFormat.grouped(s.entries)) entries: \(NumberFormat.grouped(s.added)) events added, "
            + "\(NumberFormat.grouped(s.updated)) updated, \(NumberFormat.grouped(s.removed)) removed, "
            + "\(NumberFormat.grouped(s.unchanged)) unchanged\n"
    }
}
