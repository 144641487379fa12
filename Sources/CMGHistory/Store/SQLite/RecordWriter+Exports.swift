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
    mutating func writeTaskOperation(_ r: GatewayOperation) throws -> WriteOutcome {
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
        // The task may be stored already, or the same operation from another source without the task key.
        let stored = try r.taskKey.flatMap { try storedOperation(in: "operation", where: "task_key = ?", [$0]) }
            ?? storedOperation(in: "operation", where: "gateway_id = ? AND kind = ? AND requested_at = ?",
                               [gateway, r.kind.rawValue, r.requestedAt])
        guard let stored else { return .duplicate }
        return try reconcile(r, with: stored, in: "operation", gatewayID: gateway)
    }

    /// Keeps a task whose gateway is not stored yet; a later export of it completes it in place.
    private mutating func writeUnlinkedOperation(_ r: GatewayOperation, azureServiceID: String) throws -> WriteOutcome {
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
        guard let stored = try storedOperation(in: "unlinked_operation", where: "task_key = ?", [taskKey]) else { return .duplicate }
        return try reconcile(r, with: stored, in: "unlinked_operation", gatewayID: nil)
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
        let gateway = try gatewayID(r.gateway)
        s.bind(1, gateway)
        s.bind(2, r.at)
        s.bind(3, r.internetCount)
        s.bind(4, r.intranetCount)
        guard try s.execute() == 1 else { return try storedOnlineClientsByNetwork(r, gatewayID: gateway) }
        return .inserted
    }

    mutating func writeReportedEgress(_ r: ReportedEgressSample) throws -> WriteOutcome {
        let s = try BulkStatement(db, sql: """
            INSERT INTO reported_egress_sample(gateway_id, at, last_14_days_bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
            """)
        let gateway = try gatewayID(r.gateway)
        s.bind(1, gateway)
        s.bind(2, r.at)
        s.bind(3, r.lastFourteenDaysBytes)
        guard try s.execute() == 1 else { return try storedReportedEgress(r, gatewayID: gateway) }
        return .inserted
    }

    // MARK: - Helpers

    /// A JSON array of strings, or nil for none (the column then holds NULL).
    static func jsonArray(_ items: [String]) -> String? {
        items.isEmpty ? nil : "[" + items.map(Fields.jsonString).joined(separator: ",") + "]"
    }
}
