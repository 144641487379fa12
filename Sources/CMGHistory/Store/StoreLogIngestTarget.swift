/// Where a ``LogIngester`` records the files it reads and stores their batches: its store, through
/// the store's batch queue. The ingester's reading, parsing, redaction and rules are the same
/// whatever the backend; only these three steps touch a database.
///
/// Files are opened in a write transaction, batches stored by a ``BatchQueue`` on its writer
/// thread while the ingester parses the next one (on PostgreSQL, each batch in a transaction of
/// its own on one of the pool's connections: ``PostgresStore/storeLogBatch(_:cache:)``).
final class StoreLogIngestTarget {
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

    /// Waits for the writer thread to store every queued batch and returns what storing them did
    /// since the last drain (nil when nothing was submitted); throws the first batch's failure.
    func drain() throws -> LogStoreCounts? { try queue.drain() }
}
