import CMGHistory

/// A calendar month typed as `YYYY-MM` (`--month 2026-10`); it is cut in the report's zone later.
struct ReportMonth: ArgumentValue, Equatable, CustomStringConvertible {
    /// The Gregorian year, 1971 to 9999 (instants are stored from 1970 to 9999).
    var year: Int
    /// 1 to 12.
    var month: Int

    /// `2026-10`: four-digit year, two-digit month.
    var description: String {
        let y = String(year), m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count < 2 ? "0" : "") + m
    }

    /// Reads `YYYY-MM`.
    /// - throws: an ``OptionValueError`` quoting the text, with the library's reason
    ///   (``ReportError/invalidMonth(_:)``).
    static func parse(_ text: String) throws -> ReportMonth {
        guard let (year, month) = PeriodBoundText.month(text) else {
            throw OptionValueError.refusing(ReportError.invalidMonth(text).description)
        }
        return ReportMonth(year: year, month: month)
    }

    var argumentText: String { description }
}
