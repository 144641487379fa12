/// Planned downtime in words, shared by the availability and capacity renderings.
enum PlannedDowntimeText {
    /// The rule, as the reports' notes state it.
    static var rule: String {
        "A stop is planned when a stop operation was requested in the \(DurationText.format(TimelinePolicy.leadUpSeconds)) "
            + "before the gateway went Stopping, Stopped or Starting (and no other state); its time is reported apart."
    }

    /// `1 stop, 6 h 40 min (stop requested 2026-10-17T22:00:00Z)`, or `none`.
    static func summary(_ stops: [PlannedStop], seconds: Int64) -> String {
        guard !stops.isEmpty else { return "none" }
        return "\(stops.count) stop\(stops.count == 1 ? "" : "s"), \(DurationText.format(seconds)) ("
            + stops.map { "stop requested \($0.stopRequestedAt)" }.joined(separator: "; ") + ")"
    }
}
