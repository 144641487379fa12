/// Where a ``LogIngester`` records the files it reads and stores their batches: a store, through
/// its batch queue (``StoreLogIngestTarget``, whichever backend the store has).
///
/// The ingester's reading, parsing, redaction and rules are the same whatever the target; only
/// these three steps touch a database.
protocol LogIngestTarget: AnyObject {
    /// Finds the stored file whose content this is, or records a new one, and says where to read from.
    func openLogFile(path: String, name: LogFileName, head: [UInt8], size: Int64, now: UnixSeconds,
                     gateway: String?) throws -> LogFileState
    /// Stores `batch` (or queues it to be stored) in one transaction with the file's new offset.
    func submit(_ batch: LogBatch) throws
    /// Waits for every submitted batch and returns what storing them did since the last drain
    /// (nil when nothing was submitted); throws the first batch's failure.
    func drain() throws -> LogStoreCounts?
}

/// A store's target: files opened in a write transaction, batches stored by a ``BatchQueue`` on
/// its writer thread while the ingester parses the next one (on PostgreSQL, each batch in a
/// transaction of its own on one of the pool's connections: ``PostgresStore/storeLogBatch(_:cache:)``).
final class StoreLogIngestTarget: LogIngestTarget {
    private let store: HistoryStore
    private let queue: BatchQueue<LogBatch>

    /// A target writing to `store`.
    init(_ store: HistoryStore) {
        self.store = store
        queue = BatchQueue(store: store, label: "cmg-history.logs.writer")
    }

    /// Opens the file in a write transaction of its own (``HistoryStore/openLogFile(path:name:head:size:now:gateway:)``).
    func openLogFile(path: String, name: LogFileName, head: [UInt8], size: Int64, now: UnixSeconds,
                     gateway: String?) throws -> LogFileState {
        try store.openLogFile(path: path, name: name, head: head, size: size, now: now, gateway: gateway)
    }

    /// Queues the batch for the writer thread (at most two wait); throws an earlier batch's failure.
    func submit(_ batch: LogBatch) throws { try queue.submit(batch) }

    /// Waits for the writer thread to store every queued batch.
    func drain() throws -> LogStoreCounts? { try queue.drain() }
}
