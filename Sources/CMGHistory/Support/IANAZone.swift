import Foundation

/// IANA time zones looked up and asked for their offset: the one zone routine behind the report
/// zone (`--tz`) and the source zone (`--source-tz`).
///
/// Instants are stored in UTC; a zone only says what a clock there showed, so these are the only
/// calls that go to Foundation's zone database.
enum IANAZone {
    /// UTC itself, whatever the platform's zone database holds (it can lack the name `UTC`).
    static let utc: TimeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// The zone with this IANA name (`Europe/Berlin`), or nil when there is none; an empty
    /// name is none, on every platform.
    static func named(_ identifier: String) -> TimeZone? {
        identifier.isEmpty ? nil : TimeZone(identifier: identifier)
    }

    /// Seconds east of UTC that clocks in `zone` show at `instant`.
    static func offset(of zone: TimeZone, at instant: UnixSeconds) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }
}
