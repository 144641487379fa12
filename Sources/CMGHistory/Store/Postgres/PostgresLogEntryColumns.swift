/// The `log_entry` columns a ``LogEntry`` is read from on PostgreSQL, and the read itself.
enum PostgresLogEntryColumns {
    /// The columns, in the order ``entry(_:row:from:)`` reads them, of table alias `alias`.
    static func list(_ alias: String) -> String {
        ["format", "local_ms", "bias_minutes", "zone_known", "local_time", "severity", "component", "thread", "source_file",
         "message", "\"offset\"", "length", "line"].map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// How many columns ``list(_:)`` names.
    static let count = 13

    /// The entry in `row` of `result`, whose columns from `first` on are ``list(_:)``'s; throws
    /// for a value of the wrong type (damage), never traps.
    static func entry(_ result: PGResult, row: Int, from first: Int = 0) throws -> LogEntry {
        func int(_ column: Int) throws -> Int64 { try result.int64(row: row, column: first + column) }
        func optionalInt(_ column: Int) throws -> Int64? { try result.optionalInt64(row: row, column: first + column) }
        func text(_ column: Int) throws -> String { try result.string(row: row, column: first + column) }
        return LogEntry(stored: StoredLogEntry(
            format: try text(0), localMilliseconds: try optionalInt(1), biasMinutes: try optionalInt(2),
            zoneKnown: try int(3) != 0, localTime: try result.optionalString(row: row, column: first + 4), severity: try int(5),
            component: try text(6), thread: try optionalInt(7), sourceFile: try text(8), message: try text(9),
            offset: try int(10), length: try int(11), line: try int(12)))
    }
}
