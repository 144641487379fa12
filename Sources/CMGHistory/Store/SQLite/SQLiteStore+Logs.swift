import GRDB

extension SQLiteStore {
    /// Stored entries matching `filter`, in time order (UTC, else local), then file and offset.
    ///
    /// What the words of ``LogEntryFilter/text`` match is ``LogSearchReads``' to say.
    func logEntries(_ filter: LogEntryFilter) throws -> [ListedLogEntry] {
        try snapshot { try $0.logEntries(matching: filter) }
    }

    /// Where an entry falls in time: UTC, else its local time (flagged in the output).
    static let entryTime = "coalesce(e.utc_ms, e.local_ms)"

    /// The WHERE conditions of `filter` over `log_entry e`, `log_file f` and `gateway g` (the
    /// `limit` aside): `severity` names the column compared with the minimum, `gateways` the
    /// columns a gateway's name may match.
    static func conditions(_ filter: LogEntryFilter, severity: String, gateways: [String]) -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let from = filter.fromMilliseconds {
            conditions.append("\(entryTime) >= ?")
            arguments += [from]
        }
        if let to = filter.toMilliseconds {
            conditions.append("\(entryTime) < ?")
            arguments += [to]
        }
        if filter.minimumSeverity > .verbose {
            conditions.append("\(severity) >= ?")
            arguments += [filter.minimumSeverity.rawValue]
        }
        if let component = filter.component {
            conditions.append("e.component = ? COLLATE NOCASE")
            arguments += [component]
        }
        if let gateway = filter.gateway {
            // A gateway also answers to its aliases (a short log-file name folded into it, a rename).
            conditions.append("(" + gateways.map { "\($0) = ? COLLATE NOCASE" }.joined(separator: " OR ")
                + " OR f.gateway_id IN (SELECT gateway_id FROM gateway_alias WHERE alias = ?))")
            arguments += StatementArguments(gateways.map { _ in gateway } + [gateway])
        }
        if let text = filter.text, let query = ftsQuery(text) {
            conditions.append("e.id IN (SELECT rowid FROM log_entry_fts WHERE log_entry_fts MATCH ?)")
            arguments += [query]
        }
        return (conditions, arguments)
    }

    /// The user's words as an FTS5 query: each word quoted (so `(403)` or `CCM_STS` need no
    /// escaping), all required. Nil when there are no words.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard !words.isEmpty else { return nil }
        return words.map { "\"" + String($0).replacingAll("\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }

    /// The events rules made, with their entries, in time order.
    func logEvents(limit: Int = 1000) throws -> [LoggedEvent] {
        var filter = LogEventFilter()
        filter.entries.limit = limit
        return try logEvents(filter)
    }
}
