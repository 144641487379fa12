import GRDB

extension SQLiteStore {
    /// Stores one batch of records in one transaction: all of it, or (on a thrown error) none.
    ///
    /// Records the store refuses (they contradict stored data) come back as rejections in the
    /// returned summary, whose counts cover this batch only. `cache` learns the ids the batch
    /// created only once it has committed.
    ///
    /// Foreign keys are checked per batch rather than per row (see ``SeriesKeyCache/validated(in:)``):
    /// the per-row parent lookups cost a tenth of the import time, and within one write
    /// transaction no other connection can remove a parent.
    func importBatch(_ batch: [NumberedRecord], file: String, cache: inout SeriesKeyCache) throws -> ImportSummary {
        let cached = cache
        let (summary, learnt) = try withoutRowByRowForeignKeyChecks { db -> (ImportSummary, SeriesKeyCache) in
            let known = try cached.validated(in: db)
            var writer = RecordWriter(db, known: known)
            var summary = ImportSummary(file: file, format: "")
            for item in batch { summary.count(try writer.write(item.record), of: item) }
            try writer.finish()
            summary.notes = writer.notes
            return (summary, writer.learnt)
        }
        cache.merge(learnt)
        return summary
    }

    /// Runs `body` in one transaction with foreign key enforcement off, and turns it back on.
    /// The caller checks, once, the parents its rows refer to.
    func withoutRowByRowForeignKeyChecks<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            // The pragma is a no-op inside a transaction, so it goes around one.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            do {
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return .commit
                }
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                guard let result else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "import batch returned nothing") }
                return result
            } catch {
                try? db.execute(sql: "PRAGMA foreign_keys = ON")
                throw error
            }
        }
    }
}
