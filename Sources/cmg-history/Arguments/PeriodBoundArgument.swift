import ArgumentParser
import CMGHistory

/// A period's start or end as typed (`--from`, `--to`, `--around`): a date, midnight in the
/// report's zone, or an RFC 3339 instant.
///
/// The text is checked where it is decoded; a date becomes an instant once `--tz` is known.
enum PeriodBound: ArgumentValue, Equatable {
    /// An RFC 3339 instant, as typed.
    case instant(UnixSeconds, text: String)
    /// A calendar date whose midnight depends on the zone.
    case date(year: Int, month: Int, day: Int, text: String)

    static func parse(_ text: String) throws -> PeriodBound {
        if let instant = Timestamp.parse(text) { return .instant(instant, text: text) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
           let year = ASCIIDigits.value(parts[0]), let month = ASCIIDigits.value(parts[1]), let day = ASCIIDigits.value(parts[2]),
           (1...12).contains(month), (1...daysIn(year: year, month: month)).contains(day) {
            return .date(year: year, month: month, day: day, text: text)
        }
        throw OptionValueError.refusing(reason(text))
    }

    /// `2026-10-01 is neither a date … nor an RFC 3339 instant …`, after the flag's name.
    static func reason(_ text: String) -> String {
        "\(SecretText.redacted(text)) is neither a date (2026-10-01, midnight in the report's zone) nor an RFC 3339 instant (2026-10-01T00:00:00Z)"
    }

    /// Days of a Gregorian month (1 ≤ month ≤ 12).
    private static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    var argumentText: String {
        switch self {
        case .instant(_, let text), .date(_, _, _, let text): text
        }
    }

    /// The instant: a date's local midnight in `zone`.
    /// - throws: a ValidationError naming `flag` when that midnight cannot be told in `zone`.
    func instant(in zone: ReportZone, flag: String) throws -> UnixSeconds {
        switch self {
        case .instant(let instant, _): return instant
        case let .date(year, month, day, text):
            guard let midnight = zone.startOfDay(year: year, month: month, day: day) else {
                throw ValidationError("\(flag) \(Self.reason(text))")
            }
            return midnight
        }
    }

    /// `[from, to)`, from two bounds read in `zone`.
    /// - throws: ``ReportError/emptyPeriod(from:to:)`` when `to` is not after `from`.
    static func period(from: PeriodBound, to: PeriodBound, zone: ReportZone) throws -> ReportPeriod {
        let start = try from.instant(in: zone, flag: "--from"), end = try to.instant(in: zone, flag: "--to")
        guard start < end else { throw ReportError.emptyPeriod(from: from.argumentText, to: to.argumentText) }
        return ReportPeriod(start: start, end: end)
    }
}
