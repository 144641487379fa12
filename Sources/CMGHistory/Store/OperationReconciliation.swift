/// What a later record of a stored operation does to it: the rule of an outcome that only moves
/// forward, decided in Swift once for every backend (each applies it with its own SQL).
enum OperationReconciliation: Equatable {
    /// The stored operation was in progress and the record completes it.
    case complete
    /// The record contradicts the stored operation.
    case conflict(ConflictProblem)
    /// The record says nothing new; `adoptTaskKey` is ConfigMgr's task identity to give a row
    /// stored first from a source without it.
    case duplicate(adoptTaskKey: String?)
}

extension StoredOperation {
    /// Brings the stored operation forward to what `r` says, or finds it says the same, or names
    /// what contradicts.
    ///
    /// An outcome only moves forward: `in_progress` → succeeded, failed or cancelled updates the
    /// row; a record still in progress of an operation stored as completed is an older
    /// observation of it (a duplicate). Two different final outcomes (succeeded, then failed) or
    /// completion times conflict. An empty actor or note and a missing `extra` say nothing, so
    /// they never conflict. `gatewayID` is nil for a row of `unlinked_operation`, which keeps no
    /// task key to adopt (it is its key).
    func reconciliation(with r: GatewayOperation, gatewayID: Int64?, linked: Bool) -> OperationReconciliation {
        var differences: [String] = []
        if let key = r.taskKey, let storedKey = taskKey, key != storedKey {
            differences.append(RecordWriter.describe(.text("task", key), stored: storedKey.databaseValue))
        }
        if let gatewayID, let storedGateway = self.gatewayID, gatewayID != storedGateway {
            differences.append("gateway differs")
        }
        if kind != r.kind.rawValue { differences.append(RecordWriter.describe(.text("kind", r.kind.rawValue), stored: kind.databaseValue)) }
        if requestedAt != r.requestedAt {
            differences.append(RecordWriter.describe(.instant("requested_at", r.requestedAt), stored: requestedAt.databaseValue))
        }
        let movesForward = outcome == OperationOutcome.inProgress.rawValue && r.outcome != .inProgress
        if movesForward, differences.isEmpty { return .complete }
        if outcome == r.outcome.rawValue || r.outcome == .inProgress {
            if !r.actor.isEmpty, !actor.isEmpty, r.actor != actor {
                differences.append(RecordWriter.describe(.text("actor", r.actor), stored: actor.databaseValue))
            }
            if !r.note.isEmpty, !note.isEmpty, r.note != note { differences.append("note differs") }
        }
        if outcome == r.outcome.rawValue {
            if let a = completedAt, let b = r.completedAt, a != b {
                differences.append(RecordWriter.describe(.instant("completed_at", b), stored: a.databaseValue))
            }
            if let a = extra, let b = r.extra, a != b { differences.append("extra differs") }
        } else if r.outcome != .inProgress, !movesForward {
            differences.append(RecordWriter.describe(.text("outcome", r.outcome.rawValue), stored: outcome.databaseValue)
                               + " (an outcome moves forward from in_progress only)")
        }
        guard differences.isEmpty else { return .conflict(ConflictProblem(differences)) }
        // The same operation came first from a source without ConfigMgr's task identity.
        return .duplicate(adoptTaskKey: linked && taskKey == nil ? r.taskKey : nil)
    }
}
