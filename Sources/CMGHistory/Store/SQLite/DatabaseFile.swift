import Foundation
import GRDBSQLite

/// What is at a database path, found out before anything is written there.
///
/// The inspection reads the file's first 100 bytes (the SQLite header) and, for an SQLite file
/// without our application id, its table names through an `immutable=1` connection: no lock,
/// no `-wal` or `-shm` file, no journal mode change. A file that is not ours stays byte-for-byte
/// as it was.
enum DatabaseFile: Equatable {
    /// Nothing at the path.
    case missing
    case directory
    /// A FIFO, device or socket.
    case special
    /// A file of 0 bytes: taken as a new database (SQLite itself treats it as an empty one).
    case empty
    /// A file that does not start with the SQLite header.
    case notSQLite(bytes: Int64)
    /// An SQLite header without our application id, and a schema that cannot be read (a file
    /// cut short, a damaged first page, a database another program holds locked): whose it is
    /// cannot be told, so nothing may write to it.
    case unreadableSQLite(bytes: Int64)
    /// An SQLite database; `ours` when it carries our application id, or carries none and holds
    /// only our tables (a database made before the id was set) or no table at all.
    case sqlite(applicationID: UInt32, foreignTables: [String], hasTables: Bool)

    /// `PRAGMA application_id` of a CMG History database: ASCII "CMGH". SQLite keeps it at
    /// offset 68 of the header, where `file(1)` and other tools read it.
    static let applicationID: UInt32 = 0x434D_4748

    /// What SQLite writes at the start of every database file.
    static let sqliteMagic = Array("SQLite format 3\0".utf8)
    /// Entries of `foreignTables` that are not tables but other signs of another program's file.
    static let migrationsMark = "grdb_migrations of another app: "
    static let userVersionMark = "user_version "

    /// Size of the SQLite database header, which holds the application id.
    static let headerLength = 100
    /// Where the header keeps `PRAGMA user_version` and `PRAGMA application_id` (big-endian).
    static let userVersionOffset = 60
    static let applicationIDOffset = 68

    var isOurs: Bool {
        guard case let .sqlite(id, foreign, _) = self else { return false }
        return id == Self.applicationID || (id == 0 && foreign.isEmpty)
    }

    /// Looks at `path` without writing to it or next to it.
    static func inspect(_ path: String) -> DatabaseFile {
        let size: Int64
        switch FileKind.of(path) {
        case .missing: return .missing
        case .directory: return .directory
        case .special: return .special
        case let .regular(bytes): size = bytes
        }
        if size == 0 { return .empty }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .notSQLite(bytes: size) }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: headerLength)) ?? Data())
        guard header.count == headerLength, Array(header.prefix(sqliteMagic.count)) == sqliteMagic else {
            return .notSQLite(bytes: size)
        }
        let id = word(header, at: applicationIDOffset)
        if id == applicationID { return .sqlite(applicationID: id, foreignTables: [], hasTables: true) }
        guard let schema = schema(path) else { return .unreadableSQLite(bytes: size) }
        let known = SchemaMigrations.tableNames
        var foreign = schema.tables.filter { !known.contains($0) && !isShadowTable($0, of: known) }
        // Another GRDB app keeps its migrations in a table of the same name: ours are NNNN_….
        let theirs = schema.migrations.filter { !isOurMigrationIdentifier($0) }
        if !theirs.isEmpty { foreign.append(Self.migrationsMark + list(theirs)) }
        // We never set user_version: a file that has one is another program's, tables or not.
        let userVersion = word(header, at: userVersionOffset)
        if userVersion != 0 { foreign.append(Self.userVersionMark + "\(Int32(bitPattern: userVersion))") }
        return .sqlite(applicationID: id, foreignTables: foreign, hasTables: !schema.tables.isEmpty)
    }

    private static func word(_ header: [UInt8], at offset: Int) -> UInt32 {
        header[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// `0003_create_rollups`: four digits and an underscore, as `Migrations/sqlite/` names them.
    static func isOurMigrationIdentifier(_ identifier: String) -> Bool {
        let scalars = Array(identifier.unicodeScalars.prefix(5))
        return scalars.count == 5 && scalars[..<4].allSatisfy { ("0"..."9").contains($0) } && scalars[4] == "_"
    }

    /// FTS5 keeps its index in tables named after the virtual table (`log_entry_fts_data`, …).
    private static func isShadowTable(_ name: String, of known: Set<String>) -> Bool {
        known.contains { name.hasPrefix($0 + "_") && ["data", "idx", "content", "docsize", "config"].contains(String(name.dropFirst($0.count + 1))) }
    }

    /// The user tables of an SQLite file and the identifiers in its `grdb_migrations`, or nil
    /// when they cannot be read.
    ///
    /// Read through an immutable connection (no lock, no side file), except when a `-wal` file
    /// with frames sits beside it: then the tables may be only in the log (another program at
    /// work, or one that crashed before a checkpoint), which an immutable connection does not
    /// read, so a plain read-only one reads them, using the `-shm` index the program keeps. It
    /// never writes the database file. Without a `-shm` it would make one beside a file that
    /// is not ours: the schema is then not read (nil) and the file refused.
    static func schema(_ path: String) -> (tables: [String], migrations: [String])? {
        let walBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber
        let logged = (walBytes?.int64Value ?? 0) > 0
        if logged, !FileManager.default.fileExists(atPath: path + "-shm") { return nil }
        let uri = logged ? readOnlyURI(path) : immutableURI(path)
        var handle: OpaquePointer?
        defer { sqlite3_close_v2(handle) }
        guard sqlite3_open_v2(uri, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil) == SQLITE_OK,
              let tables = strings(handle, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        else { return nil }
        let migrations = tables.contains("grdb_migrations") ? strings(handle, "SELECT identifier FROM grdb_migrations ORDER BY identifier") : []
        guard let migrations else { return nil }
        return (tables, migrations)
    }

    /// The first column of every row `sql` gives, or nil when it fails.
    private static func strings(_ handle: OpaquePointer?, _ sql: String) -> [String]? {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        var values: [String] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: if let text = sqlite3_column_text(statement, 0) { values.append(String(cString: text)) }
            case SQLITE_DONE: return values
            default: return nil  // a damaged page met part way: not a list to trust
            }
        }
    }

    /// A `file:` URI that opens `path` read-only with no locking and no side files. Only for a
    /// file no writer can be changing: a foreign file we inspect, or one in a read-only folder.
    static func immutableURI(_ path: String) -> String {
        "file:\(escapedForURI(path))?immutable=1"
    }

    /// A `file:` URI that opens `path` read-only, with the usual locks (and its `-wal`).
    static func readOnlyURI(_ path: String) -> String {
        "file:\(escapedForURI(path))?mode=ro"
    }

    private static func escapedForURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// Words for a refused file, after "not a CMG History database: ".
    var refusal: String? {
        switch self {
        case .missing, .empty: return nil
        case .directory: return "it is a directory"
        case .special: return "it is not a regular file (a FIFO, device or socket)"
        case let .notSQLite(bytes): return "not an SQLite file (\(bytes) byte\(bytes == 1 ? "" : "s"), no SQLite header)"
        case let .unreadableSQLite(bytes):
            return "an SQLite file (\(bytes) byte\(bytes == 1 ? "" : "s")) whose list of tables cannot be read: cut short, damaged, "
                + "locked by another program, or with a -wal log and no -shm index beside it; whose it is cannot be told"
        case let .sqlite(id, foreign, _):
            if isOurs { return nil }
            if id != 0 { return "an SQLite database of another program (application_id 0x\(String(id, radix: 16, uppercase: true)))" }
            let marks = foreign.filter { $0.hasPrefix(Self.migrationsMark) || $0.hasPrefix(Self.userVersionMark) }
            let tables = foreign.filter { !marks.contains($0) }
            let parts = (tables.isEmpty ? [] : ["tables: " + Self.list(tables)]) + marks
            return "an SQLite database of another program (" + parts.joined(separator: "; ") + ")"
        }
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(8).joined(separator: ", ")
        return names.count > 8 ? shown + ", … \(names.count - 8) more" : shown
    }
}
