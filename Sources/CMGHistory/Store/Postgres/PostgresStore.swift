import Foundation

/// The PostgreSQL backend of a ``HistoryStore``: one tenant's schema on a server, reached
/// through a small pool of libpq connections.
///
/// Opening connects once, creates and migrates the schema for writing, or checks it is current
/// for reading (``PostgresDatabase``), so a wrong host, role, password or schema is an error at
/// open, as a wrong SQLite path is. Each operation then borrows a connection for its own
/// transaction: imports from several processes or threads write at once, and the server's locks
/// (per-gateway advisory locks, pg-design.md) keep rollups exact.
final class PostgresStore: Sendable {
    /// Where the history lives, without a password.
    let location: PostgresLocation
    /// Whether this store may write.
    let access: StoreAccess
    /// The connections, each with its `search_path` on ``location``'s schema.
    let pool: PostgresConnectionPool

    /// Connects to `location`, preparing its schema as `access` asks.
    ///
    /// - throws: ``PostgresError`` when the server cannot be reached or refuses the login,
    ///   ``StoreError`` for a schema that is missing (reading), older (reading) or newer.
    init(location: PostgresLocation, access: StoreAccess, passwordFile: URL?) throws {
        self.location = location
        self.access = access
        let first = try PostgresDatabase(location, passwordFile: passwordFile, mode: access == .readWrite ? .migrate : .read)
        // Later connections find the schema migrated: they only check it and set search_path.
        pool = PostgresConnectionPool(first: first.connection) {
            try PostgresDatabase(location, passwordFile: passwordFile, mode: .read).connection
        }
    }

    /// The location's display form, for messages.
    var path: String { location.displayForm }

    /// The highest applied migration's number.
    func schemaVersion() throws -> Int {
        try pool.withConnection { connection in
            try PostgresMigrator.appliedIdentifiers(connection, location.schema).map(SchemaMigrations.version(of:)).max() ?? 0
        }
    }

    /// Runs `body` in one REPEATABLE READ READ ONLY transaction.
    func snapshot<T>(_ body: (any StoreSnapshot) throws -> T) throws -> T {
        try pool.withConnection { connection in try PostgresSnapshot.read(connection, pool: pool) { try body($0) } }
    }

    /// Stores one batch of records in one transaction (``PostgresRecordWriter``); `cache` is
    /// SQLite's and unused here: the server resolves series ids in the batch's statements.
    func importBatch(_ batch: [NumberedRecord], file: String, cache: inout SeriesKeyCache) throws -> ImportSummary {
        try refuseReadOnly()
        return try pool.withConnection { try PostgresRecordWriter.importBatch(batch, file: file, on: $0) }
    }

    /// Opens the file in a transaction of its own (``PostgresLogFiles``).
    func openLogFile(path: String, name: LogFileName, head: [UInt8], size: Int64, now: UnixSeconds,
                     gateway: String?) throws -> LogFileState {
        try refuseReadOnly()
        return try pool.withConnection { connection in
            try connection.transaction {
                try PostgresLogFiles.open(connection, path: path, name: name, head: head, size: size, now: now, gateway: gateway)
            }
        }
    }

    /// A read-only store never writes, whatever the server's role would allow.
    func refuseReadOnly() throws {
        if access == .readOnly { throw StoreError.readOnly(path: path) }
    }
}
