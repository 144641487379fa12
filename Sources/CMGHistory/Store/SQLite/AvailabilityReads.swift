import GRDB

/// What availability reads: state spans, stop requests (for ``PlannedDowntime``) and how many
/// snapshots a period holds (for its coverage).
enum AvailabilityReads {
    /// The gateway's state spans that start before `end`, in time order.
    static func stateSpans(_ db: Database, gatewayID: Int64, before end: UnixSeconds) throws -> [AvailabilityCalculator.Span] {
        try Row.fetchAll(db, sql: """
            SELECT first_seen_at, last_seen_at, state_code, state, description FROM state_span
            WHERE gateway_id = ? AND first_seen_at < ? ORDER BY first_seen_at
            """, arguments: [gatewayID, end]).map {
                try AvailabilityCalculator.Span(first: $0.value(0), last: $0.value(1), code: $0.value(2), state: $0.value(3),
                                                description: $0.value(4))
            }
    }

    /// `stop` requests of the gateway in `[start, end)`, in time order.
    static func stopRequests(_ db: Database, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(instant: UnixSeconds, outcome: String)] {
        try Row.fetchAll(db, sql: """
            SELECT requested_at, outcome FROM operation WHERE gateway_id = ? AND kind = ? AND requested_at >= ? AND requested_at < ?
            ORDER BY requested_at
            """, arguments: [gatewayID, OperationKind.stop.rawValue, start, end]).map { try ($0.value(0), $0.value(1)) }
    }

    /// Status snapshots of the gateway taken in `[start, end)`.
    static func snapshotCount(_ db: Database, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT count(*) FROM status_snapshot WHERE gateway_id = ? AND at >= ? AND at < ?",
                           arguments: [gatewayID, start, end]) ?? 0
    }
}
