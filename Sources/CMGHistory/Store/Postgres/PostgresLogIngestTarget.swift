/// A ``LogIngester``'s target on PostgreSQL: each file opened and each batch stored in a
/// transaction of its own on one connection, synchronously (libpq's path is synchronous, like
/// SQLite's writer, and the server does the indexing the writer thread does on SQLite).
///
/// ```swift
/// let target = PostgresLogIngestTarget(database.connection)
/// let summary = try LogIngester(target: target, rules: try .defaults(), now: now).ingestFile(at: path)
/// // target.unstoredTraffic: the statistics lines' samples, for the record path
/// ```
final class PostgresLogIngestTarget: LogIngestTarget {
    private let connection: PGConnection
    private var total: LogStoreCounts?
    /// The traffic samples of every new statistics line stored so far, NOT stored: the caller
    /// hands them to the record path (SQLite's log path stores them as it goes).
    private(set) var unstoredTraffic: [LoggedTrafficSample] = []

    /// A target writing through `connection` (its `search_path` set to the tenant's schema).
    init(_ connection: PGConnection) {
        self.connection = connection
    }

    /// Opens the file in a transaction of its own (``PostgresLogFiles/open(_:path:name:head:size:now:gateway:)``).
    func openLogFile(path: String, name: LogFileName, head: [UInt8], size: Int64, now: UnixSeconds,
                     gateway: String?) throws -> LogFileState {
        try connection.transaction {
            try PostgresLogFiles.open(connection, path: path, name: name, head: head, size: size, now: now, gateway: gateway)
        }
    }

    /// Stores the batch now, in a transaction of its own; a server error names the file and offset.
    func submit(_ batch: LogBatch) throws {
        let outcome: PostgresLogBatchOutcome
        do {
            outcome = try connection.transaction { try PostgresLogWriter.store(batch, on: connection) }
        } catch let error as PostgresError {
            throw LogIngestError.batchFailed(file: batch.file, offset: batch.offset, reason: error.description)
        }
        if total == nil { total = LogStoreCounts() }
        total?.add(outcome.counts)
        unstoredTraffic += outcome.unstoredTraffic
    }

    /// What the batches since the last drain stored (each was stored when submitted).
    func drain() throws -> LogStoreCounts? {
        defer { total = nil }
        return total
    }
}
