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
        let local: Int64? = try row.value("local_ms")
        let bias: Int64? = try row.value("bias_minutes")
        let zoneKnown: Bool = try row.value("zone_known")
        try self.init(
            format: LogEntryFormat(rawValue: row.value("format")) ?? .plain,
            time: local.map { LogTime(localMilliseconds: $0, biasMinutes: zoneKnown ? bias : nil) },
            localTimeText: row.value("local_time"),
            severity: LogSeverity(rawValue: row.value("severity")) ?? .info,
            component: row.value("component"), thread: row.value("thread"), sourceFile: row.value("source_file"),
            message: row.value("message"), offset: row.value("offset"), length: row.value("length"), line: row.value("line"))
    }
}
