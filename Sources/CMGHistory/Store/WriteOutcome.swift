/// What storing one record did.
enum WriteOutcome: Equatable {
    /// A new row.
    case inserted
    /// An existing row was brought up to date (an in-progress operation that has completed).
    case updated
    /// The same record was already stored; nothing changed.
    case duplicate
    /// The record contradicts what is stored; nothing changed.
    case rejected(LineRejection)
}
