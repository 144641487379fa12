import GRDB

/// Which rule events `logs events` lists: every condition given must hold. All are kept by
/// default (role-state changes too); `kinds` narrows to the ones asked for.
public struct LogEventFilter: Sendable, Equatable {
    /// The conditions on each event's entry, as `logs list` takes them, except that the
    /// minimum severity is the event's (the rule's), and a gateway may also be the event's own.
    public var entries = LogEntryFilter()
    /// Event kinds (`role_state`, `certificate_error`, …), without regard to case; empty: every kind.
    public var kinds: [String] = []

    public init() {
        entries.limit = 1000
    }
}
