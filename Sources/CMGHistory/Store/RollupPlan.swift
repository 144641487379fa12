/// Where each part of a set of report buckets is read from: whole UTC days from `rollup_day`,
/// whole UTC hours from `rollup_hour`, and partial hours at bucket edges from the raw samples.
///
/// Day and hour stretches of neighbouring buckets are joined, so that a daily trend in UTC reads
/// days only. A bucket that holds most of a UTC day but not all of it (a day in Berlin runs from
/// 23:00 or 22:00 UTC) may take that whole day and subtract the hours outside the bucket: one day
/// and two hours read instead of 23 hours. Subtraction needs the values (a minimum cannot be
/// taken back), so only plans for values use it.
struct RollupPlan {
    typealias Span = (start: UnixSeconds, end: UnixSeconds)

    private(set) var days: [Span] = []
    private(set) var hours: [Span] = []
    /// Whole hours to take out of a bucket again, with the index of that bucket.
    private(set) var minusHours: [(bucket: Int, span: Span)] = []
    /// Partial hours, with the index of the bucket each belongs to.
    private(set) var raw: [(bucket: Int, span: Span)] = []

    /// Hours of a day a bucket must hold before the whole day is read and the rest subtracted.
    static let subtractFromHours: Int64 = 13

    /// - parameter buckets: ascending, not overlapping.
    /// - parameter subtracting: whether days may be read whole and hours outside the bucket
    ///   subtracted (for values, not for count/sum/min/max).
    init(buckets: [Span], subtracting: Bool = false) {
        let day = DailyRollups.secondsPerDay
        let threshold = Self.subtractFromHours * 3600
        for (index, bucket) in buckets.enumerated() {
            let firstHour = RollupMaintainer.hourStart(bucket.start + 3599)
            let endHour = RollupMaintainer.hourStart(bucket.end)
            guard firstHour < endHour else {
                addRaw(index, bucket.start, bucket.end)
                continue
            }
            addRaw(index, bucket.start, firstHour)
            var firstDay = DailyRollups.dayStart(firstHour + day - 1)
            var endDay = DailyRollups.dayStart(endHour)
            if subtracting, firstDay - firstHour >= threshold { firstDay -= day }
            if subtracting, endHour - endDay >= threshold { endDay += day }
            if firstDay < endDay {
                Self.join(&hours, firstHour, firstDay)
                addMinus(index, firstDay, firstHour)
                Self.join(&days, firstDay, endDay)
                Self.join(&hours, endDay, endHour)
                addMinus(index, endHour, endDay)
            } else {
                Self.join(&hours, firstHour, endHour)
            }
            addRaw(index, endHour, bucket.end)
        }
    }

    private mutating func addRaw(_ bucket: Int, _ start: UnixSeconds, _ end: UnixSeconds) {
        if start < end { raw.append((bucket, (start, end))) }
    }

    private mutating func addMinus(_ bucket: Int, _ start: UnixSeconds, _ end: UnixSeconds) {
        if start < end { minusHours.append((bucket, (start, end))) }
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
