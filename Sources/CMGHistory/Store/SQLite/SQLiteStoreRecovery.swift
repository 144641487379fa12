import Foundation
import GRDB

/// Salvages a damaged database into a new one, never in place.
///
/// A fresh, migrated database is built under a temporary name next to the destination. Each
/// table of ours is copied from the source (attached read-only) by ranges of its leading key
/// (the row id, or the first primary-key column of a `WITHOUT ROWID` table; a gateway's
/// instants, gateway by gateway, where the key is the gateway, then the instant), each range
/// its own statement;
/// a range that fails (a damaged page, a row that breaks a constraint) is split in two until
/// the failing rows are isolated and skipped. Derived data is rebuilt from what was copied:
/// per-instant traffic totals, hourly rollups (those of pruned hours, which have no raw rows
/// left, are copied), daily rollups, state spans and the log search index. The result is
/// linked into place; an existing destination is refused.
public enum StoreRecovery {
    /// Tables recomputed from raw data instead of copied.
    static let derivedTables: Set<String> = ["gateway_traffic_sample", "rollup_hour", "rollup_day", "state_span"]
    /// The narrowest range of instants given up on in a `WITHOUT ROWID` table (keyed by time):
    /// samples come at most every 5 minutes, so a minute holds one instant's rows; isolating a
    /// damaged page second by second cost 60 times the statements (about 14 s for one page
    /// of online-client samples) for no row more.
    static let narrowestTimeRange: Int64 = 60
    /// Tables the migrations fill, and the search index (rebuilt).
    static let skippedTables: Set<String> = ["grdb_migrations", "metric"]

    public static func recover(from source: String, to destination: String) throws -> RecoverySummary {
        let file = DatabaseFile.inspect(source)
        switch file {
        case .missing: throw StoreError.missing(path: source)
        case .directory: throw StoreError.isDirectory(path: source)
        case .empty: throw StoreError.noData(path: source)
        default: if let what = file.refusal { throw StoreError.notADatabase(path: source, what: what) }
        }
        try refuseExisting(destination)
        let temporary = AtomicFile.temporaryName(for: destination)
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        }
        var summary = RecoverySummary(destination: destination)
        do {
            try StoreOpener.create(at: temporary, configuration: SQLiteStore.configuration(readonly: false))
            let queue = try DatabaseQueue(path: temporary, configuration: SQLiteStore.configuration(readonly: false))
            try queue.writeWithoutTransaction { db in
                try SQLiteTimelineExtract.attachSource(source, to: db)
                defer { try? db.execute(sql: "DETACH DATABASE src") }
                try copyTables(db, into: &summary)
                try db.inTransaction {
                    try rebuildDerived(db, into: &summary)
                    return .commit
                }
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: destination, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
        guard link(temporary, destination) == 0 else {
            if errno == EEXIST { throw StoreError.destinationExists(path: destination) }
            throw StoreError.cannotOpen(path: destination, reason: String(cString: strerror(errno)))
        }
        return summary
    }

    /// Refuses a destination that exists (a file, a folder, a link): recovery never writes over anything.
    static func refuseExisting(_ destination: String) throws {
        if (try? FileManager.default.attributesOfItem(atPath: destination)) != nil {
            throw StoreError.destinationExists(path: destination)
        }
    }

    // MARK: - Copy

    private static func copyTables(_ db: Database, into summary: inout RecoverySummary) throws {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
            AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'log_entry_fts%' ORDER BY rowid
            """)
        for table in tables where !skippedTables.contains(table) && !derivedTables.contains(table) {
            let source = try? Int64.fetchOne(db, sql: "SELECT count(*) FROM src.\(table)")
            let copied = try copy(table, db)
            summary.tables.append(.init(table: table, sourceRows: source ?? nil, recoveredRows: copied))
        }
        // Hourly rollups of pruned hours have no raw rows to rebuild them from.
        if let horizon = try Int64.fetchOne(db, sql: "SELECT raw_kept_from FROM main.retention WHERE id = 1") {
            let copied = try copy("rollup_hour", db, where: "hour_start < \(horizon)")
            summary.tables.append(.init(table: "rollup_hour (pruned hours)", sourceRows: nil, recoveredRows: copied))
        }
    }

    /// Copies the readable rows of `table`, splitting failing key ranges; returns rows copied.
    private static func copy(_ table: String, _ db: Database, where condition: String = "1") throws -> Int64 {
        let columns = try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))")
        let names: [String] = try columns.map { try $0.value("name") }
        let sourceNames = Set((try? Row.fetchAll(db, sql: "PRAGMA src.table_info(\(table))").map { try $0.value("name") as String }) ?? [])
        let shared = names.filter(sourceNames.contains).map { "\"\($0)\"" }.joined(separator: ", ")
        guard !shared.isEmpty else { return 0 }
        let withoutRowID = try Bool.fetchOne(db, sql: "SELECT sql LIKE '%WITHOUT ROWID%' FROM main.sqlite_master WHERE name = ?",
                                             arguments: [table]) ?? false
        let keyColumns = try columns.map { row -> (position: Int, name: String) in (try row.value("pk"), try row.value("name")) }
            .filter { $0.position >= 1 }.sorted { $0.position < $1.position }.map(\.name)
        var scopes = [(condition: condition, key: withoutRowID ? keyColumns.first.map { "\"\($0)\"" } ?? "rowid" : "rowid", chunk: Int64?.none)]
        if withoutRowID, keyColumns.starts(with: ["gateway_id", "at"]) {
            // Keyed by gateway, then time: each gateway's instants are a range of their own (a
            // range of gateway ids cannot be split past one gateway, whose damaged page would
            // lose all of its rows), and a blob in `at` falls outside every integer range.
            scopes = try Int64.fetchAll(db, sql: "SELECT id FROM main.gateway ORDER BY id")
                .map { (condition: "gateway_id = \($0) AND \(condition)", key: "\"at\"", chunk: Int64?.some(86_400)) }
        }
        // A damaged page on the way to a gateway's first or last instant can answer a wrong one
        // without an error: every gateway is read over the widest span any of them gives.
        let spans = scopes.compactMap { bounds(table, db, key: $0.key, where: $0.condition) }
        let span = spans.isEmpty ? (low: Int64.min / 2, high: Int64.max / 2)
            : (low: spans.map(\.low).min() ?? Int64.min / 2, high: spans.map(\.high).max() ?? Int64.max / 2)
        var copied: Int64 = 0
        for scope in scopes {
            copied += try copy(table, db, columns: shared, key: scope.key, where: scope.condition, span: span,
                               narrowest: withoutRowID ? narrowestTimeRange : 1, chunk: scope.chunk)
        }
        return copied
    }

    /// The lowest and highest `key` of `table`'s rows matching `condition`, nil when they cannot be read.
    private static func bounds(_ table: String, _ db: Database, key: String, where condition: String) -> (low: Int64, high: Int64)? {
        let row = try? Row.fetchOne(db, sql: "SELECT min(\(key)), max(\(key)) FROM src.\(table) WHERE \(condition)")
        // A damaged page can hold a blob where the key is an integer: `row[i]` would trap on it.
        guard let low = row.flatMap({ try? $0.decode(Int64?.self, atIndex: 0) }),
              let high = row.flatMap({ try? $0.decode(Int64?.self, atIndex: 1) }) else { return nil }
        return (low, high)
    }

    /// Copies the readable rows of `table` matching `condition` by ranges of `key` over `span`,
    /// splitting a failing range until it is narrower than `narrowest`; returns rows copied.
    private static func copy(_ table: String, _ db: Database, columns shared: String, key: String, where condition: String,
                             span: (low: Int64, high: Int64), narrowest: Int64, chunk: Int64?) throws -> Int64 {
        let (low, high) = span
        var copied: Int64 = 0
        // Explicit stack instead of recursion: a damaged page splits ranges about 2 × 64 times.
        var ranges: [(Int64, Int64)] = [(low, high)]
        // Damaged bounds can be any integers: the arithmetic is checked, and a span too wide is one range.
        let (width, wide) = high.subtractingReportingOverflow(low)
        if let chunk, low <= high, !wide, width / chunk < 100_000, high < Int64.max - chunk {
            // Garbage read as a key can end a range's scan early without an error: a chunk at a
            // time, such a page loses no more than the rest of its chunk. Last chunk first off the stack.
            ranges = stride(from: low, through: high, by: Int(chunk)).map { ($0, min(high, $0 + chunk - 1)) }.reversed()
        }
        while let (lo, hi) = ranges.popLast() {

            do {
                // Each range in its own transaction: after SQLITE_CORRUPT, SQLite keeps failing every
                // read of that file until the transaction that met it ends.
                try db.execute(sql: """
                    INSERT OR IGNORE INTO main.\(table)(\(shared)) SELECT \(shared) FROM src.\(table)
                    WHERE \(key) >= ? AND \(key) <= ? AND \(condition)
                    """, arguments: [lo, hi])
                copied += Int64(db.changesCount)
            } catch {
                let (width, overflow) = hi.subtractingReportingOverflow(lo)
                guard lo < hi, overflow || width >= narrowest else { continue }
                // lo <= mid < hi, without overflow, for negative bounds too.
                let mid = overflow ? lo / 2 + hi / 2 : lo + width / 2
                ranges.append((mid + 1, hi))
                ranges.append((lo, mid))
            }
        }
        return copied
    }

    // MARK: - Rebuild

    /// The raw tables derived tables are rebuilt from, with their instant column.
    static let rebuildSources = [("online_clients_sample", "at"), ("endpoint_traffic_sample", "at"), ("egress_sample", "at"),
                                 ("storage_sample", "at"), ("status_snapshot", "at"), ("rollup_hour", "hour_start")]

    private static func rebuildDerived(_ db: Database, into summary: inout RecoverySummary) throws {
        // Filtered here, not while copying: a WHERE on the damaged file makes SQLite scan its damaged pages.
        for (table, column) in rebuildSources {
            try db.execute(sql: "DELETE FROM \(table) WHERE typeof(\(column)) != 'integer' OR \(column) NOT BETWEEN ? AND ?",
                           arguments: [ValueLimits.earliestInstant, ValueLimits.latestInstant])
            if db.changesCount > 0 { summary.outOfRange[table] = db.changesCount }
        }
        try db.execute(sql: """
            INSERT INTO gateway_traffic_sample(gateway_id, at, endpoint_samples, request_count, request_bytes, response_bytes,
                elapsed_weighted, elapsed_requests)
            SELECT e.gateway_id, s.at, count(*), sum(s.request_count), sum(s.request_bytes), sum(s.response_bytes),
                   coalesce(sum(s.avg_elapsed_ms * s.request_count), 0),
                   coalesce(sum(CASE WHEN s.avg_elapsed_ms IS NOT NULL THEN s.request_count END), 0)
            FROM endpoint_traffic_sample s JOIN endpoint e ON e.id = s.endpoint_id GROUP BY e.gateway_id, s.at
            """)
        let rawTables: [(RollupMetric, String)] = [(.onlineClients, "online_clients_sample"), (.requests, "gateway_traffic_sample"),
                                                   (.egressBytes, "egress_sample"), (.storageUsedBytes, "storage_sample")]
        for (metric, table) in rawTables {
            let hours = try Row.fetchAll(db, sql: "SELECT DISTINCT gateway_id, at - ((at % 3600) + 3600) % 3600 FROM \(table)")
            for row in hours {
                if metric == .requests {
                    try RollupMaintainer.recomputeTraffic(db, gatewayID: row.value(0), hourStart: row.value(1))
                } else {
                    try RollupMaintainer.recompute(db, gatewayID: row.value(0), metric: metric, hourStart: row.value(1))
                }
            }
        }
        try DailyRollups.rebuildAll(db)
        var spans = StateSpanMaintainer(db)
        for row in try Row.fetchAll(db, sql: "SELECT gateway_id, min(at), max(at) FROM status_snapshot GROUP BY gateway_id") {
            try spans.noteInserted(gatewayID: row.value(0), at: row.value(1))
            try spans.noteInserted(gatewayID: row.value(0), at: row.value(2))
        }
        try spans.rebuild()
        try db.execute(sql: "INSERT INTO log_entry_fts(log_entry_fts) VALUES ('rebuild')")
        summary.rebuilt = ["gateway_traffic_sample", "rollup_hour", "rollup_day", "state_span", "log_entry_fts"]
    }
}
