import Foundation

/// The time zone of times written without one: SQL Server `datetime` values and PowerShell
/// dates of unspecified kind. `--source-tz` names it; UTC by default.
public struct SourceTimeZone: Sendable, Equatable {
    /// The IANA name (`Europe/Berlin`), or `UTC`.
    public let identifier: String
    private let zone: TimeZone?

    /// UTC, the default.
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
        guard let zone = IANAZone.named(identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// How a local civil time fits the zone's clock.
    enum LocalTimeFit: Equatable {
        /// The clock shows it once.
        case unique
        /// In the hour a DST change repeats (fall back): the clock shows it twice.
        case ambiguous
        /// In the hour a DST change skips (spring forward): the clock never shows it.
        case nonexistent
    }

    /// The UTC instant of a local civil time, and how it fits the zone's clock.
    ///
    /// One rule for the times a DST change makes ambiguous or impossible (README, "Times without
    /// a zone"): a repeated time is the first of its two instants (the summer offset, as the
    /// clock showed it first); a skipped time is moved forward by the length of the gap, as a
    /// clock that was not set forward would have read it (02:30 on the spring-forward night in
    /// Berlin is 03:30 CEST, 01:30Z). Each is counted in the import summary.
    func resolve(local: Int64) -> (instant: UnixSeconds, fit: LocalTimeFit) {
        guard let zone else { return (local, .unique) }
        // A day either side is outside any DST change's hour, and no zone changes twice in two days.
        let before = IANAZone.offset(of: zone, at: local - 86_400)
        let after = IANAZone.offset(of: zone, at: local + 86_400)
        let candidates = before == after ? [before] : [max(before, after), min(before, after)]
        // The larger offset first: it gives the earlier instant when both are valid.
        let valid = candidates.filter { IANAZone.offset(of: zone, at: local - $0) == $0 }
        switch valid.count {
        case 0: return (local - before, .nonexistent)
        case 1: return (local - valid[0], .unique)
        default: return (local - valid[0], .ambiguous)
        }
    }

    /// Zones are equal when their names are.
    public static func == (a: SourceTimeZone, b: SourceTimeZone) -> Bool { a.identifier == b.identifier }
}

/// What an import summary says about the DST rule of ``SourceTimeZone/resolve(local:)``.
enum LocalTimeNotes {
    static func notes(ambiguous: Int, nonexistent: Int, zone: String) -> [String] {
        var notes: [String] = []
        if ambiguous > 0 {
            notes.append("\(ambiguous) time\(ambiguous == 1 ? "" : "s") without a zone fell in the hour \(zone) repeats when "
                         + "DST ends: read as the first of the two (summer time)")
        }
        if nonexistent > 0 {
            notes.append("\(nonexistent) time\(nonexistent == 1 ? "" : "s") without a zone fell in the hour \(zone) skips when "
                         + "DST begins: moved forward by the skipped hour")
        }
        return notes
    }
}
