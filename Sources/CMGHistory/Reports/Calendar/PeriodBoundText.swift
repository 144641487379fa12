/// A period's start or end as a person writes it: a date (midnight in the report's zone) or an
/// RFC 3339 instant. The one reader of `--from`/`--to` and of the server's `from`/`to`.
public enum PeriodBoundText: Equatable, Sendable {
    /// An RFC 3339 instant.
    case instant(UnixSeconds)
    /// A calendar date whose midnight depends on the zone.
    case date(year: Int, month: Int, day: Int)

    /// `text` read as a date (`2026-10-01`) or an instant (`2026-10-01T00:00:00Z`); nil otherwise.
    public static func parse(_ text: String) -> PeriodBoundText? {
        if let instant = Timestamp.parse(text) { return .instant(instant) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
              let year = ASCIIDigits.value(parts[0]), let month = ASCIIDigits.value(parts[1]), let day = ASCIIDigits.value(parts[2]),
              (1...12).contains(month), (1...daysIn(year: year, month: month)).contains(day) else { return nil }
        return .date(year: year, month: month, day: day)
    }

    /// A month written `YYYY-MM` (after 1970), as `(year, month)`; nil otherwise.
    public static func month(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 4, parts[1].utf8.count == 2,
              let year = ASCIIDigits.value(parts[0]), let month = ASCIIDigits.value(parts[1]),
              (1...12).contains(month), year > 1970 else { return nil }
        return (year, month)
    }

    /// A number of days written `60` or `60d` (`report expiry --within`, the server's `within`); nil otherwise.
    public static func days(_ text: String) -> Int? {
        ASCIIDigits.value(text.hasSuffix("d") ? text.dropLast() : Substring(text))
    }

    /// Why `text` is not a bound, for a message that names the flag or parameter first.
    public static func reason(_ text: String) -> String {
        "\(SecretText.redacted(text)) is neither a date (2026-10-01, midnight in the report's zone) nor an RFC 3339 instant (2026-10-01T00:00:00Z)"
    }

    /// The instant: a date's local midnight in `zone`; nil when that midnight cannot be told there.
    public func instant(in zone: ReportZone) -> UnixSeconds? {
        switch self {
        case .instant(let instant): instant
        case let .date(year, month, day): zone.startOfDay(year: year, month: month, day: day)
        }
    }

    /// Days of a Gregorian month (1 ≤ month ≤ 12).
    private static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
