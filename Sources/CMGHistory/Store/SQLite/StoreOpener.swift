import Foundation
import GRDB

/// The steps of opening a ``HistoryStore``: refusing what is not ours, creating a new file,
/// migrating under a lock, and opening read-only.
enum StoreOpener {
    /// Throws for a path the store must not open with `access`.
    static func refuse(_ file: DatabaseFile, path: String, access: StoreAccess) throws {
        switch file {
        case .directory: throw StoreError.isDirectory(path: path)
        case .missing where access == .readOnly: throw StoreError.missing(path: path)
        case .empty where access == .readOnly: throw StoreError.noData(path: path)
        case .sqlite(_, _, false) where access == .readOnly && file.isOurs: throw StoreError.noData(path: path)
        default:
            if let what = file.refusal { throw StoreError.notADatabase(path: path, what: what) }
        }
    }

    /// Bytes in the database's write-ahead log: more than 0 when a writer is running, or when the
    /// last one did not close cleanly (a crash, `kill -9`, a power cut).
    static func walBytes(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    // MARK: - Writing

    /// Makes a new, fully migrated database at `path`.
    ///
    /// It is built under a temporary name in the same folder and hard-linked into place, which
    /// fails when the path exists: of several processes creating it at once, one wins and the
    /// others open its file; none ever sees a half-migrated database. What a killed creator
    /// leaves behind is removed by the next one (``TemporaryDatabase``).
    static func create(at path: String, configuration: Configuration) throws {
        let building = try TemporaryDatabase(beside: path)
        defer { building.remove() }
        let temporary = building.path
        let queue = try DatabaseQueue(path: temporary, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try SchemaMigrations.migrate(db)
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try queue.close()
        if link(temporary, path) == 0 || errno == EEXIST { return }
        // File systems without hard links: a rename, unless another process got there first.
        let reason = String(cString: strerror(errno))
        guard !FileManager.default.fileExists(atPath: path) else { return }
        guard rename(temporary, path) == 0 else {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the database: \(reason)")
        }
    }

    /// Applies pending migrations and the application id, taking the write lock only when there
    /// is something to do.
    static func migrateIfNeeded(_ writer: DatabasePool) throws {
        let needed = try writer.read { db in
            try !SchemaMigrations.pending(db).isEmpty
                || Int64.fetchOne(db, sql: "PRAGMA application_id") != Int64(DatabaseFile.applicationID)
        }
        if needed { try writer.writeWithoutTransaction { db in try SchemaMigrations.migrate(db) } }
    }

    /// Runs `open` again while SQLite answers SQLITE_BUSY, for as long as the busy timeout.
    ///
    /// The busy handler covers waiting for a lock, not every lock met while a connection opens:
    /// a WAL file whose last connection is closing (it checkpoints under an exclusive lock) or
    /// whose index is being rebuilt answers SQLITE_BUSY at once. Two imports started together on
    /// a new path met that about once in 400 tries on a loaded machine (StoreSafetyCLITests).
    static func retryingBusy<T>(_ open: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(SQLiteStore.busyTimeout)
        while true {
            do {
                return try open()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(20_000)
            }
        }
    }

    // MARK: - Reading

    /// Opens `path` read-only. In a folder (or on a file) the process may not write, SQLite cannot
    /// make the `-shm` index a WAL database needs; when no `-wal` file exists, no writer can be
    /// at work there, and the file is read as immutable instead.
    static func openReadOnly(_ path: String, configuration: Configuration) throws -> DatabasePool {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return pool
        } catch let error as DatabaseError
                    where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(error.resultCode)
                    && !FileManager.default.fileExists(atPath: path + "-wal") {
            return try DatabasePool(path: DatabaseFile.immutableURI(path), configuration: configuration)
        }
    }

    /// Refuses a database a read command cannot answer from: a newer or older schema, or a
    /// damaged file after an unclean shutdown.
    static func checkReadable(_ reader: DatabasePool, path: String, hasTables: Bool, unclean: Bool,
                              acceptingOlderSchema: Bool = false) throws {
        try reader.read { db in
            let applied = try SchemaMigrations.appliedIdentifiers(db)
            try refuseUnknown(applied, path: path)
            if applied.isEmpty, try !db.tableExists("gateway") { throw StoreError.noData(path: path) }
            let pending = embeddedMigrations.filter { !applied.contains($0.identifier) }
            if !pending.isEmpty, !acceptingOlderSchema {
                throw StoreError.olderSchema(path: path, databaseVersion: applied.map(SchemaMigrations.version(of:)).max() ?? 0,
                                             binaryVersion: SchemaMigrations.latestVersion)
            }
            // A crash leaves a log SQLite recovers from; a damaged disk or a copy made mid-write may
            // not. A quick_check reads every page: 0.22-0.27 s on the 13.5 MB 120-day demo database
            // (measured here), far over 5 ms, so it runs only when a log was left behind by a
            // writer no process is running (not while an import is at work).
            if unclean, let problem = try quickCheck(db) { throw StoreError.damaged(path: path, reason: problem) }
        }
    }

    /// The first problem `PRAGMA quick_check` finds, or nil when the file is sound.
    static func quickCheck(_ db: Database) throws -> String? {
        let lines = try String.fetchAll(db, sql: "PRAGMA quick_check(1)")
        return lines == ["ok"] ? nil : lines.first ?? "quick_check returned nothing"
    }

    /// Throws when `applied` holds migrations this binary does not know.
    static func refuseUnknown(_ applied: Set<String>, path: String) throws {
        let unknown = applied.subtracting(embeddedMigrations.map(\.identifier)).sorted()
        guard unknown.isEmpty else {
            throw StoreError.newerSchema(path: path, databaseVersion: applied.map(SchemaMigrations.version(of:)).max() ?? 0,
                                         binaryVersion: SchemaMigrations.latestVersion, unknownMigrations: unknown)
        }
    }

    // MARK: - Damage

    /// Errors that mean the file itself is damaged, not that an operation failed.
    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    static func reason(_ error: DatabaseError) -> String {
        "SQLite error \(error.resultCode.rawValue): \(error.message ?? "database disk image is malformed")"
    }

    /// A stored value of the wrong type, without the rest of its row (a log message can be long).
    static func reason(_ error: RowDecodingError) -> String {
        let text = "\(error)"
        return "a stored value is not of its column's type: " + (text.range(of: ", row: ").map { String(text[..<$0.lowerBound]) } ?? text)
    }
}
