import GRDB

/// Which stored log entries to list: every condition given must hold.
public struct LogEntryFilter: Sendable, Equatable {
    /// `[from, to)` in UTC milliseconds. Entries whose zone is unknown are compared by their
    /// local time (they are flagged in the output).
    public var fromMilliseconds: Int64?
    public var toMilliseconds: Int64?
    /// A gateway's name, or the service name a log file name gives; without regard to case.
    public var gateway: String?
    /// A component, without regard to case.
    public var component: String?
    public var minimumSeverity: LogSeverity = .verbose
    /// Words the message must all contain (full-text search; each word matched as written,
    /// ignoring case).
    public var text: String?
    public var limit = 100

    public init() {}
}

/// A stored entry with where it came from, as `logs list` and `logs search` print it.
public struct ListedLogEntry: Sendable, Equatable {
    public var entry: LogEntry
    public var gateway: String?
    public var instance: String?
    public var sourcePath: String
}

extension HistoryStore {
    /// Stored entries matching `filter`, in time order (UTC, else local), then file and offset.
    public func logEntries(_ filter: LogEntryFilter) throws -> [ListedLogEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        let time = "coalesce(e.utc_ms, e.local_ms)"
        if let from = filter.fromMilliseconds {
            conditions.append("\(time) >= ?")
            arguments += [from]
        }
        if let to = filter.toMilliseconds {
            conditions.append("\(time) < ?")
            arguments += [to]
        }
        if filter.minimumSeverity > .verbose {
            conditions.append("e.severity >= ?")
            arguments += [filter.minimumSeverity.rawValue]
        }
        if let component = filter.component {
            conditions.append("e.component = ? COLLATE NOCASE")
            arguments += [component]
        }
        if let gateway = filter.gateway {
            conditions.append("""
                (g.name = ? COLLATE NOCASE OR f.service = ? COLLATE NOCASE
                 OR f.gateway_id IN (SELECT gateway_id FROM gateway_alias WHERE alias = ?))
                """)
            arguments += [gateway, gateway, gateway]
        }
        if let text = filter.text, let query = Self.ftsQuery(text) {
            conditions.append("e.id IN (SELECT rowid FROM log_entry_fts WHERE log_entry_fts MATCH ?)")
            arguments += [query]
        }
        let sql = """
            SELECT e.*, f.path AS source_path, f.instance AS instance, coalesce(g.name, f.service) AS gateway_name
            FROM log_entry e
            JOIN log_file f ON f.id = e.log_file_id
            LEFT JOIN gateway g ON g.id = f.gateway_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(time), e.log_file_id, e.offset
            LIMIT ?
            """
        arguments += [max(0, filter.limit)]
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                try ListedLogEntry(entry: LogEntry(row: row), gateway: row.value("gateway_name"), instance: row.value("instance"),
                                   sourcePath: row.value("source_path"))
            }
        }
    }

    /// The user's words as an FTS5 query: each word quoted (so `(403)` or `CCM_STS` need no
    /// escaping), all required. Nil when there are no words.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard !words.isEmpty else { return nil }
        return words.map { "\"" + String($0).replacingAll("\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }

    /// The events rules made, with their entries, in time order.
    public func logEvents(limit: Int = 1000) throws -> [LoggedEvent] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.rule, v.kind, v.severity AS event_severity, v.gateway AS event_gateway, v.fields, e.*
                FROM log_event v JOIN log_entry e ON e.id = v.entry_id
                ORDER BY coalesce(e.utc_ms, e.local_ms), e.log_file_id, e.offset, v.rule
                LIMIT ?
                """, arguments: [limit]).map { row in
                try LoggedEvent(rule: row.value("rule"), kind: row.value("kind"),
                                severity: LogSeverity(rawValue: row.value("event_severity")) ?? .info,
                                gateway: row.value("event_gateway"), fields: row.value("fields"), entry: LogEntry(row: row))
            }
        }
    }
}

/// An event a rule made of a stored entry.
public struct LoggedEvent: Sendable, Equatable {
    public var rule: String
    public var kind: String
    public var severity: LogSeverity
    public var gateway: String?
    /// The rule's named captures as a JSON object, or nil.
    public var fields: String?
    public var entry: LogEntry
}
