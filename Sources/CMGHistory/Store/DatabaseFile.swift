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
    /// An SQLite database; `ours` when it carries our application id, or carries none and holds
    /// only our tables (a database made before the id was set) or no table at all.
    case sqlite(applicationID: UInt32, foreignTables: [String], hasTables: Bool)

    /// `PRAGMA application_id` of a CMG History database: ASCII "CMGH". SQLite keeps it at
    /// offset 68 of the header, where `file(1)` and other tools read it.
    static let applicationID: UInt32 = 0x434D_4748

    /// What SQLite writes at the start of every database file.
    static let sqliteMagic = Array("SQLite format 3\0".utf8)
    /// Size of the SQLite database header, which holds the application id.
    static let headerLength = 100

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
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if id == applicationID { return .sqlite(applicationID: id, foreignTables: [], hasTables: true) }
        let tables = tableNames(path) ?? []
        let known = SchemaMigrations.tableNames
        let foreign = tables.filter { !known.contains($0) && !isShadowTable($0, of: known) }
        return .sqlite(applicationID: id, foreignTables: foreign, hasTables: !tables.isEmpty)
    }

    /// FTS5 keeps its index in tables named after the virtual table (`log_entry_fts_data`, …).
    private static func isShadowTable(_ name: String, of known: Set<String>) -> Bool {
        known.contains { name.hasPrefix($0 + "_") && ["data", "idx", "content", "docsize", "config"].contains(String(name.dropFirst($0.count + 1))) }
    }

    /// The user tables of an SQLite file, read through an immutable connection, or nil when it
    /// cannot be read.
    static func tableNames(_ path: String) -> [String]? {
        var handle: OpaquePointer?
        defer { sqlite3_close_v2(handle) }
        guard sqlite3_open_v2(immutableURI(path), &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil) == SQLITE_OK else {
            return nil
        }
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        let sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        var names: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            if let text = sqlite3_column_text(statement, 0) { names.append(String(cString: text)) }
        }
        return names
    }

    /// A `file:` URI that opens `path` read-only with no locking and no side files. Only for a
    /// file no writer can be changing: a foreign file we inspect, or one in a read-only folder.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "file:\(escaped)?immutable=1"
    }

    /// Words for a refused file, after "not a CMG History database: ".
    var refusal: String? {
        switch self {
        case .missing, .empty: nil
        case .directory: "it is a directory"
        case .special: "it is not a regular file (a FIFO, device or socket)"
        case let .notSQLite(bytes): "not an SQLite file (\(bytes) byte\(bytes == 1 ? "" : "s"), no SQLite header)"
        case let .sqlite(id, foreign, _):
            if isOurs { nil }
            else if id != 0 { "an SQLite database of another program (application_id 0x\(String(id, radix: 16, uppercase: true)))" }
            else { "an SQLite database of another program (tables: \(Self.list(foreign)))" }
        }
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(8).joined(separator: ", ")
        return names.count > 8 ? shown + ", … \(names.count - 8) more" : shown
    }
}
