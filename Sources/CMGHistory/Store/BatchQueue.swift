import Foundation
import GRDB

/// A batch the store commits in one transaction, on the ``BatchQueue``'s thread.
protocol QueuedBatch: Sendable {
    /// What storing one batch did; outcomes of a run add up.
    associatedtype Outcome
    /// Commits the batch in one transaction (or none of it).
    func store(in store: HistoryStore, cache: inout SeriesKeyCache) throws -> Outcome
    /// The error a database failure becomes, naming where in the input the batch was.
    func failure(reason: String) -> any Error
    /// Called after the commit, on the queue's thread.
    func committed()
    /// Adds `outcome` to the run's total so far (`nil` before the first commit).
    static func add(_ outcome: Outcome, to total: inout Outcome?)
    /// Whether there is nothing to store: such a batch is not queued.
    var isEmpty: Bool { get }
    /// Sets up the store's writer for a run of these batches.
    static func prepare(_ store: HistoryStore)
}

extension QueuedBatch {
    var isEmpty: Bool { false }
    static func prepare(_ store: HistoryStore) {}
}

/// Stores batches on a thread of its own while the caller decodes or parses the next one.
///
/// Decoding and storing each take about half of an import's time, and the machine this runs on
/// often has two cores: overlapping them nearly halves the wall time. Batches still commit one
/// at a time, in order, each in its own transaction; once one fails, the ones after it are
/// dropped unstored, so what is in the database is always a prefix of the input's batches.
/// At most ``maximumQueuedBatches`` wait, which keeps memory flat whatever the input size.
/// NDJSON and export imports queue ``RecordBatch``es, log ingest queues ``LogBatch``es.
final class BatchQueue<Batch: QueuedBatch>: @unchecked Sendable {
    private let store: HistoryStore
    private let queue: DispatchQueue
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    /// The store's checkpoints run on a thread of their own for as long as this queue lives.
    private let checkpointing: Bool
    // Touched only on `queue`.
    private var cache = SeriesKeyCache()
    // Guarded by `lock`.
    private var total: Batch.Outcome?
    private var failure: (any Error)?

    /// Batches decoded ahead of the one being stored.
    static var maximumQueuedBatches: Int { 2 }

    init(store: HistoryStore, label: String) {
        self.store = store
        queue = DispatchQueue(label: label)
        slots = DispatchSemaphore(value: Self.maximumQueuedBatches)
        Batch.prepare(store)
        checkpointing = store.walCheckpointer?.begin() ?? false
    }

    deinit {
        if checkpointing { store.walCheckpointer?.end() }
    }

    /// Queues a batch; throws at once if an earlier batch has already failed.
    func submit(_ batch: Batch) throws {
        guard !batch.isEmpty else { return }
        if let failure = currentFailure { throw failure }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard currentFailure == nil else { return }
            do {
                let outcome = try batch.store(in: store, cache: &cache)
                batch.committed()
                lock.withLock { Batch.add(outcome, to: &total) }
            } catch let error as DatabaseError {
                lock.withLock { failure = batch.failure(reason: error.message ?? error.description) }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Waits for every queued batch, then returns what they stored since the last drain (`nil`
    /// when none was stored), or throws the first failure. The queue is ready for the next input
    /// afterwards.
    func drain() throws -> Batch.Outcome? {
        queue.sync {}
        // A checkpoint still running would make the caller's own checkpoint fail as busy.
        if checkpointing { store.walCheckpointer?.wait() }
        return try lock.withLock {
            defer {
                total = nil
                failure = nil
            }
            if let failure { throw failure }
            return total
        }
    }

    private var currentFailure: (any Error)? {
        lock.withLock { failure }
    }
}

/// Records of one input, numbered by line, committed together.
struct RecordBatch: QueuedBatch {
    var records: [NumberedRecord]
    var file: String

    var isEmpty: Bool { records.isEmpty }

    func store(in store: HistoryStore, cache: inout SeriesKeyCache) throws -> ImportSummary {
        try store.importBatch(records, file: file, cache: &cache)
    }

    func failure(reason: String) -> any Error {
        ImportError.batchFailed(file: file, firstLine: records.first?.line ?? 0, lastLine: records.last?.line ?? 0, reason: reason)
    }

    func committed() {
        if let last = records.last?.line { CrashLocation.committed(through: last) }
    }

    static func add(_ outcome: ImportSummary, to total: inout ImportSummary?) {
        if total == nil { total = ImportSummary(file: outcome.file, format: "") }
        total?.add(outcome)
    }
}
