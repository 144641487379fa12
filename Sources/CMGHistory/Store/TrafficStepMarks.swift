/// The `interval`-long steps a gateway's traffic was reported in, from its per-instant totals
/// (`gateway_traffic_sample`: one row per instant some endpoint reported at) read in time order,
/// whichever backend read them.
///
/// A sample counts at the step nearest its instant, `(at + interval / 2) / interval`, so two VM
/// instances or endpoints reporting the same 5 minutes a few seconds apart are one step. That
/// step never decreases as the instant grows, so neighbours are enough to drop repeats and no
/// sort or `DISTINCT` is needed.
struct TrafficStepMarks {
    /// The step length in seconds; positive.
    let interval: Int64
    /// Each step's mark (a multiple of `interval`), ascending, once each.
    private(set) var marks: [UnixSeconds] = []
    private var lastStep: Int64?

    init(interval: Int64) {
        self.interval = interval
    }

    /// Counts the sample at `at`; instants must come in ascending order.
    mutating func add(_ at: UnixSeconds) {
        guard let step = Self.step(at, interval: interval), step != lastStep else { return }
        lastStep = step
        if let mark = Self.mark(step, interval: interval) { marks.append(mark) }
    }

    /// The step `at` counts in; nil where the arithmetic overflows. Stored instants are
    /// range-checked on import: a damaged database's are skipped, not trapped on.
    static func step(_ at: UnixSeconds, interval: Int64) -> Int64? {
        let (shifted, overflow) = at.addingReportingOverflow(interval / 2)
        return overflow ? nil : shifted / interval
    }

    /// The step's mark; nil where it overflows 64 bits, and such a step is not counted.
    static func mark(_ step: Int64, interval: Int64) -> UnixSeconds? {
        let (mark, overflows) = step.multipliedReportingOverflow(by: interval)
        return overflows ? nil : mark
    }
}
