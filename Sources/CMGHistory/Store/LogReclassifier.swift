import GRDB

/// What re-running the rules over stored entries changed.
public struct ReclassifySummary: Sendable, Equatable, Codable {
    public var entries = 0
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0

    /// Adds what another batch changed.
    mutating func add(_ other: ReclassifySummary) {
        entries += other.entries
        added += other.added
        updated += other.updated
        removed += other.removed
        unchanged += other.unchanged
    }
}
