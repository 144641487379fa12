import Foundation
import GRDB
import GRDBSQLite

/// Copies the write-ahead log into the database file on a connection and thread of its own,
/// while bulk writers go on committing. One per ``HistoryStore``, shared by every bulk writer
/// that runs at the same time.
///
/// By default SQLite checkpoints on the writing connection: the commit that leaves more than
/// 1,000 pages in the log copies them into the database file and waits for two fsyncs before
/// the writer may go on. During a log ingest that was about a quarter of the writer's time
/// (1.2 s of 4.2 s on the 100 MB benchmark log). Between ``begin()`` and the matching ``end()``,
/// a commit hook on the writer (the hook SQLite's own automatic checkpoints use) has a second
/// connection run a PASSIVE checkpoint instead, which copies what is committed without taking
/// the write lock, so the writer does not wait.
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
/// let checkpointing = store.walCheckpointer.begin()   // the writer's commits are checkpointed here
/// // … bulk writes …
/// if checkpointing { store.walCheckpointer.end() }    // the writer checkpoints itself again
/// ```
final class WALCheckpointer: @unchecked Sendable {
    private let writer: DatabasePool
    private let path: String
    private let restartAfterPages: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var users = 0
    /// Installed as the writer's commit hook while `users > 0`; the hook holds a reference to it.
    private var hook: CommitHook?

    /// SQLite's default `wal_autocheckpoint`, given back to the writer by the last ``end()``.
    static let writerAutocheckpointPages: Int32 = 1000

    /// Log length, in pages, past which the writer waits for a checkpoint so the log can start
    /// over: 32 MB with 4 KB pages, about nine batches of the benchmark log's entries.
    static let defaultRestartAfterPages = 8192

    init(writer: DatabasePool, path: String, restartAfterPages: Int = defaultRestartAfterPages) {
        self.writer = writer
        self.path = path
        self.restartAfterPages = restartAfterPages
    }

    /// Takes over the writer's checkpoints, or joins the bulk writer that already did. Returns
    /// false when the second connection cannot be opened: the writer then checkpoints itself, as
    /// before, and ``end()`` must not be called.
    ///
    /// The hook keeps a reference to what it calls until ``end()`` has put SQLite's own back.
    ///
    /// Must not be called from inside a database access of the store's writer.
    func begin() -> Bool {
        lock.withLock {
            if users > 0 {
                users += 1
                return true
            }
            var config = Configuration()
            // A PASSIVE checkpoint never waits for a lock; opening the connection may, briefly.
            config.busyMode = .timeout(SQLiteStore.busyTimeout)
            guard let connection = try? DatabaseQueue(path: path, configuration: config) else { return false }
            let hook = CommitHook(connection: connection, restartAfterPages: restartAfterPages)
            let context = Unmanaged.passRetained(hook).toOpaque()
            writer.writeWithoutTransaction { db in
                _ = sqlite3_wal_hook(db.sqliteConnection, { context, _, _, pages in
                    if let context { Unmanaged<CommitHook>.fromOpaque(context).takeUnretainedValue().committed(logPages: Int(pages)) }
                    return SQLITE_OK
                }, context)
            }
            self.hook = hook
            users = 1
            return true
        }
    }

    /// Ends one ``begin()``. The last one waits for the checkpoints under way and gives
    /// checkpointing back to the writer.
    ///
    /// Must not be called from inside a database access of the store's writer.
    func end() {
        lock.withLock {
            users -= 1
            guard users == 0, let hook else { return }
            self.hook = nil
            // Setting the automatic checkpoint puts SQLite's own hook back in place of this one;
            // it runs between two commits, so no call of the hook is under way after it.
            writer.writeWithoutTransaction { db in
                _ = sqlite3_wal_autocheckpoint(db.sqliteConnection, Self.writerAutocheckpointPages)
            }
            hook.wait()
            Unmanaged.passUnretained(hook).release()
        }
    }

    /// Waits for the checkpoints under way, so that the next checkpoint of the caller's finds
    /// the log free.
    func wait() {
        lock.withLock { hook }?.wait()
    }
}

/// What the writer's commit hook calls: state shared with the checkpointing thread only, so
/// that the hook never holds the last reference to anything that needs the writer to go away.
private final class CommitHook: @unchecked Sendable {
    private let connection: DatabaseQueue
    private let restartAfterPages: Int
    private let queue = DispatchQueue(label: "cmg-history.checkpointer")
    /// A checkpoint is queued and has not started. Blocks on `queue` capture this and the
    /// connection, not `self`.
    private let queued = LockedFlag()

    init(connection: DatabaseQueue, restartAfterPages: Int) {
        self.connection = connection
        self.restartAfterPages = restartAfterPages
    }

    /// The writer committed and the log is now `logPages` long. A checkpoint runs soon, unless
    /// one is already waiting to run (it will copy this commit too); past `restartAfterPages`,
    /// the writer waits for it, so that its next transaction starts the log over.
    func committed(logPages: Int) {
        let wasQueued = queued.set()
        if logPages > restartAfterPages {
            queue.sync { Self.checkpoint(connection, queued) }
        } else if !wasQueued {
            queue.async { [connection, queued] in Self.checkpoint(connection, queued) }
        }
    }

    func wait() {
        queue.sync {}
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
