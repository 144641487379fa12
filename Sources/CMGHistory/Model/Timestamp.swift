/// RFC 3339 text for UTC instants, the form every input and output uses.
public enum Timestamp {
    /// Parses `2026-10-01T00:05:00Z` or `2026-10-01T02:05:00+02:00` (fractions allowed and
    /// truncated); nil when the text is not RFC 3339 with a zone.
    public static func parse(_ text: String) -> UnixSeconds? { RFC3339.parse(text) }

    /// `2026-10-01T00:05:00Z`.
    public static func format(_ instant: UnixSeconds) -> String { CivilDate.rfc3339(instant) }
}
