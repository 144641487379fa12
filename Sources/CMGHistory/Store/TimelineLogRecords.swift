/// A stored log entry worth a timeline item (a warning, an error, or a rule's event), with its
/// file and the events rules made of it.
struct NotableLogEntry: Sendable, Equatable {
    /// An event a rule made of the entry.
    struct Event: Sendable, Equatable {
        /// The rule's name, unique per entry.
        var rule: String
        /// What the rule calls the event (`proxy_connector_error`; `error` for the catch-all rule).
        var kind: String?
        /// A ``LogSeverity`` raw value (0 to 3).
        var severity: Int64?
        /// The gateway the rule captured, else the file's.
        var gateway: String?
        /// The rule's named captures as a JSON object.
        var fields: String?
    }

    /// The store's row id: the timeline cites `log_entry/<id>`.
    var id: Int64
    /// The file's row id: bursts never join entries of two files.
    var fileID: Int64
    /// The entry's first line in its file, from 1.
    var line: Int64
    /// The UTC instant in milliseconds; nil when the line gave no time zone.
    var utcMilliseconds: Int64?
    /// The time as written, read as UTC, in milliseconds.
    var localMilliseconds: Int64?
    /// A ``LogSeverity`` raw value (0 to 3).
    var severity: Int64?
    /// The stored (redacted) message.
    var message: String
    /// Where the file was read.
    var path: String
    /// The log's name (`CloudMgr`, `CMGService`), from the file name.
    var log: String
    /// The service name the file name gives (`CMG-<service>-…`), if any.
    var service: String?
    /// The name of the gateway the file was linked to, if any.
    var fileGateway: String?
    /// By rule name.
    var events: [Event]
}

/// A stored log entry with what finding its original text in its file needs.
struct CitedLogEntry: Sendable, Equatable {
    /// Where the entry's text starts in its file, in bytes, and how many bytes it spans.
    var offset: Int64
    var length: Int64
    /// The entry's first line in its file, from 1.
    var line: Int64
    /// A ``LogEntryFormat`` raw value.
    var format: String
    /// The time as written, when the line had one.
    var localTime: String?
    /// The line's Windows bias in minutes (UTC = local + bias), when it gave one.
    var biasMinutes: Int64?
    /// The component as written (empty when the format has none).
    var component: String
    /// The stored (redacted) message.
    var message: String
    /// Where the file was read, and how its first bytes were fingerprinted (``LogFileHead``).
    var path: String
    var headLength: Int
    var headHash: Int64
}
