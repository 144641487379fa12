/// What storing one record did.
enum WriteOutcome: Equatable {
    /// A new row.
    case inserted
    /// An existing row was brought up to date (an in-progress operation that has completed).
    case updated
    /// The same record was already stored; nothing changed.
    case duplicate
    /// The record is invalid against what is stored (a pruned hour); nothing changed.
    case rejected(LineRejection)
    /// A record with the same key is stored with other values; it was kept, nothing changed.
    case conflict(ConflictProblem)
}
