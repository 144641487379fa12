import GRDB

/// Where a log file's reading starts: the stored file it is (new or known) and how far it got.
struct LogFileState: Sendable {
    var id: Int64
    /// The byte offset and physical line to read from.
    var offset: Int64
    var line: Int64
    /// The gateway the file name names, as the database knows it (or as the name writes it).
    var gateway: String?
    /// The last entry stored from this file: plain lines that follow continue it.
    var lastEntry: LogEntry?
    /// What opening it did to gateways (a gateway named by `--gateway` folded a short one).
    var notes: [String] = []
}

extension LogEntry {
    /// An entry from a `log_entry` row; throws for a stored value of the wrong type (damage).
    init(row: Row) throws {
        try self.init(stored: StoredLogEntry(
            format: row.value("format"), localMilliseconds: row.value("local_ms"), biasMinutes: row.value("bias_minutes"),
            zoneKnown: row.value("zone_known"), localTime: row.value("local_time"), severity: row.value("severity"),
            component: row.value("component"), thread: row.value("thread"), sourceFile: row.value("source_file"),
            message: row.value("message"), offset: row.value("offset"), length: row.value("length"), line: row.value("line")))
    }

    /// An entry from the columns of a `log_entry` row, as any backend reads them.
    init(stored s: StoredLogEntry) {
        self.init(
            format: LogEntryFormat(rawValue: s.format) ?? .plain,
            time: s.localMilliseconds.map { LogTime(localMilliseconds: $0, biasMinutes: s.zoneKnown ? s.biasMinutes : nil) },
            localTimeText: s.localTime, severity: LogSeverity(rawValue: s.severity) ?? .info,
            component: s.component, thread: s.thread, sourceFile: s.sourceFile,
            message: s.message, offset: s.offset, length: s.length, line: s.line)
    }
}

/// The columns of a stored `log_entry` row that make a ``LogEntry`` (`utc_ms` is derived).
struct StoredLogEntry {
    /// `cmtrace`, `server` or `plain`.
    var format: String
    /// Local time in milliseconds since 1970 as the line wrote it.
    var localMilliseconds: Int64?
    /// The Windows bias, UTC = local + bias.
    var biasMinutes: Int64?
    /// Whether the bias is known (else the local time stands alone).
    var zoneKnown: Bool
    /// The local time exactly as written.
    var localTime: String?
    /// ``LogSeverity``'s raw value.
    var severity: Int64
    /// The writing component.
    var component: String
    /// The writing thread.
    var thread: Int64?
    /// CMTrace's `file` attribute.
    var sourceFile: String
    /// The message as stored.
    var message: String
    var offset: Int64
    /// Length in the file, in bytes.
    var length: Int64
    var line: Int64
}
