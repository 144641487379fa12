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
    /// what contradicts.
    ///
    /// An outcome only moves forward: `in_progress` → succeeded, failed or cancelled updates the
    /// row; a record still in progress of an operation stored as completed is an older
    /// observation of it (a duplicate). Two different final outcomes (succeeded, then failed) or
    /// completion times conflict. An empty actor or note and a missing `extra` say nothing, so
    /// they never conflict.
    mutating func reconcile(_ r: GatewayOperation, with stored: StoredOperation, in table: String, gatewayID: Int64?) throws -> WriteOutcome {
        var differences: [String] = []
        if let key = r.taskKey, let storedKey = stored.taskKey, key != storedKey {
            differences.append(Self.describe(.text("task", key), stored: storedKey.databaseValue))
        }
        if let gatewayID, let storedGateway = stored.gatewayID, gatewayID != storedGateway {
            differences.append("gateway differs")
        }
        if stored.kind != r.kind.rawValue { differences.append(Self.describe(.text("kind", r.kind.rawValue), stored: stored.kind.databaseValue)) }
        if stored.requestedAt != r.requestedAt {
            differences.append(Self.describe(.instant("requested_at", r.requestedAt), stored: stored.requestedAt.databaseValue))
        }
        let movesForward = stored.outcome == OperationOutcome.inProgress.rawValue && r.outcome != .inProgress
        if movesForward, differences.isEmpty { return try complete(stored, with: r, in: table) }
        if stored.outcome == r.outcome.rawValue || r.outcome == .inProgress {
            if !r.actor.isEmpty, !stored.actor.isEmpty, r.actor != stored.actor {
                differences.append(Self.describe(.text("actor", r.actor), stored: stored.actor.databaseValue))
            }
            if !r.note.isEmpty, !stored.note.isEmpty, r.note != stored.note { differences.append("note differs") }
        }
        if stored.outcome == r.outcome.rawValue {
            if let a = stored.completedAt, let b = r.completedAt, a != b {
                differences.append(Self.describe(.instant("completed_at", b), stored: a.databaseValue))
            }
            if let a = stored.extra, let b = r.extra, a != b { differences.append("extra differs") }
        } else if r.outcome != .inProgress, !movesForward {
            differences.append(Self.describe(.text("outcome", r.outcome.rawValue), stored: stored.outcome.databaseValue)
                               + " (an outcome moves forward from in_progress only)")
        }
        guard differences.isEmpty else { return .conflict(ConflictProblem(differences)) }
        if table == "operation", stored.taskKey == nil, let key = r.taskKey {
            // The same operation came first from a source without ConfigMgr's task identity.
            try db.execute(sql: "UPDATE operation SET task_key = ? WHERE rowid = ?", arguments: [key, stored.rowID])
        }
        return .duplicate
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
