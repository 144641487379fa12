/// Operations on PostgreSQL, as SQLite stores them (RecordWriter.swift, RecordWriter+Exports.swift):
/// one row per gateway, kind and request time, or per ConfigMgr task; a later record of an
/// in-progress operation completes it (``StoredOperation/reconciliation(with:gatewayID:linked:)``);
/// a task whose gateway is not stored yet waits in `unlinked_operation` for the export that
/// names its AzureServiceID.
extension PostgresBatchWriter {
    /// A new operation is inserted; a later record of an in-progress one completes it.
    mutating func writeOperation(_ r: GatewayOperation) throws -> WriteOutcome {
        if r.taskKey != nil || r.azureServiceID != nil { return try writeTaskOperation(r) }
        let gateway = try gatewayID(r.gateway)
        if try insertOperation(r, gatewayID: gateway) { return .inserted }
        guard let stored = try storedOperation(linked: true, where: "gateway_id = $1 AND kind = $2 AND requested_at = $3",
                                               [.int64(gateway), .text(r.kind.rawValue), .int64(r.requestedAt)])
        else { return .duplicate }
        return try reconcile(r, with: stored, gatewayID: gateway)
    }

    /// Stores an operation that carries ConfigMgr's task identity or names its gateway only by
    /// `AzureServiceID` (SQLite's `writeTaskOperation`).
    private mutating func writeTaskOperation(_ r: GatewayOperation) throws -> WriteOutcome {
        let gateway: Int64
        if !r.gateway.isEmpty {
            gateway = try gatewayID(r.gateway)
        } else if let serviceID = r.azureServiceID {
            guard let found = try serviceOwner(serviceID) else { return try writeUnlinkedOperation(r, azureServiceID: serviceID) }
            gateway = found
        } else {
            return .rejected(LineRejection("names no gateway (neither a name nor an AzureServiceID)"))
        }
        if try insertOperation(r, gatewayID: gateway) { return .inserted }
        // The task may be stored already, or the same operation from another source without the task key.
        let stored = try r.taskKey.flatMap { try storedOperation(linked: true, where: "task_key = $1", [.text($0)]) }
            ?? storedOperation(linked: true, where: "gateway_id = $1 AND kind = $2 AND requested_at = $3",
                               [.int64(gateway), .text(r.kind.rawValue), .int64(r.requestedAt)])
        guard let stored else { return .duplicate }
        return try reconcile(r, with: stored, gatewayID: gateway)
    }

    /// Keeps a task whose gateway is not stored yet; a later export of it completes it in place.
    private mutating func writeUnlinkedOperation(_ r: GatewayOperation, azureServiceID: String) throws -> WriteOutcome {
        guard let taskKey = r.taskKey else {
            return .rejected(LineRejection(field: "AzureServiceId", value: azureServiceID,
                                           "names no stored gateway, and the operation has no task id to keep it by"))
        }
        let inserted = try connection.query("""
            INSERT INTO unlinked_operation (task_key, azure_service_id, kind, requested_at, completed_at, outcome, actor, note, extra)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
            """, [.text(taskKey), .text(azureServiceID), .text(r.kind.rawValue), .int64(r.requestedAt), Self.number(r.completedAt),
                  .text(r.outcome.rawValue), .text(r.actor), .text(r.note), Self.text(r.extra)]).affectedRows
        if inserted == 1 { return .inserted }
        guard let stored = try storedOperation(linked: false, where: "task_key = $1", [.text(taskKey)]) else { return .duplicate }
        return try reconcile(r, with: stored, gatewayID: nil)
    }

    /// Moves the operations waiting for `azureServiceID` to the gateway that now has it, in the
    /// order they were stored (SQLite's rowid order; here the rows' physical order, which an
    /// update in place may change), skipping those the gateway holds already.
    func linkWaitingOperations(azureServiceID: String, gatewayID: Int64) throws {
        try connection.query("""
            INSERT INTO operation (gateway_id, kind, requested_at, completed_at, outcome, actor, note, extra, task_key)
            SELECT $1, u.kind, u.requested_at, u.completed_at, u.outcome, u.actor, u.note, u.extra, u.task_key
            FROM unlinked_operation u
            WHERE u.azure_service_id = $2 AND NOT EXISTS (
                SELECT 1 FROM operation o
                WHERE (o.gateway_id = $1 AND o.kind = u.kind AND o.requested_at = u.requested_at) OR o.task_key = u.task_key)
            ORDER BY u.ctid
            ON CONFLICT DO NOTHING
            """, [.int64(gatewayID), .text(azureServiceID)])
        try connection.query("DELETE FROM unlinked_operation WHERE azure_service_id = $1", [.text(azureServiceID)])
    }

    // MARK: - Rows

    /// Inserts an operation unless the same one (gateway, kind and request time, or task key)
    /// is stored already; true when a row was added. Asked first, so that a re-import uses up no id.
    private func insertOperation(_ r: GatewayOperation, gatewayID: Int64) throws -> Bool {
        try connection.query("""
            INSERT INTO operation (gateway_id, kind, requested_at, completed_at, outcome, actor, note, extra, task_key)
            SELECT $1::bigint, $2::text, $3::bigint, $4::bigint, $5::text, $6::text, $7::text, $8::json, $9::text
            WHERE NOT EXISTS (SELECT 1 FROM operation
                              WHERE (gateway_id = $1 AND kind = $2 AND requested_at = $3) OR task_key = $9)
            ON CONFLICT DO NOTHING
            """, [.int64(gatewayID), .text(r.kind.rawValue), .int64(r.requestedAt), Self.number(r.completedAt), .text(r.outcome.rawValue),
                  .text(r.actor), .text(r.note), Self.text(r.extra), Self.text(r.taskKey)]).affectedRows == 1
    }

    /// The operation `condition` finds in `operation` (`linked`) or `unlinked_operation`, whose
    /// rows have no id: their task key is their key.
    private func storedOperation(linked: Bool, where condition: String, _ parameters: [PGParameter]) throws -> StoredOperation? {
        let table = linked ? "operation" : "unlinked_operation"
        let result = try connection.query("""
            SELECT \(linked ? "id, gateway_id" : "0::bigint, NULL::bigint"), kind, requested_at, completed_at, outcome, actor, note,
                extra::text, task_key
            FROM \(table) WHERE \(condition)
            """, parameters, binaryResults: true)
        guard result.rowCount > 0 else { return nil }
        return StoredOperation(rowID: try result.int64(row: 0, column: 0), gatewayID: try result.optionalInt64(row: 0, column: 1),
                               kind: try result.string(row: 0, column: 2), requestedAt: try result.int64(row: 0, column: 3),
                               completedAt: try result.optionalInt64(row: 0, column: 4), outcome: try result.string(row: 0, column: 5),
                               actor: try result.string(row: 0, column: 6), note: try result.string(row: 0, column: 7),
                               extra: try result.optionalString(row: 0, column: 8), taskKey: try result.optionalString(row: 0, column: 9))
    }

    /// Applies what reconciling `r` with the stored operation decided.
    private func reconcile(_ r: GatewayOperation, with stored: StoredOperation, gatewayID: Int64?) throws -> WriteOutcome {
        let linked = gatewayID != nil
        switch stored.reconciliation(with: r, gatewayID: gatewayID, linked: linked) {
        case .conflict(let problem):
            return .conflict(problem)
        case .duplicate(let adopted):
            if let adopted {
                try connection.query("UPDATE operation SET task_key = $1 WHERE id = $2", [.text(adopted), .int64(stored.rowID)])
            }
            return .duplicate
        case .complete:
            // unlinked_operation keeps no task key to adopt: it is its key.
            let values: [PGParameter] = [Self.number(r.completedAt), .text(r.outcome.rawValue), .text(r.actor), .text(r.note),
                                         Self.text(r.extra)]
            let row: [PGParameter] = linked ? [Self.text(r.taskKey), .int64(stored.rowID)] : [Self.text(stored.taskKey)]
            let parameters = values + row
            let changed = try connection.query("""
                UPDATE \(linked ? "operation" : "unlinked_operation") SET completed_at = $1, outcome = $2,
                    actor = CASE WHEN $3 = '' THEN actor ELSE $3 END,
                    note = CASE WHEN $4 = '' THEN note ELSE $4 END,
                    extra = coalesce($5::json, extra)\(linked ? ", task_key = coalesce(task_key, $6) WHERE id = $7" : " WHERE task_key = $6")
                """, parameters).affectedRows
            return changed == 1 ? .updated : .duplicate
        }
    }
}
