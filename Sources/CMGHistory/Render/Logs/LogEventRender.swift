import Foundation

/// Rule events as `logs events` prints them: a table for people, JSON for scripts.
public enum LogEventRender {
    /// One event in JSON: what the rule made of it, and its entry as `logs list` writes one.
    /// `gateway` and `fields` are left out when there are none; the entry has every key.
    public struct JSONEvent: Encodable, Sendable, Equatable {
        /// What the rule says happened, such as `role_state`.
        public var kind: String
        /// The rule's name.
        public var rule: String
        /// The rule's severity name.
        public var severity: String
        /// The event's gateway, when known.
        public var gateway: String?
        /// The rule's named captures; always strings, as the rule's pattern captured them.
        public var fields: [String: String]?
        /// The entry the rule matched.
        public var entry: LogEntryRender.JSONEntry

        /// The JSON of `event`.
        public init(_ event: LoggedEvent) {
            kind = event.kind
            rule = event.rule
            severity = event.severity.name
            gateway = event.gateway
            // Stored as the JSON object the rule captured; anything else is not repeated as fields.
            fields = event.fields.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
            entry = LogEntryRender.JSONEntry(event.entry, gateway: event.fileGateway, sourcePath: event.sourcePath)
        }
    }

    /// A JSON array with one event object per line.
    public static func json(_ events: [LoggedEvent]) throws -> String {
        try LogEntryRender.jsonLines(events.map(JSONEvent.init))
    }

    /// The events as a table, fitted to `width` when given.
    public static func table(_ events: [LoggedEvent], width: Int?) -> String {
        guard !events.isEmpty else { return "No log events.\n" }
        var table = TextTable(headers: ["time (UTC)", "kind", "severity", "gateway", "fields"],
                              alignments: [.left, .left, .left, .left, .left])
        table.shrinkOrder = [4, 3, 1]
        for event in events {
            table.append([LogEntryRender.time(event.entry), event.kind, event.severity.name, event.gateway ?? "", event.fields ?? ""])
        }
        return table.render(width: width)
    }
}
