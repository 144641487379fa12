/// The log batch write path on PostgreSQL: what ``SQLiteStore/storeLogBatch(_:cache:)`` does
/// on SQLite, set-based over one connection.
///
/// In the caller's transaction (the offset must never get ahead of what is stored):
/// 1. the file's row is locked (`FOR UPDATE`), so two collectors storing the same file take turns;
/// 2. the batch's entries go by binary COPY into a session-local staging table, each with its
///    search vector (``PostgresSearchVector``: the tokens FTS5 would index);
/// 3. one `INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING id, "offset"` stores the entries
///    not stored yet (keyed by file and offset, as on SQLite) and says which they are. Rows
///    already stored are left out before the insert, so no identity value is spent on them and
///    ids run as SQLite's do;
/// 4. the rules' events of the new entries only, staged and inserted the same way, in batch order;
/// 5. the file's offset, line and size move to the batch's end.
///
/// Traffic samples of new CMGService.log statistics lines are not stored here: they are
/// records, and the record path validates, deduplicates and rolls them up. They come back in
/// ``PostgresLogBatchOutcome/unstoredTraffic`` for the caller to store through that path in
/// the same transaction.
enum PostgresLogWriter {
    /// The session's staging table of entries.
    static let entryStaging = "cmg_staging_log_entry"
    /// The session's staging table of events.
    static let eventStaging = "cmg_staging_log_event"

    /// The entry columns staged, in COPY order; the file id is the statement's parameter.
    static let entryColumns = ["\"offset\"", "length", "line", "format", "utc_ms", "local_ms", "local_time", "bias_minutes",
                               "zone_known", "severity", "component", "thread", "source_file", "message", "message_search"]

    /// Stores `batch` in the caller's open transaction and says what it stored.
    static func store(_ batch: LogBatch, on connection: PGConnection) throws -> PostgresLogBatchOutcome {
        guard connection.isInTransaction else {
            throw PostgresError(.statement, message: "a log batch must be stored in the caller's transaction")
        }
        let file = try connection.query("SELECT 1 FROM log_file WHERE id = $1 FOR UPDATE", [.int64(batch.fileID)])
        guard file.rowCount == 1 else {
            throw PostgresError(.statement, message: "log file #\(batch.fileID) is no longer in the database")
        }
        var outcome = PostgresLogBatchOutcome()
        if !batch.rows.isEmpty {
            let newEntries = try insertEntries(batch, connection)
            outcome.counts.inserted = newEntries.count
            outcome.counts.duplicates = batch.rows.count - newEntries.count
            if !newEntries.isEmpty {
                outcome.counts.events = try insertEvents(batch, newEntries, connection)
                for extras in batch.extras where newEntries[extras.offset] != nil {
                    if let sample = extras.traffic {
                        outcome.unstoredTraffic.append(LoggedTrafficSample(file: batch.file, line: extras.line, sample: sample))
                    }
                }
            }
        }
        try connection.query("""
            UPDATE log_file SET "offset" = $1, line = $2, size = greatest($3, $1), last_read_at = greatest(last_read_at, $4)
            WHERE id = $5
            """, [.int64(batch.offset), .int64(batch.line), .int64(batch.size), .int64(batch.now), .int64(batch.fileID)])
        return outcome
    }

    /// Stages and inserts the batch's entries; returns the new ones' ids by offset.
    private static func insertEntries(_ batch: LogBatch, _ connection: PGConnection) throws -> [Int64: Int64] {
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(entryStaging) (
                "offset" bigint, length bigint, line bigint, format text, utc_ms bigint, local_ms bigint, local_time text,
                bias_minutes bigint, zone_known bigint, severity bigint, component text, thread bigint, source_file text,
                message text, message_search tsvector);
            TRUNCATE \(entryStaging)
            """)
        let columns = entryColumns.joined(separator: ", ")
        try connection.copyIn("COPY \(entryStaging) (\(columns)) FROM STDIN (FORMAT binary)") { copy in
            try batch.rows.text.withUnsafeBytes { text in
                func field(_ span: LogRows.Span) {
                    PostgresText.field(UnsafeRawBufferPointer(rebasing: text[span.start..<(span.start + span.count)]), copy)
                }
                for row in batch.rows.rows {
                    copy.startRow(fields: Int16(entryColumns.count))
                    copy.int64(row.offset)
                    copy.int64(row.length)
                    copy.int64(row.line)
                    copy.text(row.format.rawValue)
                    copy.int64(row.time?.utcMilliseconds)
                    copy.int64(row.time?.localMilliseconds)
                    if let localTime = row.localTime { field(localTime) } else { copy.null() }
                    copy.int64(row.time?.biasMinutes)
                    copy.int64(row.time?.zoneKnown == true ? 1 : 0)
                    copy.int64(row.severity.rawValue)
                    field(row.component)
                    copy.int64(row.thread)
                    field(row.sourceFile)
                    field(row.message)
                    let message = row.message
                    copy.bytes(PostgresSearchVector.binary(
                        of: UnsafeRawBufferPointer(rebasing: text[message.start..<(message.start + message.count)])))
                    try copy.flushIfFull()
                }
            }
        }
        let selected = entryColumns.map { "s.\($0)" }.joined(separator: ", ")
        let result = try connection.query("""
            INSERT INTO log_entry (log_file_id, \(columns))
            SELECT $1, \(selected) FROM \(entryStaging) s
            WHERE NOT EXISTS (SELECT 1 FROM log_entry e WHERE e.log_file_id = $1 AND e."offset" = s."offset")
            ORDER BY s."offset"
            ON CONFLICT (log_file_id, "offset") DO NOTHING
            RETURNING id, "offset"
            """, [.int64(batch.fileID)], binaryResults: true)
        var ids: [Int64: Int64] = [:]
        ids.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            ids[try result.int64(row: row, column: 1)] = try result.int64(row: row, column: 0)
        }
        return ids
    }

    /// Stages and inserts the events of the new entries, in the batch's order; returns how many were stored.
    private static func insertEvents(_ batch: LogBatch, _ ids: [Int64: Int64], _ connection: PGConnection) throws -> Int {
        let events = batch.extras.flatMap { extras in
            ids[extras.offset].map { id in extras.events.map { (id, $0) } } ?? []
        }
        guard !events.isEmpty else { return 0 }
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(eventStaging) (
                ordinal bigint, entry_id bigint, rule text, kind text, severity bigint, gateway text, fields text);
            TRUNCATE \(eventStaging)
            """)
        try connection.copyIn("COPY \(eventStaging) (ordinal, entry_id, rule, kind, severity, gateway, fields) FROM STDIN (FORMAT binary)") { copy in
            for (ordinal, (entryID, event)) in events.enumerated() {
                copy.startRow(fields: 7)
                copy.int64(Int64(ordinal))
                copy.int64(entryID)
                PostgresText.field(event.rule, copy)
                PostgresText.field(event.kind, copy)
                copy.int64(event.severity.rawValue)
                if let gateway = event.gateway ?? batch.gateway { PostgresText.field(gateway, copy) } else { copy.null() }
                if let fields = event.fieldsJSON { PostgresText.field(fields, copy) } else { copy.null() }
                try copy.flushIfFull()
            }
        }
        let result = try connection.query("""
            INSERT INTO log_event (entry_id, rule, kind, severity, gateway, fields)
            SELECT entry_id, rule, kind, severity, gateway, fields::json FROM \(eventStaging) ORDER BY ordinal
            ON CONFLICT DO NOTHING
            """)
        return Int(clamping: result.affectedRows)
    }
}

/// What storing one log batch on PostgreSQL did.
struct PostgresLogBatchOutcome {
    /// Entries inserted and already stored, events stored; `trafficSamples` stays 0: samples are
    /// the record path's to store (``unstoredTraffic``).
    var counts = LogStoreCounts()
    /// The traffic samples of the statistics lines among the new entries, NOT stored: the caller
    /// stores them through the record path, in the same transaction, as SQLite's log path stores
    /// them through its ``RecordWriter``.
    var unstoredTraffic: [LoggedTrafficSample] = []
}

/// A traffic sample read from a statistics line, with where it was read (for a warning).
struct LoggedTrafficSample: Sendable, Equatable {
    /// The log file it was read from.
    var file: String
    /// The line of its statistics entry.
    var line: Int64
    /// The sample, for the record path.
    var sample: EndpointTrafficSample
}

/// Text fields for PostgreSQL, which cannot store NUL in `text`.
///
/// A NUL ends a text here, as it does on SQLite for every reader (GRDB reads a text as a C
/// string), so a log line holding one (a damaged or binary file) lists the same on both
/// backends. Its search vector is made from the whole message, NUL a separator, as FTS5 indexes
/// the whole stored value: it is found by the same words too.
enum PostgresText {
    /// A text field of the UTF-8 `bytes` up to their first NUL.
    static func field(_ bytes: UnsafeRawBufferPointer, _ copy: PGCopyIn) {
        guard let nul = bytes.firstIndex(of: 0) else { return copy.bytes(bytes) }
        copy.bytes(UnsafeRawBufferPointer(rebasing: bytes[..<nul]))
    }

    /// A text field of `text` up to its first NUL.
    static func field(_ text: String, _ copy: PGCopyIn) {
        var text = text
        text.withUTF8 { field(UnsafeRawBufferPointer($0), copy) }
    }
}
