import Foundation
import GRDB

/// The history database: opens or creates the SQLite file, configures it, migrates it, and is
/// the only way in for writes.
///
/// ```swift
/// let store = try HistoryStore(path: "cmg-history.sqlite")
/// let summary = try NDJSONImporter(store: store).importFile(at: "export.ndjson")
/// ```
///
/// The file runs in WAL mode so that reports read while an import writes. A database written
/// by a newer version of CMG History is refused before anything touches it.
public final class HistoryStore: Sendable {
    /// Where the database lives.
    public let path: String
    let writer: DatabasePool
    /// Checkpoints on a second connection while bulk writers run.
    let walCheckpointer: WALCheckpointer

    /// Whether this store may write; read commands open with ``StoreAccess/readOnly``.
    public let access: StoreAccess

    /// How long a writer waits for another process's write lock before giving up.
    /// Imports scheduled every few minutes may overlap with a long report or a second import.
    static let busyTimeout: TimeInterval = 30

    /// Opens the database at `path` for writing, creating and migrating it as needed.
    ///
    /// - throws: ``StoreError`` when the file is not a CMG History database, was written by a
    ///   newer version, or cannot be created.
    public convenience init(path: String) throws {
        try self.init(path: path, access: .readWrite)
    }

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
    public init(path: String, access: StoreAccess, probingDamage: Bool = true, acceptingOlderSchema: Bool = false) throws {
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
                writer = try DatabasePool(path: path, configuration: Self.configuration(readonly: false))
                walCheckpointer = WALCheckpointer(writer: writer, path: path)
                try StoreOpener.migrateIfNeeded(writer)
            case .readOnly:
                // A log with frames and no process using it: the last writer did not close
                // cleanly. Asked before this process opens the log itself.
                let unclean = StoreOpener.walBytes(path) > 0 && !WALIndex.isInUse(databasePath: path)
                writer = try StoreOpener.openReadOnly(path, configuration: Self.configuration(readonly: true))
                walCheckpointer = WALCheckpointer(writer: writer, path: path)
                try StoreOpener.checkReadable(writer, path: path, hasTables: file != DatabaseFile.empty, unclean: unclean && probingDamage,
                                              acceptingOlderSchema: acceptingOlderSchema)
            }
        } catch let error as DatabaseError where StoreOpener.isDamage(error) {
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
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
        }
        return config
    }

    /// The schema version of this database: the highest applied migration's number.
    public func schemaVersion() throws -> Int {
        try writer.read { db in
            try SchemaMigrations.makeMigrator().appliedIdentifiers(db).map(SchemaMigrations.version(of:)).max() ?? 0
        }
    }

    /// Runs `body` on a consistent snapshot of the database; never blocks an import.
    ///
    /// A page SQLite finds damaged is a ``StoreError/damaged(path:reason:)``, never a figure.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError where StoreOpener.isDamage(error) {
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        } catch let error as RowDecodingError {
            // NULL or a blob in a STRICT integer column: only damage puts it there.
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        }
    }

    /// Runs `body` in one write transaction: all of it is committed, or none of it.
    func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch let error as DatabaseError where StoreOpener.isDamage(error) {
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        } catch let error as RowDecodingError {
            // A stored value of the wrong type met while writing (`Row.value`): damage, as in `read`.
            throw StoreError.damaged(path: path, reason: StoreOpener.reason(error))
        }
    }

    /// Copies the write-ahead log into the database file and empties the log, so that the file
    /// alone holds everything (before copying it, or measuring it).
    public func checkpoint() throws {
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

/// Whether a ``HistoryStore`` may write.
public enum StoreAccess: Sendable {
    /// Imports and maintenance: creates and migrates the database as needed.
    case readWrite
    /// Reports: never creates, migrates or writes; refuses a missing path.
    case readOnly
}
