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
    /// Words the message must all contain (full-text search: whole tokens, ignoring case and
    /// accents, no prefixes; ``LogSearchReads`` says exactly).
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

/// An event a rule made of a stored entry.
public struct LoggedEvent: Sendable, Equatable {
    public var rule: String
    public var kind: String
    public var severity: LogSeverity
    public var gateway: String?
    /// The rule's named captures as a JSON object, or nil.
    public var fields: String?
    public var entry: LogEntry
    /// Where the entry was read, and its file's gateway (or service name), when the query gave them.
    public var sourcePath: String? = nil
    public var fileGateway: String? = nil
}
