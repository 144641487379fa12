import Foundation

/// The IANA time zone a report cuts its days, weeks and months in (DESIGN §4).
///
/// Instants stay UTC everywhere; the zone only decides where calendar boundaries fall (a DST day
/// has 23 or 25 hours) and how instants are written in the report.
public struct ReportZone: Sendable {
    public let identifier: String
    private let zone: TimeZone
    private let calendar: Calendar
    /// The offset of a zone that never changes it by definition (UTC, GMT, Etc/…): asking
    /// Foundation for each of a long report's thousands of instants is most of formatting's cost.
    private let fixedOffset: Int64?

    public static let utc = ReportZone(validated: IANAZone.utc, id: "UTC")

    /// - throws: ``ReportError/unknownTimeZone(_:)`` when the name is not an IANA zone.
    public init(identifier: String) throws(ReportError) {
        guard let zone = IANAZone.named(identifier) else {
            throw ReportError.unknownTimeZone(identifier)
        }
        self.init(validated: zone, id: identifier)
    }

    private init(validated zone: TimeZone, id: String) {
        identifier = id
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2  // ISO 8601 weeks start on Monday
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
        fixedOffset = id == "UTC" || id == "GMT" || id.hasPrefix("Etc/") ? Int64(zone.secondsFromGMT()) : nil
    }

    /// Seconds east of UTC in force at `instant`.
    public func offset(at instant: UnixSeconds) -> Int64 {
        fixedOffset ?? IANAZone.offset(of: zone, at: instant)
    }

    /// `2026-10-25T02:00:00+02:00`; `Z` in the UTC zone itself.
    public func format(_ instant: UnixSeconds) -> String {
        let offset = offset(at: instant)
        return CivilDate.rfc3339(instant, offset: identifier == "UTC" && offset == 0 ? nil : offset)
    }

    /// The local calendar date of an instant, `YYYY-MM-DD`.
    public func date(_ instant: UnixSeconds) -> String {
        String(CivilDate.rfc3339(instant + offset(at: instant)).prefix(10))
    }

    // MARK: - Calendar boundaries

    /// The instant local midnight starts the day `year-month-day`.
    public func startOfDay(year: Int, month: Int, day: Int) -> UnixSeconds? {
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        return UnixSeconds(calendar.startOfDay(for: date).timeIntervalSince1970)
    }

    /// The start of the calendar unit (day, ISO week or month) holding `instant`.
    func startOfUnit(_ unit: Calendar.Component, containing instant: UnixSeconds) -> UnixSeconds {
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        guard let interval = calendar.dateInterval(of: unit, for: date) else { return instant }
        return UnixSeconds(interval.start.timeIntervalSince1970)
    }

    /// The start of the next calendar unit after the one starting at `start`.
    func startOfNextUnit(_ unit: Calendar.Component, after start: UnixSeconds) -> UnixSeconds {
        let date = Date(timeIntervalSince1970: TimeInterval(start))
        guard let next = calendar.date(byAdding: unit, value: 1, to: date) else { return start + 86_400 }
        // Adding a day to a local midnight lands on the next local midnight, DST or not.
        return UnixSeconds(calendar.dateInterval(of: unit, for: next)?.start.timeIntervalSince1970 ?? next.timeIntervalSince1970)
    }

    /// `[start, end)` of the month `year-month` in this zone.
    public func month(year: Int, month: Int) -> (start: UnixSeconds, end: UnixSeconds)? {
        guard let start = startOfDay(year: year, month: month, day: 1) else { return nil }
        return (start, startOfNextUnit(.month, after: start))
    }
}
