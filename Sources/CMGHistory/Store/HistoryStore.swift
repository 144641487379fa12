import Foundation
import GRDB

/// A CMG History store: where imports write and reports read, whatever holds the data.
///
/// ```swift
/// let store = try HistoryStore(path: "cmg-history.sqlite")
/// let summary = try NDJSONImporter(store: store).importFile(at: "export.ndjson")
/// let report = try store.capacity(year: 2026, month: 9, zone: zone)
/// ```
///
/// Reports and the timeline read through ``snapshot(_:)`` as values; writes go through named
/// operations (record batches, log batches, prune, gateway maintenance). A backend holds the
/// SQL: ``SQLiteStore`` today for a file, each a folder of its own under `Store/`.
public final class HistoryStore: Sendable {
    /// The backend that holds the history.
    enum Backend: Sendable {
        /// A SQLite file (or an injected GRDB connection).
        case sqlite(SQLiteStore)
        /// One tenant's schema on a PostgreSQL server.
        case postgres(PostgresStore)
    }

    let backend: Backend

    /// Opens the database at `path` for writing, creating and migrating it as needed.
    ///
    /// - throws: ``StoreError`` when the file is not a CMG History database, was written by a
    ///   newer version, or cannot be created.
    public convenience init(path: String) throws {
        try self.init(path: path, access: .readWrite)
    }

    /// Opens the SQLite database at `path`.
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
    public convenience init(path: String, access: StoreAccess, probingDamage: Bool = true, acceptingOlderSchema: Bool = false) throws {
        try self.init(backend: .sqlite(SQLiteStore(path: path, access: access, probingDamage: probingDamage,
                                                   acceptingOlderSchema: acceptingOlderSchema)))
    }

    /// A store over a GRDB connection the caller made and configured: an in-memory
    /// `DatabaseQueue` for tests, say. It is migrated before this returns.
    ///
    /// ```swift
    /// var configuration = Configuration()
    /// configuration.foreignKeysEnabled = true
    /// let store = try HistoryStore(DatabaseQueue(configuration: configuration))
    /// ```
    ///
    /// - throws: ``StoreError`` when the connection holds a newer CMG History schema.
    public convenience init(_ writer: any DatabaseWriter) throws {
        try self.init(backend: .sqlite(SQLiteStore(writer)))
    }

    /// Opens the history at `location`: an SQLite file, or a PostgreSQL schema.
    ///
    /// A PostgreSQL password comes from `passwordFile` (its first line), else from libpq's
    /// `PGPASSWORD` or `~/.pgpass`; never from the location, which refuses one.
    ///
    /// - throws: ``StoreError`` as ``init(path:access:probingDamage:acceptingOlderSchema:)``
    ///   does, ``PostgresError`` when the server cannot be reached or refuses the login,
    ///   ``PostgresPasswordFileError`` for an unreadable password file.
    public convenience init(location: StoreLocation, access: StoreAccess = .readWrite, passwordFile: URL? = nil) throws {
        switch location {
        case let .sqlite(path):
            try self.init(path: path, access: access)
        case let .postgres(postgres):
            try self.init(backend: .postgres(PostgresStore(location: postgres, access: access, passwordFile: passwordFile)))
        }
    }

    /// Opens the history a database URL names: a path, `sqlite:PATH`, or
    /// `postgres://user@host:5432/dbname?schema=NAME` (``StoreLocation``).
    ///
    /// ```swift
    /// let store = try HistoryStore.open(url: "postgres://collector@db.contoso.com/cmg?schema=contoso")
    /// ```
    public static func open(url: String, access: StoreAccess = .readWrite, passwordFile: URL? = nil) throws -> HistoryStore {
        try HistoryStore(location: StoreLocation(url), access: access, passwordFile: passwordFile)
    }

    init(backend: Backend) {
        self.backend = backend
    }

    /// Where the history lives, for messages: a file path (never a password).
    public var path: String {
        switch backend {
        case .sqlite(let store): store.path
        case .postgres(let store): store.path
        }
    }

    /// Whether this store may write; read commands open with ``StoreAccess/readOnly``.
    public var access: StoreAccess {
        switch backend {
        case .sqlite(let store): store.access
        case .postgres(let store): store.access
        }
    }

    /// The schema version of this database: the highest applied migration's number.
    public func schemaVersion() throws -> Int {
        switch backend {
        case .sqlite(let store): try store.schemaVersion()
        case .postgres(let store): try store.schemaVersion()
        }
    }

    /// Copies SQLite's write-ahead log into the database file and empties it, so that the file
    /// alone holds everything (before copying it, or measuring it).
    public func checkpoint() throws {
        switch backend {
        case .sqlite(let store): try store.checkpoint()
        case .postgres(let store): try store.checkpoint()
        }
    }

    // MARK: - The SQLite backend, for the bulk writers' checkpoints and for tests (@testable)

    /// The SQLite backend; nil on PostgreSQL.
    var sqliteStore: SQLiteStore? {
        if case .sqlite(let store) = backend { store } else { nil }
    }

    /// The SQLite writer, for tests of an SQLite store; an in-memory queue would be wrong to
    /// hand out for a PostgreSQL one, so that is a test's failure, not a silent substitute.
    var writer: any DatabaseWriter {
        get throws {
            guard let store = sqliteStore else { throw StoreError.sqliteOnly(operation: "a GRDB connection", location: path, instead: "read through snapshot(_:)") }
            return store.writer
        }
    }

    /// SQLite's background checkpoints while bulk writers run; none on PostgreSQL.
    var walCheckpointer: WALCheckpointer? { sqliteStore?.walCheckpointer }

    /// Runs `body` on a consistent SQLite snapshot; never blocks an import.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        guard let store = sqliteStore else { throw StoreError.sqliteOnly(operation: "a GRDB read", location: path, instead: "read through snapshot(_:)") }
        return try store.read(body)
    }

    /// Runs `body` in one SQLite write transaction: all of it is committed, or none of it.
    func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        guard let store = sqliteStore else { throw StoreError.sqliteOnly(operation: "a GRDB transaction", location: path, instead: "write through the store's operations") }
        return try store.writeTransaction(body)
    }
}

/// Whether a ``HistoryStore`` may write.
public enum StoreAccess: Sendable {
    /// Imports and maintenance: creates and migrates the database as needed.
    case readWrite
    /// Reports: never creates, migrates or writes; refuses a missing path.
    case readOnly
}
