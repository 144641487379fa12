import Foundation
import GRDB

/// Why a history database could not be opened or used.
public enum StoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The database was written by a newer version of CMG History; it was left untouched.
    case newerSchema(path: String, databaseVersion: Int, binaryVersion: Int, unknownMigrations: [String])
    /// The file is not a CMG History database (`what` says what it is); it was left untouched.
    case notADatabase(path: String, what: String)
    /// `--db` names a directory.
    case isDirectory(path: String)
    /// A read command was given a path with no file: it never creates one.
    case missing(path: String)
    /// A read command was given an empty database (0 bytes, or SQLite without any table).
    case noData(path: String)
    /// A read command was given a database of ours with an older schema; reads do not upgrade it.
    case olderSchema(path: String, databaseVersion: Int, binaryVersion: Int)
    /// `db backup` or `db recover` was given a destination that exists.
    case destinationExists(path: String)
    /// SQLite found the file damaged (a corrupt page, a malformed header).
    case damaged(path: String, reason: String)
    /// The file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// `db copy` would mix two histories, or copy a store onto itself; nothing was written.
    case copyRefused(source: String, destination: String, reason: String)
    /// `db copy` finished, but the destination does not give the source's rows or figures.
    case copyMismatch(source: String, destination: String, reason: String)
    /// A PostgreSQL schema holds migrations this binary does not know (a newer cmg-history
    /// migrated it); it was left untouched. `location` is the URL's display form, without password.
    case newerPostgresSchema(location: String, schema: String, unknownMigrations: [String])
    /// The operation exists for SQLite files only; `instead` says what does it for `location`.
    case sqliteOnly(operation: String, location: String, instead: String)
    /// A store opened for reading was asked to write.
    case readOnly(path: String)

    public var description: String {
        switch self {
        case let .newerSchema(path, databaseVersion, binaryVersion, unknown):
            "\(path): the database has schema version \(databaseVersion) but this cmg-history knows "
                + "only up to version \(binaryVersion) (unknown migrations: \(unknown.joined(separator: ", "))). "
                + "It was written by a newer cmg-history; use that version. The file was not changed."
        case let .notADatabase(path, what):
            "\(path): not a CMG History database: \(what). The file was not changed. "
                + "Point --db at a CMG History database, or at a new path to create one."
        case let .isDirectory(path):
            "\(path) is a directory, not a database file. Point --db at a file, such as \((path as NSString).appendingPathComponent("cmg-history.sqlite"))."
        case let .missing(path):
            "\(path): no database at this path (reports and other read commands never create one). "
                + "Create it with `cmg-history ingest FILE --db \(path)`, or try `cmg-history demo --db \(path)`."
        case let .noData(path):
            "\(path): an empty database, no CMG History data yet. Import into it with `cmg-history ingest FILE --db \(path)`."
        case let .olderSchema(path, databaseVersion, binaryVersion):
            "\(path): the database has schema version \(databaseVersion) and this cmg-history reads version \(binaryVersion). "
                + "Upgrade it once with `cmg-history db upgrade --db \(path)` (any import upgrades it too); read commands do not write."
        case let .destinationExists(path):
            "\(path) exists already; backup and recover write only a new file, never over one. Give a new path."
        case let .damaged(path, reason):
            "\(path) is damaged (\(reason)); run `cmg-history db check --db \(path)` to see what is wrong; "
                + "`cmg-history db recover DEST --db \(path)` salvages what it still holds into a new database DEST."
        case let .cannotOpen(path, reason):
            "\(path): cannot open or create the database: \(reason)"
        case let .copyRefused(source, destination, reason):
            "cannot copy \(source) to \(destination): \(reason). Nothing was written; copy into a new, empty database."
        case let .copyMismatch(source, destination, reason):
            "copied \(source) to \(destination), but they differ: \(reason). Run the copy again to complete it; "
                + "if it still differs, the destination is not a copy of the source."
        case let .newerPostgresSchema(location, schema, unknown):
            "\(location): schema \(schema) holds migrations this cmg-history does not know (\(unknown.joined(separator: ", "))). "
                + "It was written by a newer cmg-history; use that version. The schema was not changed."
        case let .sqliteOnly(operation, location, instead):
            "\(location): \(operation) works on SQLite files only; for this PostgreSQL history, \(instead)."
        case let .readOnly(path):
            "\(path) was opened for reading; this command writes. Open it for writing."
        }
    }

    public var errorDescription: String? { description }

    /// What an SQLite error escaping a command means for the database at `path`: damage is
    /// ``damaged(path:reason:)``, and so is a stored value of the wrong type (GRDB's
    /// `RowDecodingError`, thrown by `Row.value`: only damage puts NULL or a blob where the
    /// schema says integer); any other SQLite error is ``cannotOpen(path:reason:)``; nil for
    /// errors that are neither.
    public init?(sqliteError error: any Error, path: String) {
        if let error = error as? RowDecodingError {
            self = .damaged(path: path, reason: StoreOpener.reason(error))
            return
        }
        guard let error = error as? DatabaseError else { return nil }
        self = StoreOpener.isDamage(error)
            ? .damaged(path: path, reason: StoreOpener.reason(error))
            : .cannotOpen(path: path, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
    }
}
