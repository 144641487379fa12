import GRDB

/// What availability reads besides state spans: stop requests (for ``PlannedDowntime``) and how
/// many snapshots a period holds (for its coverage).
enum AvailabilityReads {
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
