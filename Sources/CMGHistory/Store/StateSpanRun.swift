/// The backend-neutral part of keeping `state_span`: which stored spans a batch's new snapshots
/// can move, and the fold of snapshots into runs.
///
/// ``StateSpanMaintainer`` (SQLite) and the PostgreSQL record writer read the same three facts
/// about the stored spans around a touched range, ask ``plan(lo:hi:before:after:coveringHi:)``
/// which spans to delete and which snapshots to read, and feed those snapshots in time order
/// to ``add(at:code:state:description:)``: both backends then store the same spans.
struct StateSpanRun {
    /// One run of same-state snapshots, as `state_span` stores it.
    struct Span: Equatable {
        var first: Int64
        var last: Int64
        var code: Int64?
        var state: String
        var description: String
        var count: Int64

        /// Whether a snapshot at `at` with these values extends the run.
        func continues(code: Int64?, state: String, description: String, at: Int64, staleAfter: Int64) -> Bool {
            self.code == code && self.state == state && self.description == description && at - last <= staleAfter
        }
    }

    /// What to rebuild after snapshots between `lo` and `hi` were inserted.
    struct Plan: Equatable {
        /// Delete the stored spans whose `first_seen_at` lies in this range.
        var deleteFrom: Int64
        var deleteTo: Int64
        /// Read the snapshots with `at` in this range, in time order.
        var readFrom: Int64
        var readTo: Int64
        /// The span the read continues (appending after the last known one), if any.
        var current: Span?
    }

    /// The rebuild for new snapshots between `lo` and `hi`, from the stored span starting at or
    /// before `lo` (`before`), the first starting after `hi` (`after`), and the end of the span
    /// starting at or before `hi` (`coveringHi`).
    ///
    /// When the new snapshots all follow the last span (an export appended to history), that
    /// span is extended from its end instead of re-read from its start.
    static func plan(lo: Int64, hi: Int64, before: Span?, after: Span?, coveringHi: Int64?) -> Plan {
        let end = after?.last ?? max(hi, coveringHi ?? hi)
        if let before, before.last < lo {
            return Plan(deleteFrom: before.first, deleteTo: end, readFrom: before.last + 1, readTo: end, current: before)
        }
        let readFrom = before?.first ?? lo
        return Plan(deleteFrom: readFrom, deleteTo: end, readFrom: readFrom, readTo: end, current: nil)
    }

    /// Seconds after which a silent gateway's span ends (``StalenessPolicy``).
    let staleAfter: Int64
    private(set) var current: Span?

    /// A fold that continues `current` (nil to start afresh).
    init(staleAfter: Int64, continuing current: Span?) {
        self.staleAfter = staleAfter
        self.current = current
    }

    /// Adds the next snapshot in time order; returns the span it closed, if it closed one.
    mutating func add(at: Int64, code: Int64?, state: String, description: String) -> Span? {
        if var span = current, span.continues(code: code, state: state, description: description, at: at, staleAfter: staleAfter) {
            span.last = at
            span.count += 1
            current = span
            return nil
        }
        let closed = current
        current = Span(first: at, last: at, code: code, state: state, description: description, count: 1)
        return closed
    }
}
