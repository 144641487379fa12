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
        switch PeriodBoundText.parse(text) {
        case .instant(let instant): return .instant(instant, text: text)
        case let .date(year, month, day): return .date(year: year, month: month, day: day, text: text)
        case nil: throw OptionValueError.refusing(reason(text))
        }
    }

    /// `2026-10-01 is neither a date … nor an RFC 3339 instant …`, after the flag's name.
    static func reason(_ text: String) -> String { PeriodBoundText.reason(text) }

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
            guard let midnight = PeriodBoundText.date(year: year, month: month, day: day).instant(in: zone) else {
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
