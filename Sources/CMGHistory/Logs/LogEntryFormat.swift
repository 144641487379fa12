/// How a log entry was written (DESIGN §3.3).
public enum LogEntryFormat: String, Sendable, Codable, CaseIterable {
    /// `<![LOG[message]LOG]!><time="…" date="…" component="…" … type="N" thread="N" file="…">`
    case cmtrace
    /// `message  $$<Component><MM-DD-YYYY HH:MM:SS.fff±B><thread=N (0xHEX)>`
    case server
    /// Text that fits neither format. Kept, never dropped; it takes its time, component and
    /// thread from the entry before it (it is that entry's continuation) when there is one.
    case plain
}

/// How serious an entry is: CMTrace's `type` attribute.
public enum LogSeverity: Int64, Sendable, Codable, CaseIterable, Comparable {
    case verbose = 0
    case info = 1
    case warning = 2
    case error = 3

    /// Less severe first.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The name used in rule files and on the command line.
    public var name: String {
        switch self {
        case .verbose: "verbose"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    /// `verbose`, `info`, `warning`, `error`, or the number 0–3.
    public init?(name: String) {
        let lowered = name.lowercased()
        if let number = Int64(lowered), let severity = Self(rawValue: number) {
            self = severity
            return
        }
        guard let match = Self.allCases.first(where: { $0.name == lowered || (lowered == "warn" && $0 == .warning) }) else {
            return nil
        }
        self = match
    }
}
