import Foundation

/// Ticks of a chart's time axis at round times of the report's zone: hours on a chart of hours
/// or minutes, dates on one of days, months on one of months.
///
/// The step is the smallest round step that keeps the ticks at or under ``maximumTicks``, so the
/// labels never crowd; a tick sits where the local clock shows a multiple of the step (a DST day
/// keeps its 01:00, 02:00 … as the clock shows them, never a shifted 02:00 that is really 03:00).
package struct ChartTimeAxis {
    package struct Tick: Equatable {
        package var instant: UnixSeconds
        /// The time of day, or the date (or month) on day and month steps.
        package var label: String
        /// The date under an hourly label, on the first tick of each local day; nil otherwise.
        package var date: String?
    }

    enum Step: Equatable {
        /// A fraction of a day, in seconds of the local clock.
        case clock(Int64)
        case days(Int)
        case weeks(Int)
        case months(Int)
    }

    /// About one tick per 100 pixels on the 870-pixel plot: room for a 10-character date.
    package static let maximumTicks = 9
    /// A clock label (`18:00`) is half as wide: hours keep showing on a chart of several days.
    package static let maximumClockTicks = 12

    static let clockSteps: [Int64] = [300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200]

    let zone: ReportZone

    package init(zone: ReportZone) {
        self.zone = zone
    }

    /// The step for a span: the smallest whose tick count stays at or under ``maximumTicks``.
    static func step(forSpan span: Int64) -> Step {
        let limit = Int64(maximumTicks)
        for step in clockSteps where span / step < Int64(maximumClockTicks) { return .clock(step) }
        for days in [1, 2] where span / (Int64(days) * 86_400) < limit { return .days(days) }
        for weeks in [1, 2] where span / (Int64(weeks) * 7 * 86_400) < limit { return .weeks(weeks) }
        for months in [1, 2, 3, 6] where span / (Int64(months) * 2_629_746) < limit { return .months(months) }
        // Whole years, as many as keep the ticks under the limit (a year is 31,556,952 s on average).
        return .months(12 * Int(min(span / (31_556_952 * limit) + 1, 10_000)))
    }

    /// The ticks inside `[range.lowerBound, range.upperBound]`, in time order.
    package func ticks(_ range: ClosedRange<UnixSeconds>) -> [Tick] {
        let step = Self.step(forSpan: range.upperBound - range.lowerBound)
        var instants: [UnixSeconds] = []
        switch step {
        case .clock(let seconds):
            // Walk UTC in steps no longer than a quarter hour (offsets are whole quarter hours)
            // and keep the instants whose local clock is a multiple of the step.
            let unit = min(seconds, 900)
            var t = range.lowerBound - ((range.lowerBound % unit) + unit) % unit
            while t <= range.upperBound {
                let local = t + zone.offset(at: t)
                if t >= range.lowerBound, ((local % seconds) + seconds) % seconds == 0 { instants.append(t) }
                t += unit
            }
        case .days(let every):
            instants = calendarTicks(range, unit: .day) { $0 % every == 0 }
        case .weeks(let every):
            instants = calendarTicks(range, unit: .weekOfYear) { $0 % every == 0 }
        case .months(let every):
            instants = calendarTicks(range, unit: .month) { $0 % every == 0 }
        }
        var previousDate: String?
        return instants.map { instant in
            let text = zone.format(instant)
            switch step {
            case .clock:
                let date = zone.date(instant)
                defer { previousDate = date }
                return Tick(instant: instant, label: String(text.dropFirst(11).prefix(5)), date: date == previousDate ? nil : date)
            case .days, .weeks:
                return Tick(instant: instant, label: String(text.prefix(10)), date: nil)
            case .months:
                return Tick(instant: instant, label: String(text.prefix(7)), date: nil)
            }
        }
    }

    /// Starts of the calendar units inside the range that `keep` accepts, given their index
    /// counted from the unit holding the range's start.
    private func calendarTicks(_ range: ClosedRange<UnixSeconds>, unit: Calendar.Component,
                               keep: (Int) -> Bool) -> [UnixSeconds] {
        var result: [UnixSeconds] = []
        var start = zone.startOfUnit(unit, containing: range.lowerBound)
        var index = 0
        while start <= range.upperBound {
            if start >= range.lowerBound, keep(index) { result.append(start) }
            let next = zone.startOfNextUnit(unit, after: start)
            guard next > start else { break }
            start = next
            index += 1
        }
        return result
    }
}
