import Foundation
import GRDB

extension SQLiteStore {
    /// Stores a batch of entries, their events and traffic samples, and the file's new offset,
    /// in one transaction: the offset never gets ahead of what is stored.
    ///
    /// Entries go in many rows per statement (``LogEntryInserter``), and the full-text index
    /// takes the batch's new rows in one `INSERT … SELECT`. New rows are told from stored ones
    /// by their id: SQLite gives a new row the largest id plus one, so within this transaction
    /// the rows above the largest id before it are exactly the ones it inserted. Events and
    /// traffic samples are stored only for those, as when each row was inserted on its own.
    ///
    /// Traffic samples take the path every record takes (``RecordWriter``), so they are
    /// validated and deduplicated like imported ones. Foreign keys are checked once per batch
    /// (the file's row, and the traffic writer's cache) instead of once per row.
    func storeLogBatch(_ batch: LogBatch, cache: inout SeriesKeyCache) throws -> LogStoreCounts {
        let cached = cache
        let (counts, learnt) = try withoutRowByRowForeignKeyChecks { db -> (LogStoreCounts, SeriesKeyCache) in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM log_file WHERE id = ?", arguments: [batch.fileID]) == true else {
                throw DatabaseError(resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY, message: "log file #\(batch.fileID) is no longer in the database")
            }
            var counts = LogStoreCounts()
            let lastBefore = try Int64.fetchOne(db, sql: "SELECT max(id) FROM log_entry") ?? 0
            counts.inserted = try LogEntryInserter(db).insert(batch.rows, fileID: batch.fileID)
            counts.duplicates = batch.rows.count - counts.inserted
            guard counts.inserted > 0 else {
                try Self.recordProgress(of: batch, db)
                return (counts, SeriesKeyCache())
            }
            try db.execute(sql: "INSERT INTO log_entry_fts(rowid, message) SELECT id, message FROM log_entry WHERE id > ?",
                           arguments: [lastBefore])
            // Every row new and the new ids one run: a row's id is then its place after the
            // largest before, with no lookup (a batch of 10,000 may carry thousands of events).
            let (lastNew, overflow) = lastBefore.addingReportingOverflow(Int64(counts.inserted))
            let consecutive = try counts.inserted == batch.rows.count && !overflow
                && Int64.fetchOne(db, sql: "SELECT max(id) FROM log_entry") == lastNew
            let findEntry = try BulkStatement(db, sql: "SELECT id FROM log_entry WHERE log_file_id = ? AND offset = ?")
            let insertEvent = try BulkStatement(db, sql: """
                INSERT INTO log_event(entry_id, rule, kind, severity, gateway, fields)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            var records: RecordWriter?
            for extras in batch.extras {
                let entryID: Int64
                if consecutive {
                    entryID = lastBefore + 1 + Int64(extras.row)
                } else {
                    findEntry.bind(1, batch.fileID)
                    findEntry.bind(2, extras.offset)
                    guard let found = try findEntry.fetchInt64(), found > lastBefore else { continue }
                    entryID = found
                }
                for event in extras.events {
                    insertEvent.bind(1, entryID)
                    insertEvent.bind(2, event.rule)
                    insertEvent.bind(3, event.kind)
                    insertEvent.bind(4, event.severity.rawValue)
                    insertEvent.bind(5, event.gateway ?? batch.gateway)
                    insertEvent.bind(6, event.fieldsJSON)
                    counts.events += try insertEvent.execute()
                }
                if let sample = extras.traffic {
                    if records == nil { records = RecordWriter(db, known: try cached.validated(in: db)) }
                    switch try records?.write(.endpointTraffic(sample)) {
                    case .inserted?: counts.trafficSamples += 1
                    case .rejected(let problem)?:
                        counts.trafficWarnings.append("\(batch.file):\(extras.line): \(problem.message): "
                                                      + "stored as a plain log entry, without a traffic sample")
                    case .conflict?: counts.trafficConflicts += 1
                    default: break
                    }
                }
            }
            try records?.finish()
            counts.notes = records?.notes ?? []
            try Self.recordProgress(of: batch, db)
            return (counts, records?.learnt ?? SeriesKeyCache())
        }
        cache.merge(learnt)
        return counts
    }

    /// Moves the file's offset to the end of the batch.
    private static func recordProgress(of batch: LogBatch, _ db: Database) throws {
        try db.execute(sql: "UPDATE log_file SET offset = ?, line = ?, size = max(?, ?), last_read_at = max(last_read_at, ?) WHERE id = ?",
                       arguments: [batch.offset, batch.line, batch.size, batch.offset, batch.now, batch.fileID])
    }

    /// The writer's page cache while it stores logs, in KiB (SQLite's default is 2,000). A batch
    /// dirties about 5 MB of table, index and full-text pages; with less room SQLite writes
    /// pages to the log before the commit and again at it. 8 MB cut the writes of the 100 MB
    /// benchmark log from 163,561 to 98,478 (no fewer with 64 MB), for 6.5 MB more memory.
    static let logCacheKiB = 8192

    /// Gives the writer a larger page cache for a run of log batches (``logCacheKiB``).
    func prepareForLogBatches() {
        // Only speed depends on it: a connection that refuses keeps its cache and works as before.
        try? writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -\(Self.logCacheKiB)") }
    }
}
