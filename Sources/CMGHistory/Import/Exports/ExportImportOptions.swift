/// What an admin tells `ingest` about exports that do not say it themselves.
public struct ExportImportOptions: Sendable, Equatable {
    /// Read every file as this format instead of telling it from the content.
    public var format: ExportFormat?
    /// The export time of snapshots whose file carries none (`--at`).
    public var at: UnixSeconds?
    /// The zone of times written without one, such as SQL Server `datetime` (`--source-tz`).
    public var sourceTimeZone: SourceTimeZone
    /// The gateway of rows and certificates that name none (`--gateway`).
    public var gateway: String?

    /// Options; each left out is told from the files themselves (UTC for times without a zone).
    public init(format: ExportFormat? = nil, at: UnixSeconds? = nil, sourceTimeZone: SourceTimeZone = .utc, gateway: String? = nil) {
        self.format = format
        self.at = at
        self.sourceTimeZone = sourceTimeZone
        self.gateway = gateway
    }
}

/// Which export time stamped a file's snapshots: the summary says so, since a wrong one shifts
/// every snapshot of the file.
public struct ExportTimeUsed: Sendable, Equatable, Codable {
    /// Where the export time came from.
    public enum Source: String, Sendable, Equatable, Codable {
        /// A property of the exported objects (`ExportedAt`, added by the export one-liner).
        case field
        /// `--at TIME`.
        case option
        /// The file's modification time.
        case fileModificationTime = "file_modification_time"
    }

    /// Where the time came from.
    public var source: Source
    /// The property, for ``Source/field``.
    public var field: String?
    /// The instant, for a single time; nil when each row had its own.
    public var at: UnixSeconds?

    /// `field ExportedAt`, `--at 2026-10-01T00:00:00Z`, `file modification time 2026-10-01T00:00:00Z`.
    public var description: String {
        switch source {
        case .field: "field \(field ?? "?")" + (at.map { " (\(Timestamp.format($0)))" } ?? "")
        case .option: "--at " + (at.map(Timestamp.format) ?? "?")
        case .fileModificationTime: "file modification time " + (at.map(Timestamp.format) ?? "?")
        }
    }
}
