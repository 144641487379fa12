import GRDB

/// The records that ConfigMgr's own exports bring beyond NDJSON v1 (schema version 4): operations
/// ConfigMgr identifies by task, the online-client split by network, the reported 14-day egress.
///
/// These are a few rows per export, not the bulk path, so they prepare through GRDB's statement
/// cache by SQL text instead of the writer's slot table.
extension RecordWriter {
    // MARK: - Operations ConfigMgr ran (SMS_AzureServicesTask)

    /// Stores an operation that carries ConfigMgr's task identity or names its gateway only by
    /// `AzureServiceID`.
    ///
    /// The task key is the identity: a later export of the same task completes an in-progress
    /// row instead of adding one. A task whose gateway is not known yet waits in
    /// `unlinked_operation` until a gateway with that `azure_service_id` is stored.
    mutating func writeTaskOperation(_ r: Operation) throws -> WriteOutcome {
        let gateway: Int64
        if !r.gateway.isEmpty {
            gateway = try gatewayID(r.gateway)
        } else if let serviceID = r.azureServiceID {
            let owner = try BulkStatement(db, sql: "SELECT id FROM gateway WHERE azure_service_id = ?")
            owner.bind(1, serviceID)
            guard let found = try owner.fetchInt64() else { return try writeUnlinkedOperation(r, azureServiceID: serviceID) }
            gateway = found
        } else {
            return .rejected(LineRejection("names no gateway (neither a name nor an AzureServiceID)"))
        }
        if try insertOperation(r, gatewayID: gateway) { return .inserted }
        guard let taskKey = r.taskKey else { return .duplicate }
        // The same operation may be stored already from another source without the task key.
        let adopt = try BulkStatement(db, sql: """
            UPDATE operation SET task_key = ?
            WHERE gateway_id = ? AND kind = ? AND requested_at = ? AND task_key IS NULL
            """)
        adopt.bind(1, taskKey)
        adopt.bind(2, gateway)
        adopt.bind(3, r.kind.rawValue)
        adopt.bind(4, r.requestedAt)
        try adopt.execute()
        guard r.outcome != .inProgress else { return .duplicate }
        let complete = try BulkStatement(db, sql: """
            UPDATE operation SET completed_at = ?, outcome = ?, extra = coalesce(?, extra)
            WHERE task_key = ? AND outcome = 'in_progress'
            """)
        complete.bind(1, r.completedAt)
        complete.bind(2, r.outcome.rawValue)
        complete.bind(3, r.extra)
        complete.bind(4, taskKey)
        return try complete.execute() == 1 ? .updated : .duplicate
    }

    /// Keeps a task whose gateway is not stored yet; a later export of it completes it in place.
    private func writeUnlinkedOperation(_ r: Operation, azureServiceID: String) throws -> WriteOutcome {
        guard let taskKey = r.taskKey else {
            return .rejected(LineRejection(field: "AzureServiceId", value: azureServiceID,
                                           "names no stored gateway, and the operation has no task id to keep it by"))
        }
        let insert = try BulkStatement(db, sql: """
            INSERT INTO unlinked_operation(task_key, azure_service_id, kind, requested_at, completed_at, outcome,
                actor, note, extra)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        insert.bind(1, taskKey)
        insert.bind(2, azureServiceID)
        insert.bind(3, r.kind.rawValue)
        insert.bind(4, r.requestedAt)
        insert.bind(5, r.completedAt)
        insert.bind(6, r.outcome.rawValue)
        insert.bind(7, r.actor)
        insert.bind(8, r.note)
        insert.bind(9, r.extra)
        if try insert.execute() == 1 { return .inserted }
        guard r.outcome != .inProgress else { return .duplicate }
        let complete = try BulkStatement(db, sql: """
            UPDATE unlinked_operation SET completed_at = ?, outcome = ?, extra = coalesce(?, extra)
            WHERE task_key = ? AND outcome = 'in_progress'
            """)
        complete.bind(1, r.completedAt)
        complete.bind(2, r.outcome.rawValue)
        complete.bind(3, r.extra)
        complete.bind(4, taskKey)
        return try complete.execute() == 1 ? .updated : .duplicate
    }

    /// Moves the operations waiting for `azureServiceID` to the gateway that now has it.
    func linkWaitingOperations(azureServiceID: String, gatewayID: Int64) throws {
        let move = try BulkStatement(db, sql: """
            INSERT INTO operation(gateway_id, kind, requested_at, completed_at, outcome, actor, note, extra, task_key)
            SELECT ?, kind, requested_at, completed_at, outcome, actor, note, extra, task_key
            FROM unlinked_operation WHERE azure_service_id = ?
            ON CONFLICT DO NOTHING
            """)
        move.bind(1, gatewayID)
        move.bind(2, azureServiceID)
        try move.execute()
        let remove = try BulkStatement(db, sql: "DELETE FROM unlinked_operation WHERE azure_service_id = ?")
        remove.bind(1, azureServiceID)
        try remove.execute()
    }

    // MARK: - Gauges

    mutating func writeOnlineClientsByNetwork(_ r: OnlineClientsByNetwork) throws -> WriteOutcome {
        let s = try BulkStatement(db, sql: """
            INSERT INTO online_clients_by_network(gateway_id, at, internet_count, intranet_count)
            VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        s.bind(1, try gatewayID(r.gateway))
        s.bind(2, r.at)
        s.bind(3, r.internetCount)
        s.bind(4, r.intranetCount)
        return try s.execute() == 1 ? .inserted : .duplicate
    }

    mutating func writeReportedEgress(_ r: ReportedEgressSample) throws -> WriteOutcome {
        let s = try BulkStatement(db, sql: """
            INSERT INTO reported_egress_sample(gateway_id, at, last_14_days_gb) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
            """)
        s.bind(1, try gatewayID(r.gateway))
        s.bind(2, r.at)
        s.bind(3, r.lastFourteenDaysGB)
        return try s.execute() == 1 ? .inserted : .duplicate
    }

    // MARK: - Helpers

    /// A JSON array of strings, or nil for none (the column then holds NULL).
    static func jsonArray(_ items: [String]) -> String? {
        items.isEmpty ? nil : "[" + items.map(Fields.jsonString).joined(separator: ",") + "]"
    }
}
