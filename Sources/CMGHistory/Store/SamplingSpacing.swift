/// The arithmetic of an observed sampling interval (``SamplingInterval`` on SQLite, its
/// PostgreSQL twin): what the rows say, whichever backend read them.
enum SamplingSpacing {
    /// Samples looked at: a week of 5-minute samples, enough for a stable median, and a bounded
    /// read however long the series.
    static let probeSamples = 2_016

    /// The most common of `intervals`, the smallest of equally common ones (a deterministic answer); nil for none.
    static func mostCommon(_ intervals: [Int64]) -> Int64? {
        var counts: [Int64: Int] = [:]
        for value in intervals { counts[value, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// The median gap between neighbouring `instants` (ascending or descending); nil for fewer
    /// than two or a median that is not positive.
    static func medianGap(_ instants: [Int64]) -> Int64? {
        guard instants.count >= 2 else { return nil }
        // Stored instants are range-checked on import, but a damaged database can hold any: checked.
        var gaps = zip(instants.dropFirst(), instants).map { a, b in
            let (gap, overflow) = a > b ? a.subtractingReportingOverflow(b) : b.subtractingReportingOverflow(a)
            return overflow ? Int64.max : gap
        }
        gaps.sort()
        guard let median = gaps.isEmpty ? nil : gaps[gaps.count / 2], median > 0 else { return nil }
        return median
    }

    /// The hours `rows` span over the samples they hold; nil when they hold fewer than two or
    /// the span cannot be told.
    static func rollupSpacing(_ rows: [(hour: UnixSeconds, count: Int64)]) -> Int64? {
        var first = Int64.max, last = Int64.min, held: Int64 = 0
        for (hour, count) in rows {
            first = min(first, hour)
            last = max(last, hour)
            let (sum, overflow) = held.addingReportingOverflow(max(0, count))
            held = overflow ? Int64.max : sum
        }
        guard held >= 2, last >= first else { return nil }
        // A damaged row can hold any instant: checked, never a trap.
        let (between, wide) = last.subtractingReportingOverflow(first)
        let (spanned, overflow) = between.addingReportingOverflow(3600)
        guard !wide, !overflow, spanned / held > 0 else { return nil }
        return spanned / held
    }
}
