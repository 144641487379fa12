/// `SMS_AzureServicesTask` objects → operations ConfigMgr ran on a gateway.
///
/// `TaskID` (with `SiteCode`) is the identity, so a task exported while in progress and again
/// once completed is one operation, updated. `AzureServiceId` names the gateway; a task whose
/// gateway is not stored yet is kept and linked when its SMS_AzureService export arrives.
enum AzureServicesTaskMapper {
    /// `TaskTypeId` → operation kind (DESIGN §3.2).
    static let kinds: [Int64: OperationKind] = [1: .create, 2: .upgrade, 3: .delete, 4: .stop, 5: .start]
    /// `TaskStateId` → outcome: 1 created and 2 in progress are both still running.
    static let outcomes: [Int64: OperationOutcome] = [1: .inProgress, 2: .inProgress, 3: .succeeded, 4: .failed]

    static func map(_ rows: [ExportRow], _ context: ExportContext, into decoding: inout ExportDecoding) {
        for var row in rows {
            defer { decoding.noteLocalTimes(of: row) }
            decoding.droppedSecrets += row.droppedSecrets
            do throws(LineRejection) {
                decoding.append(.operation(try operation(&row, zone: context.options.sourceTimeZone)), line: row.line)
            } catch {
                decoding.rejections.append((row.line, error))
            }
        }
    }

    private static func operation(_ row: inout ExportRow, zone: SourceTimeZone) throws(LineRejection) -> GatewayOperation {
        guard let taskID = try row.string("TaskID") else { throw LineRejection(field: "TaskID", "is missing: it identifies the task") }
        guard let serviceID = try row.string("AzureServiceId") else {
            throw LineRejection(field: "AzureServiceId", "is missing: it names the gateway the task ran on")
        }
        let site = try row.string("SiteCode")
        let type = try row.requiredInteger("TaskTypeId", in: Int64.min...Int64.max, "is not an integer")
        guard let kind = kinds[type] else {
            throw LineRejection(field: "TaskTypeId", value: String(type), "is not a known task type (1 create, 2 upgrade, 3 delete, 4 stop, 5 start)")
        }
        let state = try row.requiredInteger("TaskStateId", in: Int64.min...Int64.max, "is not an integer")
        guard let outcome = outcomes[state] else {
            throw LineRejection(field: "TaskStateId", value: String(state), "is not a known task state (1 created, 2 in progress, 3 completed, 4 failed)")
        }
        guard let requested = try row.time("TaskCreationTime", zone: zone) else {
            throw LineRejection(field: "TaskCreationTime", "is missing")
        }
        // A running task has no end time, or .NET's DateTime.MinValue standing for none: any
        // end before 1970 is taken as none, as an end before the request always was.
        var completed = try row.time("TaskEndTime", zone: zone, noneBefore: ValueLimits.earliestInstant)
        if let end = completed, end < requested || outcome == .inProgress { completed = nil }
        return GatewayOperation(gateway: "", kind: kind, requestedAt: requested, completedAt: completed, outcome: outcome,
                         actor: "", note: "", extra: row.extraJSON(),
                         taskKey: (site.map { $0 + "/" } ?? "") + taskID, azureServiceID: serviceID)
    }
}
