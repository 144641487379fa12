import Foundation
import GRDB

/// Stores import batches on a thread of its own while the caller decodes the next batch.
///
/// Decoding and storing each take about half of an import's time, and the machine this runs on
/// often has two cores: overlapping them nearly halves the wall time. Batches still commit one
/// at a time, in order, each in its own transaction; once one fails, the ones after it are
/// dropped unstored, so what is in the database is always a prefix of the input's batches.
/// At most ``maximumQueuedBatches`` wait, which keeps memory flat whatever the input size.
final class BatchWriterQueue: @unchecked Sendable {
    private let store: HistoryStore
    private let queue = DispatchQueue(label: "cmg-history.import.writer")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    /// The store's checkpoints run on a thread of their own for as long as this queue lives.
    private let checkpointing: Bool
    // Touched only on `queue`.
    private var cache = SeriesKeyCache()
    // Guarded by `lock`.
    private var results: ImportSummary?
    private var failure: (any Error)?

    /// Batches decoded ahead of the one being stored.
    static let maximumQueuedBatches = 2

    init(store: HistoryStore) {
        self.store = store
        slots = DispatchSemaphore(value: Self.maximumQueuedBatches)
        checkpointing = store.walCheckpointer.begin()
    }

    deinit {
        if checkpointing { store.walCheckpointer.end() }
    }

    /// Queues a batch; throws at once if an earlier batch has already failed.
    func submit(_ batch: [NumberedRecord], file: String) throws {
        guard let first = batch.first?.line, let last = batch.last?.line else { return }
        if let failure = currentFailure { throw failure }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard currentFailure == nil else { return }
            do {
                let summary = try store.importBatch(batch, file: file, cache: &cache)
                CrashLocation.committed(through: last)
                lock.withLock {
                    if results == nil { results = ImportSummary(file: file, format: "") }
                    results?.add(summary)
                }
            } catch let error as DatabaseError {
                lock.withLock {
                    failure = ImportError.batchFailed(file: file, firstLine: first, lastLine: last,
                                                      reason: error.message ?? error.description)
                }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Waits for every queued batch, then returns what they stored since the last drain (or
    /// throws the first failure). The queue is ready for the next input afterwards.
    func drain() throws -> ImportSummary? {
        queue.sync {}
        // A checkpoint still running would make the caller's own checkpoint fail as busy.
        if checkpointing { store.walCheckpointer.wait() }
        return try lock.withLock {
            defer {
                results = nil
                failure = nil
            }
            if let failure { throw failure }
            return results
        }
    }

    private var currentFailure: (any Error)? {
        lock.withLock { failure }
    }
}
