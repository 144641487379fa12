import GRDB

/// A record waiting to be stored, with the input line it came from.
struct NumberedRecord: Sendable {
    var line: Int
    var record: HistoryRecord
}

extension HistoryStore {
    /// Stores one batch of records in one transaction: all of it, or (on a thrown error) none.
    ///
    /// Records the store refuses (they contradict stored data) come back as rejections in the
    /// returned summary, whose counts cover this batch only. `cache` learns the ids the batch
    /// created only once it has committed.
    func importBatch(_ batch: [NumberedRecord], file: String, cache: inout SeriesKeyCache) throws -> ImportSummary {
        let known = cache
        let (summary, learnt) = try writeTransaction { db -> (ImportSummary, SeriesKeyCache) in
            var writer = RecordWriter(db, known: known)
            var summary = ImportSummary(file: file, format: "")
            for item in batch {
                switch try writer.write(item.record) {
                case .inserted:
                    summary.inserted += 1
                    summary.insertedByType[item.record.typeName, default: 0] += 1
                case .updated: summary.updated += 1
                case .duplicate: summary.duplicates += 1
                case .rejected(let problem): summary.reject(line: item.line, problem)
                }
            }
            try writer.finish()
            return (summary, writer.learnt)
        }
        cache.merge(learnt)
        return summary
    }
}
