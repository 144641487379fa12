/// Where each part of a set of report buckets is read from: whole UTC days from `rollup_day`,
/// whole UTC hours from `rollup_hour`, and partial hours at bucket edges from the raw samples.
///
/// Day and hour stretches of neighbouring buckets are joined, so that a daily trend in a zone
/// whose midnight is not UTC's (every bucket made of hours) is one range read, and a daily trend
/// in UTC reads days only.
struct RollupPlan {
    typealias Span = (start: UnixSeconds, end: UnixSeconds)

    private(set) var days: [Span] = []
    private(set) var hours: [Span] = []
    /// Partial hours, with the index of the bucket each belongs to.
    private(set) var raw: [(bucket: Int, span: Span)] = []

    /// - parameter buckets: ascending, not overlapping.
    init(buckets: [Span]) {
        for (index, bucket) in buckets.enumerated() {
            let firstHour = RollupMaintainer.hourStart(bucket.start + 3599)
            let endHour = RollupMaintainer.hourStart(bucket.end)
            guard firstHour < endHour else {
                addRaw(index, bucket.start, bucket.end)
                continue
            }
            addRaw(index, bucket.start, firstHour)
            let firstDay = DailyRollups.dayStart(firstHour + DailyRollups.secondsPerDay - 1)
            let endDay = DailyRollups.dayStart(endHour)
            if firstDay < endDay {
                Self.join(&hours, firstHour, firstDay)
                Self.join(&days, firstDay, endDay)
                Self.join(&hours, endDay, endHour)
            } else {
                Self.join(&hours, firstHour, endHour)
            }
            addRaw(index, endHour, bucket.end)
        }
    }

    private mutating func addRaw(_ bucket: Int, _ start: UnixSeconds, _ end: UnixSeconds) {
        if start < end { raw.append((bucket, (start, end))) }
    }

    private static func join(_ spans: inout [Span], _ start: UnixSeconds, _ end: UnixSeconds) {
        guard start < end else { return }
        if let last = spans.last, last.end == start {
            spans[spans.count - 1].end = end
        } else {
            spans.append((start, end))
        }
    }
}
