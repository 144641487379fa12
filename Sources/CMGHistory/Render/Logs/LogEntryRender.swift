import Foundation

/// Stored log entries as `logs list` and `logs search` print them: a table for people, JSON
/// for scripts.
public enum LogEntryRender {
    /// One entry in JSON: every key present, null when unknown, so scripts can rely on the shape.
    public struct JSONEntry: Encodable, Sendable, Equatable {
        /// The UTC instant, milliseconds, `Z`; nil when the line wrote no zone.
        public var utc: String?
        /// ISO 8601 without an offset: the wall-clock time the line wrote.
        public var localTime: String?
        /// The Windows bias the line wrote (UTC = local + bias), nil when none.
        public var biasMinutes: Int64?
        /// Whether the line said its zone, so `utc` is known.
        public var zoneKnown: Bool
        /// 0 verbose to 3 error.
        public var severity: Int64
        /// The component the line names, such as `SMS_CLOUD_SERVICES_MANAGER`.
        public var component: String
        /// The thread the line names, nil when none.
        public var thread: Int64?
        /// The source file the line names (its `file=` attribute).
        public var file: String
        /// The gateway of the log file the entry came from.
        public var gateway: String?
        /// The message, secrets redacted as stored.
        public var message: String
        /// Nil where the caller does not know it (an event's entry).
        public var sourcePath: String?
        /// The physical line of the log file the entry starts on.
        public var sourceLine: Int64

        /// The JSON of `e`, of `gateway` (its file's), read from `sourcePath`.
        public init(_ e: LogEntry, gateway: String?, sourcePath: String?) {
            utc = e.time?.utcMilliseconds.map(LogTimeFormat.utc)
            // Whatever format the line was in, the local time is written one way.
            localTime = e.time.map { LogTimeFormat.local($0.localMilliseconds) }
            biasMinutes = e.time?.biasMinutes
            zoneKnown = e.time?.zoneKnown ?? false
            severity = e.severity.rawValue
            component = e.component
            thread = e.thread
            file = e.sourceFile
            self.gateway = gateway
            message = e.displayMessage
            self.sourcePath = sourcePath
            sourceLine = e.line
        }

        enum CodingKeys: String, CodingKey {
            case utc, localTime = "local_time", biasMinutes = "bias_minutes", zoneKnown = "zone_known", severity,
                 component, thread, file, gateway, message, sourcePath = "source_path", sourceLine = "source_line"
        }

        public func encode(to encoder: any Encoder) throws {
            // `encode`, not the synthesized `encodeIfPresent`: a null is written for what is unknown.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(utc, forKey: .utc)
            try c.encode(localTime, forKey: .localTime)
            try c.encode(biasMinutes, forKey: .biasMinutes)
            try c.encode(zoneKnown, forKey: .zoneKnown)
            try c.encode(severity, forKey: .severity)
            try c.encode(component, forKey: .component)
            try c.encode(thread, forKey: .thread)
            try c.encode(file, forKey: .file)
            try c.encode(gateway, forKey: .gateway)
            try c.encode(message, forKey: .message)
            try c.encode(sourcePath, forKey: .sourcePath)
            try c.encode(sourceLine, forKey: .sourceLine)
        }
    }

    /// A JSON array with one entry object per line, so that a line-based tool can still read it.
    public static func json(_ entries: [ListedLogEntry]) throws -> String {
        try jsonLines(entries.map { JSONEntry($0.entry, gateway: $0.gateway, sourcePath: $0.sourcePath) })
    }

    /// `[`, one compact object per line, `]`: the array `logs list` and `logs events` print.
    static func jsonLines<Value: Encodable>(_ values: [Value]) throws -> String {
        let encoder = JSONEncoding.encoder(.compact, keys: .asDeclared)
        let lines = try values.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// The entries as a table. With `width` (a terminal's), each message is its first line, cut
    /// to fit; without, the whole message, its line breaks shown as `\n`.
    public static func table(_ entries: [ListedLogEntry], width: Int?) -> String {
        guard !entries.isEmpty else { return "No log entries.\n" }
        var table = TextTable(headers: ["time (UTC)", "severity", "component", "gateway", "message"],
                              alignments: [.left, .left, .left, .left, .left])
        table.shrinkOrder = [4, 2, 3]
        for listed in entries {
            let e = listed.entry
            let message = width == nil ? e.displayMessage : e.displayMessage.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            table.append([time(e), e.severity.name, e.component, listed.gateway ?? "", message])
        }
        var out = table.render(width: width)
        if entries.contains(where: { $0.entry.time?.zoneKnown == false }) {
            out += "\nTimes marked \"local?\" were written without a time zone: shown as written, not converted to UTC.\n"
        }
        return out
    }

    /// An entry's time for people: UTC, or the local time flagged `local?`, or a dash.
    public static func time(_ e: LogEntry) -> String {
        guard let time = e.time else { return "-" }
        if let utc = time.utcMilliseconds { return LogTimeFormat.utc(utc) }
        return LogTimeFormat.local(time.localMilliseconds) + " local?"
    }
}
