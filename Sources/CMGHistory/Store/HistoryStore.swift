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

    /// How long a writer waits for another process's write lock before giving up.
    /// Imports scheduled every few minutes may overlap with a long report or a second import.
    static let busyTimeout: TimeInterval = 30

    /// Opens the database at `path`, creating and migrating it as needed.
    ///
    /// - throws: ``StoreError`` when the file is not a database, was written by a newer
    ///   version, or cannot be created.
    public init(path: String) throws {
        self.path = path
        try Self.refuseNewerSchema(at: path)
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // WAL is durable across power loss except for the last transactions; NORMAL avoids an
            // fsync per import batch, which is what makes bulk import fast.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            writer = try DatabasePool(path: path, configuration: config)
            walCheckpointer = WALCheckpointer(writer: writer, path: path)
            try SchemaMigrations.makeMigrator().migrate(writer)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path: path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// The schema version of this database: the highest applied migration's number.
    public func schemaVersion() throws -> Int {
        try writer.read { db in
            try SchemaMigrations.makeMigrator().appliedIdentifiers(db).map(SchemaMigrations.version(of:)).max() ?? 0
        }
    }

    /// Runs `body` on a consistent snapshot of the database; never blocks an import.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// Runs `body` in one write transaction: all of it is committed, or none of it.
    func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
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
            let applied = try queue.read { db in try SchemaMigrations.makeMigrator().appliedIdentifiers(db) }
            try queue.close()
            let known = Set(embeddedMigrations.map(\.identifier))
            let unknown = applied.subtracting(known).sorted()
            if !unknown.isEmpty {
                throw StoreError.newerSchema(
                    path: path,
                    databaseVersion: applied.map(SchemaMigrations.version(of:)).max() ?? 0,
                    binaryVersion: SchemaMigrations.latestVersion,
                    unknownMigrations: unknown)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path: path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
