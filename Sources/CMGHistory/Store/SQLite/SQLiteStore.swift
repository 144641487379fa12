import Foundation
import GRDB

/// The SQLite backend of a ``HistoryStore``: opens or creates the file, configures it,
/// migrates it, and owns its one writer.
///
/// The file runs in WAL mode so that reports read while an import writes. A database written
/// by a newer version of CMG History is refused before anything touches it.
final class SQLiteStore: Sendable {
    /// Where the database lives (`:memory:` and the like for an injected writer).
    let path: String
    let writer: any DatabaseWriter
    /// Checkpoints on a second connection while bulk writers run; none for an injected writer
    /// that is not a WAL pool on a file.
    let walCheckpointer: WALCheckpointer?

    /// Whether this store may write; read commands open with ``StoreAccess/readOnly``.
    let access: StoreAccess

    /// How long a writer waits for another process's write lock before giving up.
    /// Imports scheduled every few minutes may overlap with a long report or a second import.
    static let busyTimeout: TimeInterval = 30

    /// Opens the database at `path`.
    ///
    /// Before anything is written, the file is inspected (``DatabaseFile``): a directory, a file
    /// that is not SQLite, or another program's SQLite file is refused and left byte-for-byte as
    /// it was. A missing path is created for writing (built under a temporary name, then linked
    /// into place, so that no other process ever sees it half-made); for reading, it is an error.
    /// Read-only access never writes to the file, and reads a file in a read-only folder too.
    ///
    /// `probingDamage: false` skips the `quick_check` a read-only open runs after an unclean
    /// shutdown, for `db check`, which reports damage rather than refusing it.
    /// `acceptingOlderSchema: true` opens a database an older version wrote without asking for
    /// an upgrade, for `db backup`: a copy before `db upgrade` is what an admin wants first.
    init(path: String, access: StoreAccess, probingDamage: Bool, acceptingOlderSchema: Bool) throws {
        self.path = path
        self.access = access
        let file = DatabaseFile.inspect(path)
        try StoreOpener.refuse(file, path: path, access: access)
        do {
            switch access {
            case .readWrite:
                if case .sqlite = file { try Self.refuseNewerSchema(at: path) }
                TemporaryDatabase.removeAbandoned(beside: path)
                if file == .missing { try StoreOpener.create(at: path, configuration: Self.configuration(readonly: false)) }
                let pool = try StoreOpener.retryingBusy { try DatabasePool(path: path, configuration: Self.configuration(readonly: false)) }
                writer = pool
                walCheckpointer = WALCheckpointer(writer: pool, path: path)
                try StoreOpener.retryingBusy { try StoreOpener.migrateIfNeeded(pool) }
            case .readOnly:
                // A log with frames and no process using it: the last writer did not close
                // cleanly. Asked before this process opens the log itself.
                let unclean = StoreOpener.walBytes(path) > 0 && !WALIndex.isInUse(databasePath: path)
                let pool = try StoreOpener.retryingBusy { try StoreOpener.openReadOnly(path, configuration: Self.configuration(readonly: true)) }
                writer = pool
                walCheckpointer = WALCheckpointer(writer: pool, path: path)
                try StoreOpener.checkReadable(pool, path: path, hasTables: file != DatabaseFile.empty, unclean: unclean && probingDamage,
                                              acceptingOlderSchema: acceptingOlderSchema)
            }
        } catch let error as DatabaseError where StoreOpener.isDamage(error) {
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Wraps a connection the caller made (GRDB's `AppDatabase` pattern): an in-memory
    /// `DatabaseQueue` for tests, or a pool the caller configured. Migrates it.
    ///
    /// The caller's configuration should enable foreign keys, as ``configuration(readonly:)`` does.
    init(_ writer: any DatabaseWriter) throws {
        path = writer.path
        access = .readWrite
        self.writer = writer
        walCheckpointer = (writer as? DatabasePool).map { WALCheckpointer(writer: $0, path: writer.path) }
        do {
            try writer.writeWithoutTransaction { db in
                try StoreOpener.refuseUnknown(SchemaMigrations.appliedIdentifiers(db), path: writer.path)
                try SchemaMigrations.migrate(db)
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: writer.path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // WAL is durable across power loss except for the last transactions; NORMAL avoids an
            // fsync per import batch, which is what makes bulk import fast.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Reports verify each b-tree page's cell layout as it is loaded, so that a damaged page
            // they read is an error (SQLITE_CORRUPT, reported as damage) rather than wrong figures.
            // Without it, a page overwritten in the middle of the demo database gave a capacity
            // report with exit 0. Imports skip it: they write, and their speed is measured.
            if readonly { try db.execute(sql: "PRAGMA cell_size_check = ON") }
            try TrafficStepCount.register(on: db)
        }
        return config
    }

    /// The schema version of this database: the highest applied migration's number.
    func schemaVersion() throws -> Int {
        try writer.read { db in
            try SchemaMigrations.makeMigrator().appliedIdentifiers(db).map(SchemaMigrations.version(of:)).max() ?? 0
        }
    }

    /// Runs `body` on a consistent snapshot of the database; never blocks an import.
    ///
    /// A page SQLite finds damaged is a ``StoreError/damaged(path:reason:)``, never a figure.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try reportingDamage { try writer.read(body) }
    }

    /// Runs `body` in one write transaction: all of it is committed, or none of it.
    func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try reportingDamage { try writer.write(body) }
    }

    /// Runs `body`, turning what only damage causes into ``StoreError/damaged(path:reason:)``:
    /// SQLite's corrupt-page codes, and a NULL or a blob met in a STRICT integer column
    /// (`Row.value`), whether reading or writing.
    private func reportingDamage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where StoreOpener.isDamage(error) {
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        } catch let error as RowDecodingError {
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        } catch let error as UnexpectedStoredValue {
            throw StoreError.damaged(path: path, reason: error.reason)
        }
    }

    /// Copies the write-ahead log into the database file and empties the log, so that the file
    /// alone holds everything (before copying it, or measuring it).
    func checkpoint() throws {
        try writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// Opens an existing file read-only and throws when it holds migrations this binary does
    /// not know. Read-only, so a refused file stays byte-identical.
    private static func refuseNewerSchema(at path: String) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 else {
            return
        }
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            let applied = try queue.read { db in try SchemaMigrations.appliedIdentifiers(db) }
            try queue.close()
            try StoreOpener.refuseUnknown(applied, path: path)
        } catch let error as DatabaseError where StoreOpener.isDamage(error) {
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
