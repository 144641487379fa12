/// What ingesting one log file did.
public struct LogIngestSummary: Sendable, Equatable, Codable {
    /// The path as named in messages.
    public var file: String
    /// The log's kind from its name (`CloudMgr`, `CMGService`, …, or the base name).
    public var log: String
    /// Entries read in this run (new bytes only), stored or already known.
    public var entriesRead = 0
    /// Entries, events and samples stored, and duplicates skipped.
    public var counts = LogStoreCounts()
    /// Entries whose line wrote no time-zone bias: stored with their local time, flagged.
    public var unknownZone = 0
    /// Secret-looking values (`ClientSecret=…`, a bearer token, a PEM private key) replaced by
    /// `[redacted]` in stored messages; the entry keeps its offset and length in the file.
    public var redactedValues = 0
    /// Bytes read in this run, and bytes left for the next one (an entry still being written).
    public var bytesRead: Int64 = 0
    /// Bytes at the end of the file left for the next ingest (an entry still being written).
    public var bytesHeldBack: Int64 = 0
    /// Whether reading resumed where an earlier run stopped (rather than at the start).
    public var resumed = false
    /// Set when a cancellation stopped the ingest: the byte offset and line everything before
    /// which is stored; the next run reads on from there.
    public var interruptedAt: Position?
    /// `FILE:LINE: field "RequestCount": value … out of range …`: entries stored as plain entries
    /// because a value they hold could not be stored (the first ``maximumListedWarnings``).
    public var warnings: [String] = []

    /// Warnings listed one by one, so memory stays flat however bad a file is.
    public static let maximumListedWarnings = 1000

    /// A place in a log file.
    public struct Position: Sendable, Equatable, Codable {
        /// The byte offset in the file.
        public var offset: Int64
        /// The 1-based line at that offset.
        public var line: Int64
    }

    /// An empty summary for `file`, a log of kind `log` (``LogFileName``).
    public init(file: String, log: String) {
        self.file = file
        self.log = log
    }
}

/// How far a long ingest has got, for a progress display.
public struct LogIngestProgress: Sendable, Equatable {
    /// The file being read.
    public var file: String
    /// Files finished so far, of `totalFiles` (0 when unknown).
    public var filesDone: Int
    /// Files in the ingest (0 when unknown).
    public var totalFiles: Int
    /// Bytes read so far in this run, over all files, and the total to read (0 when unknown).
    public var bytesDone: Int64
    /// Bytes to read over all files (0 when unknown).
    public var totalBytes: Int64
    /// Entries read so far, over all files.
    public var entries: Int
}
