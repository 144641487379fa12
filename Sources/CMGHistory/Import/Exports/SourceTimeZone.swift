import Foundation

/// The time zone of times written without one: SQL Server `datetime` values and PowerShell
/// dates of unspecified kind. `--source-tz` names it; UTC by default.
public struct SourceTimeZone: Sendable, Equatable {
    /// The IANA name (`Europe/Berlin`), or `UTC`.
    public let identifier: String
    private let zone: TimeZone?

    public static let utc = SourceTimeZone(utc: ())

    private init(utc: Void) {
        identifier = "UTC"
        zone = nil
    }

    /// The zone with this IANA name, or nil when there is none.
    public init?(identifier: String) {
        if identifier.uppercased() == "UTC" || identifier == "Z" {
            self = .utc
            return
        }
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// The UTC instant of a local civil time given as seconds since 1970-01-01T00:00 local.
    /// In the hour a DST change repeats, the first of the two instants; in the hour it skips,
    /// the offset before the change.
    func instant(ofLocal local: Int64) -> UnixSeconds {
        guard let zone else { return local }
        let before = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - 86_400))))
        let after = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local + 86_400))))
        // Try the larger offset first: it gives the earlier instant when both are valid.
        for offset in [max(before, after), min(before, after)] {
            let candidate = local - offset
            if Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(candidate)))) == offset { return candidate }
        }
        return local - before
    }

    public static func == (a: SourceTimeZone, b: SourceTimeZone) -> Bool { a.identifier == b.identifier }
}
