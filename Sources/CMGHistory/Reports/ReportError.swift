import Foundation

/// Why a report could not be made from the arguments given.
public enum ReportError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case unknownTimeZone(String)
    case invalidTime(field: String, value: String)
    case emptyPeriod(from: String, to: String)
    case unknownGateway(String)
    case unknownMetric(String)
    case unknownEndpoint(String)
    case invalidMonth(String)
    case tooManyBuckets(count: Int, limit: Int)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name):
            "\(name) is not an IANA time zone name (like UTC, Europe/Berlin, America/New_York, Asia/Kolkata)"
        case let .invalidTime(field, value):
            "\(field) \(value) is neither a date (2026-10-01, midnight in the report's zone) nor an RFC 3339 instant (2026-10-01T00:00:00Z)"
        case let .emptyPeriod(from, to):
            "the period is empty: \(from) is not before \(to)"
        case .unknownGateway(let name):
            "no gateway named \(name) in this database (see cmg-history gateway list)"
        case .unknownEndpoint(let name):
            "no endpoint named \(name) on the gateways selected"
        case .unknownMetric(let name):
            "\(name) is not a metric (known: \(RollupMetric.allCases.map(\.name).joined(separator: ", ")))"
        case .invalidMonth(let text):
            "\(text) is not a month like 2026-10"
        case let .tooManyBuckets(count, limit):
            "that period and bucket make \(count) buckets, more than the \(limit) a report holds; use a longer bucket"
        }
    }

    public var errorDescription: String? { description }
}
