import Foundation

/// Why a history database could not be opened or used.
public enum StoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The database was written by a newer version of CMG History; it was left untouched.
    case newerSchema(path: String, databaseVersion: Int, binaryVersion: Int, unknownMigrations: [String])
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file could not be opened or created.
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .newerSchema(path, databaseVersion, binaryVersion, unknown):
            "\(path): the database has schema version \(databaseVersion) but this cmg-history knows "
                + "only up to version \(binaryVersion) (unknown migrations: \(unknown.joined(separator: ", "))). "
                + "It was written by a newer cmg-history; use that version. The file was not changed."
        case let .notADatabase(path):
            "\(path): not an SQLite database. Point --db at a CMG History database, or at a new path to create one."
        case let .cannotOpen(path, reason):
            "\(path): cannot open or create the database: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
