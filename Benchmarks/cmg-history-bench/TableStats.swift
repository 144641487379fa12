import Foundation
// The library's public `HistoryStore.read` already hands out GRDB's `Database`; the benchmark
// uses GRDB directly only to read any database (ours or the baseline's) for its statistics.
import GRDB

/// Rows and on-disk bytes of the two sample tables of a database.
///
/// Two sizes per table:
/// - *as stored*: the pages of the table's b-tree (and of any index on it, overflow included)
///   in the file as the import left it, from SQLite's `dbstat` virtual table;
/// - *vacuumed*: the same in a `VACUUM INTO` copy, where b-tree pages are packed full. Without
///   dbstat, this one is measured instead by `PRAGMA page_count` of a vacuumed copy holding
///   that table alone, less that of a copy holding no table.
struct TableStats {
    struct Table {
        var name: String
        var rows: Int
        var bytes: Int?
        var vacuumedBytes: Int
        var targetBytesPerRow: Double
        var bytesPerRow: Double? { bytes.map { rows == 0 ? 0 : Double($0) / Double(rows) } }
        var vacuumedBytesPerRow: Double { rows == 0 ? 0 : Double(vacuumedBytes) / Double(rows) }
    }

    var path: String
    var fileBytes: Int
    var pageSize: Int
    var freePages: Int
    var hasDbstat: Bool
    var tables: [Table]

    static let sampleTables: [(name: String, target: Double)] = [
        ("online_clients_sample", 20),
        ("endpoint_traffic_sample", 32),
    ]

    static func measure(databasePath path: String) throws -> TableStats {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Options.Problem(description: "no database at \(path)")
        }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.inDatabase { db in
            // Leave the main file complete (a no-op when the last writer already checkpointed).
            _ = try? Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let pageCount = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let freePages = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            // CMG_BENCH_NO_DBSTAT=1 forces the fallback, to check it against dbstat.
            let hasDbstat = ProcessInfo.processInfo.environment["CMG_BENCH_NO_DBSTAT"] == nil
                && (try? Int.fetchOne(db, sql: "SELECT count(*) FROM dbstat WHERE name = 'sqlite_schema'")) != nil

            let copy = path + ".bench-vacuumed"
            try? FileManager.default.removeItem(atPath: copy)
            defer { try? FileManager.default.removeItem(atPath: copy) }
            var vacuumed: DatabaseQueue?
            if hasDbstat {
                try db.execute(sql: "VACUUM INTO ?", arguments: [copy])
                vacuumed = try DatabaseQueue(path: copy)
            }
            defer { try? vacuumed?.close() }

            var tables: [Table] = []
            for (name, target) in sampleTables {
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(name)") ?? 0
                if let vacuumed {
                    let stored = try dbstatBytes(of: name, in: db)
                    let packed = try vacuumed.inDatabase { try dbstatBytes(of: name, in: $0) }
                    tables.append(Table(name: name, rows: rows, bytes: stored, vacuumedBytes: packed, targetBytesPerRow: target))
                } else {
                    let packed = try pagesAlone(table: name, in: db, path: path) * pageSize
                    tables.append(Table(name: name, rows: rows, bytes: nil, vacuumedBytes: packed, targetBytesPerRow: target))
                }
            }
            let fileBytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? pageCount * pageSize
            return TableStats(path: path, fileBytes: fileBytes, pageSize: pageSize, freePages: freePages,
                              hasDbstat: hasDbstat, tables: tables)
        }
    }

    private static func dbstatBytes(of table: String, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT coalesce(sum(pgsize), 0) FROM dbstat
            WHERE name = ? OR name IN (SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?)
            """, arguments: [table, table]) ?? 0
    }

    /// Fallback without dbstat: pages of a vacuumed copy holding only `table`, less the pages of
    /// an equally vacuumed copy holding no table at all (the schema page).
    private static func pagesAlone(table: String, in db: Database, path: String) throws -> Int {
        func pages(keeping keep: String?) throws -> Int {
            let copy = path + ".bench-copy"
            try? FileManager.default.removeItem(atPath: copy)
            defer { try? FileManager.default.removeItem(atPath: copy) }
            try db.execute(sql: "VACUUM INTO ?", arguments: [copy])
            let other = try DatabaseQueue(path: copy)
            defer { try? other.close() }
            return try other.writeWithoutTransaction { c in
                try c.execute(sql: "PRAGMA foreign_keys = OFF")
                let names = try String.fetchAll(c, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                for name in names where name != keep { try c.execute(sql: "DROP TABLE \"\(name)\"") }
                try c.execute(sql: "VACUUM")
                return try Int.fetchOne(c, sql: "PRAGMA page_count") ?? 0
            }
        }
        return try pages(keeping: table) - pages(keeping: nil)
    }

    func printTable() {
        let method = hasDbstat ? "dbstat" : "page_count of vacuumed copies (no dbstat in this SQLite)"
        print("database \(path): \(format(fileBytes)) bytes on disk (\(megabytes(fileBytes))), page size \(pageSize), \(freePages) free pages; table sizes by \(method)")
        print("  table                        rows   bytes as stored  bytes/row   after VACUUM  bytes/row  target")
        for t in tables {
            let stored = t.bytes.map { format($0) } ?? "n/a"
            let storedPerRow = t.bytesPerRow.map { String(format: "%.2f", $0) } ?? "n/a"
            let verdict = (t.bytesPerRow ?? t.vacuumedBytesPerRow) <= t.targetBytesPerRow ? "ok" : "OVER"
            print("  " + pad(t.name, 24) + lpad(format(t.rows), 12) + lpad(stored, 18) + lpad(storedPerRow, 11)
                  + lpad(format(t.vacuumedBytes), 15) + lpad(String(format: "%.2f", t.vacuumedBytesPerRow), 11)
                  + lpad("≤\(Int(t.targetBytesPerRow))", 8) + "  " + verdict + (t.bytes == nil ? " after VACUUM" : " as stored"))
        }
    }

    /// One machine-readable line for ingest.sh.
    func resultLine(kind: String) -> String {
        var fields = ["RESULT", "kind=\(kind)", "file_bytes=\(fileBytes)"]
        for (t, short) in zip(tables, ["oc", "et"]) {
            fields.append("\(short)_rows=\(t.rows)")
            fields.append("\(short)_bytes=\(t.bytes.map(String.init) ?? "na")")
            fields.append("\(short)_bpr=\(t.bytesPerRow.map { String(format: "%.2f", $0) } ?? "na")")
            fields.append("\(short)_vac_bpr=\(String(format: "%.2f", t.vacuumedBytesPerRow))")
        }
        return fields.joined(separator: " ")
    }
}

func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
func lpad(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }
