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

extension ImportSummary {
    /// Counts what storing the record of `item` did: every backend's batch writer sums its
    /// outcomes into the batch's summary this way.
    mutating func count(_ outcome: WriteOutcome, of item: NumberedRecord) {
        switch outcome {
        case .inserted:
            inserted += 1
            insertedByType[item.record.typeName, default: 0] += 1
        case .updated: updated += 1
        case .duplicate: duplicates += 1
        case .rejected(let problem): reject(line: item.line, problem)
        case .conflict(let problem): conflict(line: item.line, problem)
        }
    }
}
