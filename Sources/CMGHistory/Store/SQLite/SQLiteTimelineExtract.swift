import Foundation
import GRDB

/// Writes an extract (``ExtractScope``) of an SQLite source: `INSERT … SELECT` from the source
/// attached read-only.
///
/// The extract is created with this binary's migrations (so any `cmg-history` opens it), then
/// filled from the source database, attached read-only (only `SELECT`s run on it), over the
/// scope's rows (``ExtractScope`` lists them) in foreign-key order, in one transaction. Row ids
/// are kept, so the references in `timeline.json` (`operation/12/…`, `log_entry/57`) resolve in it.
enum SQLiteTimelineExtract {
    /// Writes the extract of `scope` from the SQLite database at `source` to `path`, replacing
    /// what is there only once it is complete.
    ///
    /// - throws: ``TimelineBundleError/cannotWrite(path:reason:)`` when the extract cannot be
    ///   created or put in place; a ``StoreError`` when the source cannot be read.
    static func write(_ scope: ExtractScope, source: String, to path: String) throws {
        try build(at: path) { queue in
            try queue.writeWithoutTransaction { db in
                // Read-only: the source is only ever read, even when the extract is being written.
                try attachSource(source, to: db)
                defer { try? db.execute(sql: "DETACH DATABASE src") }
                try db.inTransaction {
                    try copy(scope, db)
                    return .commit
                }
            }
        }
    }

    /// Creates a migrated history under a fresh name beside `path`, lets `fill` write it, and
    /// renames it into place: what every backend's extract is written through.
    ///
    /// Built under a fresh name and renamed into place: a link planted as extract.sqlite is
    /// replaced, not followed, and a reader never opens half an extract.
    ///
    /// - throws: ``TimelineBundleError/cannotWrite(path:reason:)`` when the file cannot be
    ///   created or put in place; what `fill` throws.
    static func build(at path: String, _ fill: (DatabaseQueue) throws -> Void) throws {
        let temporary = AtomicFile.temporaryName(for: path)
        defer {
            for suffix in ["", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: temporary, configuration: config)
            try queue.writeWithoutTransaction { db in try SchemaMigrations.migrate(db) }
        } catch {
            throw TimelineBundleError.cannotWrite(path: path, reason: "\(error)")
        }
        try fill(queue)
        try queue.close()
        do {
            for suffix in ["-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.removeItem(atPath: path + suffix)
            }
            try AtomicFile.replace(path, with: temporary)
        } catch {
            throw TimelineBundleError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// Attaches the source database read-only as `src`.
    ///
    /// A WAL database in a folder (or a file) this process may not write cannot get the `-shm`
    /// index SQLite needs, and `mode=ro` then fails ("attempt to write a readonly database");
    /// reports read such a file as immutable when no `-wal` shows a writer at work
    /// (``StoreOpener/openReadOnly(_:configuration:)``), and so does this.
    static func attachSource(_ path: String, to db: Database) throws {
        do {
            try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [DatabaseFile.readOnlyURI(path)])
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM src.sqlite_master")
        } catch let error as DatabaseError
                    where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(error.resultCode)
                    && !FileManager.default.fileExists(atPath: path + "-wal") {
            try? db.execute(sql: "DETACH DATABASE src")
            try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [DatabaseFile.immutableURI(path)])
        }
    }

    /// The copy, in foreign-key order (the rows ``ExtractScope`` lists).
    private static func copy(_ scope: ExtractScope, _ db: Database) throws {
        let window = scope.window
        let start = scope.evidenceStart
        let end = window.end
        let ids = try scope.gateways.compactMap { name in
            try Int64.fetchOne(db, sql: "SELECT id FROM src.gateway WHERE name = ? COLLATE NOCASE", arguments: [name])
        }
        let gateways = "(" + ids.map(String.init).joined(separator: ",") + ")"
        let stale = StalenessPolicy.defaultLimitSeconds

        try db.execute(sql: "INSERT INTO main.gateway SELECT * FROM src.gateway WHERE id IN \(gateways)")

        // Configuration and alert thresholds: the window, and what is in force when it starts,
        // which is merged field by field (GatewayConfigHistory): the latest record before it,
        // and for each field the latest record that set it.
        for (table, columns) in [("gateway_config", GatewayConfigHistory.configColumns), ("alert_config", GatewayConfigHistory.alertColumns)] {
            try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM src.\(table) WHERE gateway_id IN \(gateways) AND at >= ? AND at < ?",
                           arguments: [start, end])
            for id in ids {
                for setting in ["1"] + columns.map({ "\($0) IS NOT NULL" }) {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO main.\(table) SELECT * FROM src.\(table)
                        WHERE gateway_id = ? AND at < ? AND \(setting) ORDER BY at DESC LIMIT 1
                        """, arguments: [id, start])
                }
            }
        }

        // Status: snapshots of the window, and the spans the timeline reads (with the one before).
        try db.execute(sql: "INSERT INTO main.status_snapshot SELECT * FROM src.status_snapshot WHERE gateway_id IN \(gateways) AND at >= ? AND at < ?",
                       arguments: [start - stale, end])
        try db.execute(sql: """
            INSERT INTO main.state_span SELECT * FROM src.state_span
            WHERE gateway_id IN \(gateways) AND first_seen_at < ? AND last_seen_at >= ?
            """, arguments: [end, start - stale])
        for id in ids {
            try db.execute(sql: """
                INSERT INTO main.state_span SELECT * FROM src.state_span WHERE gateway_id = ? AND last_seen_at < ?
                ORDER BY first_seen_at DESC LIMIT 1
                """, arguments: [id, start - stale])
        }

        // Connection points: the window's observations and the one before, per connection point.
        try db.execute(sql: "INSERT INTO main.connection_point SELECT * FROM src.connection_point WHERE gateway_id IN \(gateways)")
        let points = try Int64.fetchAll(db, sql: "SELECT id FROM main.connection_point")
        for point in points {
            try db.execute(sql: """
                INSERT INTO main.connection_point_status SELECT * FROM src.connection_point_status
                WHERE connection_point_id = ? AND at >= ? AND at < ?
                """, arguments: [point, start, end])
            try db.execute(sql: """
                INSERT INTO main.connection_point_status SELECT * FROM src.connection_point_status
                WHERE connection_point_id = ? AND at < ? ORDER BY at DESC LIMIT 1
                """, arguments: [point, start])
        }

        // Operations touching the window or in progress at its start; credentials (all of the
        // gateways', they are few) without their raw `extra` JSON.
        try db.execute(sql: """
            INSERT INTO main.operation SELECT * FROM src.operation
            WHERE gateway_id IN \(gateways) AND requested_at < ?
              AND (requested_at >= ? OR completed_at >= ? OR (completed_at IS NULL AND outcome = 'in_progress'))
            """, arguments: [end, start, start])
        try db.execute(sql: """
            INSERT INTO main.credential(id, gateway_id, kind, name, subject, thumbprint, not_before, expires_at, extra,
                                        issuer, serial_number, subject_alt_names, renewed_at)
            SELECT id, gateway_id, kind, name, subject, thumbprint, not_before, expires_at, NULL,
                   issuer, serial_number, subject_alt_names, renewed_at
            FROM src.credential WHERE gateway_id IN \(gateways)
            """)

        // Samples of the window.
        for table in ["online_clients_sample", "egress_sample", "storage_sample", "gateway_traffic_sample",
                      "online_clients_by_network", "reported_egress_sample"] {
            try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM src.\(table) WHERE at >= ? AND at < ? AND gateway_id IN \(gateways)",
                           arguments: [start, end])
        }
        try db.execute(sql: "INSERT INTO main.endpoint SELECT * FROM src.endpoint WHERE gateway_id IN \(gateways)")
        try db.execute(sql: """
            INSERT INTO main.endpoint_traffic_sample SELECT s.* FROM src.endpoint_traffic_sample s
            WHERE s.at >= ? AND s.at < ? AND s.endpoint_id IN (SELECT id FROM main.endpoint)
            """, arguments: [start, end])

        // Hourly rollups: the window's, and the traffic baseline's weeks before it.
        let firstHour = RollupMaintainer.hourStart(window.start)
        let baselineStart = firstHour - 3600 - Int64(TimelinePolicy.baselineWeeks) * 7 * 86_400
        try db.execute(sql: """
            INSERT INTO main.rollup_hour SELECT * FROM src.rollup_hour
            WHERE gateway_id IN \(gateways) AND hour_start < ?
              AND (hour_start >= ? OR (metric_id IN (?, ?) AND hour_start >= ?))
            """, arguments: [end, RollupMaintainer.hourStart(start), RollupMetric.onlineClients.rawValue, RollupMetric.requests.rawValue,
                             baselineStart])
        // Days from those hours, so that reports over the extract read what it holds.
        try DailyRollups.rebuildAll(db)

        // Logs of the window (every entry, for context), their files and events. Entries of
        // unknown zone are taken as the timeline takes them: when they could fall in the window.
        try db.execute(sql: "DROP TABLE IF EXISTS temp.extract_entry")
        try db.execute(sql: """
            CREATE TEMP TABLE extract_entry AS
            SELECT e.id FROM src.log_entry e JOIN src.log_file f ON f.id = e.log_file_id
            WHERE coalesce(e.utc_ms, e.local_ms) >= ? AND coalesce(e.utc_ms, e.local_ms) < ?
              AND ((e.utc_ms >= ? AND e.utc_ms < ?) OR (e.utc_ms IS NULL AND e.local_ms >= ? AND e.local_ms < ?))
              AND (f.gateway_id IS NULL OR f.gateway_id IN \(gateways))
            """, arguments: [
                min(start, window.start - TimelinePolicy.unknownZoneBefore) * 1000, (end + TimelinePolicy.unknownZoneAfter) * 1000,
                start * 1000, end * 1000,
                (window.start - TimelinePolicy.unknownZoneBefore) * 1000, (end + TimelinePolicy.unknownZoneAfter) * 1000,
            ])
        try db.execute(sql: """
            INSERT INTO main.log_file SELECT * FROM src.log_file
            WHERE id IN (SELECT log_file_id FROM src.log_entry WHERE id IN (SELECT id FROM temp.extract_entry))
            """)
        try db.execute(sql: "INSERT INTO main.log_entry SELECT * FROM src.log_entry WHERE id IN (SELECT id FROM temp.extract_entry)")
        // The full-text index is not copied row by row; rebuilt from the copied entries, `logs
        // search` works on the extract, and deleting an entry there finds it in the index.
        try db.execute(sql: "INSERT INTO main.log_entry_fts(log_entry_fts) VALUES ('rebuild')")
        try db.execute(sql: "INSERT INTO main.log_event SELECT * FROM src.log_event WHERE entry_id IN (SELECT id FROM temp.extract_entry)")
        try db.execute(sql: "DROP TABLE temp.extract_entry")
    }
}
