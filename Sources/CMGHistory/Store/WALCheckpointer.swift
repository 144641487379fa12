import Foundation
import GRDB
import GRDBSQLite

/// Copies the write-ahead log into the database file on a connection and thread of its own,
/// while a bulk writer goes on committing.
///
/// By default SQLite checkpoints on the writing connection: the commit that leaves more than
/// 1,000 pages in the log copies them into the database file and waits for two fsyncs before
/// the writer may go on. During a log ingest that was about a quarter of the writer's time
/// (1.2 s of 4.2 s on the 100 MB benchmark log). A PASSIVE checkpoint from a second connection
/// copies what is committed without taking the write lock, so the writer does not wait.
///
/// The log starts over from its beginning only when a write transaction begins after a
/// checkpoint has copied all of it. A writer that always has its next batch ready begins it
/// while the checkpoint of the last one is still running, so the log would grow by every batch
/// for the whole ingest (123 MB for the 100 MB benchmark log). Once it passes
/// ``defaultRestartAfterPages``, the writer waits for one checkpoint to finish, and its next
/// transaction starts the log over: on the benchmark log, three waits of about 35 ms, and a log
/// of at most 36 MB.
///
/// ```swift
/// let checkpointer = WALCheckpointer(store: store)   // the writer's commits are checkpointed here
/// // … bulk writes …
/// checkpointer?.finish()                              // the writer checkpoints itself again
/// ```
final class WALCheckpointer: @unchecked Sendable {
    private let store: HistoryStore
    private let connection: DatabaseQueue
    private let restartAfterPages: Int
    private let queue = DispatchQueue(label: "cmg-history.checkpointer")
    /// Whether a checkpoint is queued and has not started. Blocks on `queue` capture it, and
    /// not `self`, so the last release of `self` never happens on `queue` (whose `deinit`
    /// waits for `queue`).
    private let queued = LockedFlag()
    private let finished = LockedFlag()

    /// SQLite's default `wal_autocheckpoint`, given back to the writer by ``finish()``.
    static let writerAutocheckpointPages = 1000

    /// Log length, in pages, past which the writer waits for a checkpoint so the log can start
    /// over: 32 MB with 4 KB pages, about nine batches of the benchmark log's entries.
    static let defaultRestartAfterPages = 8192

    /// Opens the second connection and takes over the writer's checkpoints: SQLite calls back
    /// after each of its commits (the hook its own automatic checkpoints use). Nil when the
    /// connection cannot be opened; the writer then keeps checkpointing as before.
    init?(store: HistoryStore, restartAfterPages: Int = defaultRestartAfterPages) {
        var config = Configuration()
        // A PASSIVE checkpoint never waits for a lock; opening the connection may, briefly.
        config.busyMode = .timeout(HistoryStore.busyTimeout)
        guard let connection = try? DatabaseQueue(path: store.path, configuration: config) else { return nil }
        self.store = store
        self.connection = connection
        self.restartAfterPages = restartAfterPages
        let context = Unmanaged.passUnretained(self).toOpaque()
        let installed = try? store.writer.writeWithoutTransaction { db in
            sqlite3_wal_hook(db.sqliteConnection, { context, _, _, pages in
                if let context { Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(logPages: Int(pages)) }
                return SQLITE_OK
            }, context)
        }
        guard installed != nil else { return nil }
    }

    deinit {
        finish()
    }

    /// Waits for the checkpoints under way and gives checkpointing back to the writer.
    func finish() {
        guard !finished.set() else { return }
        // Setting the pragma puts SQLite's own hook back in place of this one.
        _ = try? store.writer.writeWithoutTransaction {
            try $0.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.writerAutocheckpointPages)")
        }
        queue.sync {}
    }

    /// The writer committed and the log is now `logPages` long. A checkpoint runs soon, unless
    /// one is already waiting to run (it will copy this commit too); past `restartAfterPages`,
    /// the writer waits for it, so that its next transaction starts the log over.
    private func committed(logPages: Int) {
        let wasQueued = queued.set()
        if logPages > restartAfterPages {
            queue.sync { Self.checkpoint(connection, queued) }
        } else if !wasQueued {
            queue.async { [connection, queued] in Self.checkpoint(connection, queued) }
        }
    }

    /// Runs on `queue`.
    private static func checkpoint(_ connection: DatabaseQueue, _ queued: LockedFlag) {
        queued.clear()
        // Only speed and the log's length depend on it: what is not copied now is copied by the
        // next checkpoint, or by the writer once it checkpoints again.
        _ = try? connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
    }
}

/// A Boolean shared between threads.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Sets the flag; returns whether it was set already.
    func set() -> Bool {
        lock.withLock {
            defer { value = true }
            return value
        }
    }

    func clear() {
        lock.withLock { value = false }
    }
}
