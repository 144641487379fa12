import GRDB

/// Keeps `state_span` equal to the runs of consecutive same-state snapshots, as snapshots arrive.
///
/// A span is a run of snapshots of one gateway with the same state code, text and description,
/// none further from the next than the staleness limit. After a batch inserts snapshots between
/// `lo` and `hi`, only the spans around that range can change: they are deleted and rebuilt from
/// the snapshots, starting at a span boundary that new data cannot move. When the new snapshots
/// all follow the last span (the usual case: an export appended to history), that span is
/// extended from its end instead of re-read from its start.
struct StateSpanMaintainer {
    private let db: Database
    private var touched: [Int64: ClosedRange<Int64>] = [:]
    let staleAfter = StalenessPolicy.defaultLimitSeconds

    init(_ db: Database) { self.db = db }

    mutating func noteInserted(gatewayID: Int64, at: Int64) {
        if let range = touched[gatewayID] {
            touched[gatewayID] = min(range.lowerBound, at)...max(range.upperBound, at)
        } else {
            touched[gatewayID] = at...at
        }
    }

    func rebuild() throws {
        for (gateway, range) in touched.sorted(by: { $0.key < $1.key }) {
            try rebuild(gateway: gateway, lo: range.lowerBound, hi: range.upperBound)
        }
    }

    private func rebuild(gateway: Int64, lo: Int64, hi: Int64) throws {
        let spanColumns = "first_seen_at, last_seen_at, state_code, state, description, snapshot_count"
        let before = try Row.fetchOne(db, sql: """
            SELECT \(spanColumns) FROM state_span WHERE gateway_id = ? AND first_seen_at <= ?
            ORDER BY first_seen_at DESC LIMIT 1
            """, arguments: [gateway, lo]).map(Self.span)
        let after = try Row.fetchOne(db, sql: """
            SELECT \(spanColumns) FROM state_span WHERE gateway_id = ? AND first_seen_at > ?
            ORDER BY first_seen_at LIMIT 1
            """, arguments: [gateway, hi]).map(Self.span)
        let coveringHi = try Int64.fetchOne(db, sql: """
            SELECT last_seen_at FROM state_span WHERE gateway_id = ? AND first_seen_at <= ?
            ORDER BY first_seen_at DESC LIMIT 1
            """, arguments: [gateway, hi])
        let plan = StateSpanRun.plan(lo: lo, hi: hi, before: before, after: after, coveringHi: coveringHi)
        try db.execute(sql: "DELETE FROM state_span WHERE gateway_id = ? AND first_seen_at BETWEEN ? AND ?",
                       arguments: [gateway, plan.deleteFrom, plan.deleteTo])

        let insert = try BulkStatement(db, sql: """
            INSERT INTO state_span(gateway_id, first_seen_at, last_seen_at, state_code, state, description,
                snapshot_count, stale_after_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        func store(_ span: StateSpanRun.Span) throws {
            insert.bind(1, gateway)
            insert.bind(2, span.first)
            insert.bind(3, span.last)
            insert.bind(4, span.code)
            insert.bind(5, span.state)
            insert.bind(6, span.description)
            insert.bind(7, span.count)
            insert.bind(8, staleAfter)
            try insert.execute()
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT at, state_code, state, description FROM status_snapshot
            WHERE gateway_id = ? AND at BETWEEN ? AND ? ORDER BY at
            """, arguments: [gateway, plan.readFrom, plan.readTo])
        var run = StateSpanRun(staleAfter: staleAfter, continuing: plan.current)
        while let row = try rows.next() {
            if let closed = run.add(at: try row.value(0), code: try row.value(1), state: try row.value(2), description: try row.value(3)) {
                try store(closed)
            }
        }
        if let span = run.current { try store(span) }
    }

    private static func span(_ row: Row) throws -> StateSpanRun.Span {
        try StateSpanRun.Span(first: row.value(0), last: row.value(1), code: row.value(2), state: row.value(3), description: row.value(4),
                 count: row.value(5))
    }
}
