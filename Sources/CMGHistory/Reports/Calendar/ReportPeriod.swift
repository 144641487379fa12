import Foundation

/// A report's half-open period `[start, end)`, as given on the command line.
public struct ReportPeriod: Sendable, Equatable {
    public var start: UnixSeconds
    public var end: UnixSeconds

    public init(start: UnixSeconds, end: UnixSeconds) {
        self.start = start
        self.end = end
    }

    /// Reads `--from`/`--to` values: a date (`2026-10-01`, midnight in `zone`) or an RFC 3339 instant.
    /// `fields` name them in an error (the server's query says `from` and `to`).
    public static func parse(from: String, to: String, zone: ReportZone,
                             fields: (from: String, to: String) = ("--from", "--to")) throws(ReportError) -> ReportPeriod {
        let start = try instant(from, field: fields.from, zone: zone)
        let end = try instant(to, field: fields.to, zone: zone)
        guard start < end else { throw ReportError.emptyPeriod(from: from, to: to) }
        return ReportPeriod(start: start, end: end)
    }

    static func instant(_ text: String, field: String, zone: ReportZone) throws(ReportError) -> UnixSeconds {
        guard let instant = PeriodBoundText.parse(text)?.instant(in: zone) else { throw ReportError.invalidTime(field: field, value: text) }
        return instant
    }
}

/// The width of a trend bucket.
public enum TrendBucket: String, CaseIterable, Sendable, Codable {
    case fiveMinutes = "5m"
    case hour = "1h"
    case day = "1d"
    case week = "1w"
    case month = "1mo"

    /// Most buckets one trend report holds; a longer period needs a longer bucket.
    public static let maximumBuckets = 20_000

    /// The `[start, end)` buckets covering `period`: sub-day buckets are aligned to the local
    /// clock, days, ISO weeks and months follow the zone's calendar. The first bucket starts at
    /// or before the period's start; the last ends at or after its end.
    public func buckets(covering period: ReportPeriod, in zone: ReportZone) throws(ReportError) -> [(start: UnixSeconds, end: UnixSeconds)] {
        var result: [(UnixSeconds, UnixSeconds)] = []
        switch self {
        case .fiveMinutes, .hour:
            let width: Int64 = self == .hour ? 3600 : 300
            let estimated = Int((period.end - period.start) / width) + 2
            guard estimated <= Self.maximumBuckets else { throw ReportError.tooManyBuckets(count: estimated, limit: Self.maximumBuckets) }
            let offset = zone.offset(at: period.start)
            let local = period.start + offset
            let remainder = ((local % width) + width) % width
            var start = period.start - remainder
            while start < period.end {
                result.append((start, start + width))
                start += width
            }
        case .day, .week, .month:
            let unit: Calendar.Component = self == .day ? .day : self == .week ? .weekOfYear : .month
            var start = zone.startOfUnit(unit, containing: period.start)
            while start < period.end {
                let end = zone.startOfNextUnit(unit, after: start)
                result.append((start, end))
                guard result.count <= Self.maximumBuckets else {
                    throw ReportError.tooManyBuckets(count: result.count, limit: Self.maximumBuckets)
                }
                start = end
            }
        }
        return result
    }
}
