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

    /// The snapshots of `[start, end)`: the spans wholly inside it say how many they hold, and
    /// only the snapshots before the first of them and after the last are counted one by one
    /// (a month of 5-minute snapshots is 8,640 rows a gateway, its spans a handful). Spans
    /// partition a gateway's snapshots, in time order, without overlap (``StateSpanMaintainer``).
    static func snapshotCount(_ db: Database, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 {
        let count = "SELECT count(*) FROM status_snapshot WHERE gateway_id = ? AND at >= ? AND at < ?"
        let inner = try Row.fetchOne(db, sql: """
            SELECT sum(snapshot_count), min(first_seen_at), max(last_seen_at) FROM state_span
            WHERE gateway_id = ? AND first_seen_at >= ? AND last_seen_at < ?
            """, arguments: [gatewayID, start, end])
        guard let inner, let held: Int64 = try inner.value(0), let first: Int64 = try inner.value(1),
              let last: Int64 = try inner.value(2), last < Int64.max else {
            return try Int64.fetchOne(db, sql: count, arguments: [gatewayID, start, end]) ?? 0
        }
        let before = try Int64.fetchOne(db, sql: count, arguments: [gatewayID, start, first]) ?? 0
        let after = try Int64.fetchOne(db, sql: count, arguments: [gatewayID, last + 1, end]) ?? 0
        let (sum, overflow) = held.addingReportingOverflow(before)
        let (total, overflows) = sum.addingReportingOverflow(after)
        // Only damage makes the spans' counts overflow: then the snapshots themselves are counted.
        return overflow || overflows ? try Int64.fetchOne(db, sql: count, arguments: [gatewayID, start, end]) ?? 0 : total
    }
}
