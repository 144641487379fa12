import GRDB

/// An operation as stored: what a later record of the same operation is reconciled with, and
/// what the timeline lists (``TimelineReads/operations(gatewayID:touchingFrom:to:)``).
struct StoredOperation: Sendable, Equatable {
    var rowID: Int64
    var gatewayID: Int64?
    var kind: String
    var requestedAt: UnixSeconds
    var completedAt: UnixSeconds?
    var outcome: String
    var actor: String
    var note: String
    var extra: String?
    var taskKey: String?

    /// The columns ``init(row:)`` reads, in its order, with `gateway` for the gateway id's place
    /// (`unlinked_operation` has none: `NULL`).
    static func columns(gateway: String) -> String {
        "rowid, \(gateway), kind, requested_at, completed_at, outcome, actor, note, extra, task_key"
    }
}

extension StoredOperation {
    /// The operation in a row selecting ``columns(gateway:)``.
    init(row: Row) throws {
        try self.init(rowID: row.value(0), gatewayID: row.value(1), kind: row.value(2), requestedAt: row.value(3),
                      completedAt: row.value(4), outcome: row.value(5), actor: row.value(6), note: row.value(7),
                      extra: row.value(8), taskKey: row.value(9))
    }
}

extension RecordWriter {
    // MARK: - Operations: forward, never backward

    /// The operation stored in `table` (`operation` or `unlinked_operation`) that `condition` finds.
    func storedOperation(in table: String, where condition: String, _ arguments: StatementArguments) throws -> StoredOperation? {
        let gateway = table == "operation" ? "gateway_id" : "NULL"
        let statement = try db.cachedStatement(sql: """
            SELECT \(StoredOperation.columns(gateway: gateway)) FROM \(table) WHERE \(condition)
            """)
        guard let row = try Row.fetchOne(statement, arguments: arguments) else { return nil }
        return try StoredOperation(row: row)
    }

    /// Brings the stored operation forward to what `r` says, or finds it says the same, or names
    /// what contradicts (``StoredOperation/reconciliation(with:gatewayID:linked:)``).
    mutating func reconcile(_ r: GatewayOperation, with stored: StoredOperation, in table: String, gatewayID: Int64?) throws -> WriteOutcome {
        switch stored.reconciliation(with: r, gatewayID: gatewayID, linked: table == "operation") {
        case .complete:
            return try complete(stored, with: r, in: table)
        case .conflict(let problem):
            return .conflict(problem)
        case .duplicate(let adopted):
            if let adopted {
                try db.execute(sql: "UPDATE operation SET task_key = ? WHERE rowid = ?", arguments: [adopted, stored.rowID])
            }
            return .duplicate
        }
    }

    /// Completes an in-progress operation with the outcome `r` brings.
    private func complete(_ stored: StoredOperation, with r: GatewayOperation, in table: String) throws -> WriteOutcome {
        let adoptsTaskKey = table == "operation" ? ", task_key = coalesce(task_key, ?)" : ""
        var arguments: StatementArguments = [r.completedAt, r.outcome.rawValue, r.actor, r.actor, r.note, r.note, r.extra]
        if table == "operation" { arguments += [r.taskKey] }
        arguments += [stored.rowID]
        let statement = try db.cachedStatement(sql: """
            UPDATE \(table) SET completed_at = ?, outcome = ?,
                actor = CASE WHEN ? = '' THEN actor ELSE ? END,
                note = CASE WHEN ? = '' THEN note ELSE ? END,
                extra = coalesce(?, extra)\(adoptsTaskKey)
            WHERE rowid = ?
            """)
        try statement.execute(arguments: arguments)
        return db.changesCount == 1 ? .updated : .duplicate
    }
}
