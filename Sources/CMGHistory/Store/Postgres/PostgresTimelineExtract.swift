import GRDB

/// Writes an extract (``ExtractScope``) of a PostgreSQL history: a new SQLite history holding
/// the rows SQLite's extract (SQLiteTimelineExtract.swift) takes from an SQLite source, read in
/// one snapshot of the server and stored through ``SQLiteStore/insertCopied(_:into:)``.
///
/// Row ids are kept, so the references in `timeline.json` (`operation/12/…`, `log_entry/57`)
/// resolve in it; the extract's daily rollups and full-text index are rebuilt from what it
/// holds, as on SQLite. The server is only read.
enum PostgresTimelineExtract {
    /// Writes the extract of `scope` read through `connection` to `path`, replacing what is
    /// there only once it is complete.
    ///
    /// - throws: ``TimelineBundleError/cannotWrite(path:reason:)`` when the extract cannot be
    ///   created or put in place; a ``PostgresError`` when the server cannot be read.
    static func write(_ scope: ExtractScope, from connection: PGConnection, to path: String) throws {
        try SQLiteTimelineExtract.build(at: path) { queue in
            let extract = try SQLiteStore(queue)
            let tables = try PostgresSnapshot.read(connection) { try ExtractRows(scope: scope, snapshot: $0).all() }
            for (table, rows) in tables {
                _ = try extract.insertCopied(rows, into: table)
            }
            // Days from the copied hours, so that reports over the extract read what it holds; the
            // full-text index from the copied entries, so `logs search` works on it.
            try extract.writeTransaction { try DailyRollups.rebuildAll($0) }
            try extract.finishCopy()
        }
    }
}

/// The rows of an extract, table by table in foreign-key order, read from one snapshot.
private struct ExtractRows {
    let scope: ExtractScope
    let snapshot: PostgresSnapshot

    /// Every table's rows, in the order they are stored.
    func all() throws -> [(HistoryTable, [[StoreValue]])] {
        let window = scope.window
        let start = scope.evidenceStart
        let end = window.end
        var ids: [Int64] = []
        for name in scope.gateways {
            let result = try snapshot.connection.query("SELECT id FROM gateway WHERE lower(name) = lower($1)", [.text(name)], binaryResults: true)
            if result.rowCount > 0 { ids.append(try result.int64(row: 0, column: 0)) }
        }
        let gateways = PGParameter.text("{" + ids.map(String.init).joined(separator: ",") + "}")
        let inGateways = "gateway_id = ANY($1::bigint[])"
        let stale = StalenessPolicy.defaultLimitSeconds
        let (staleStart, overflow) = start.subtractingReportingOverflow(stale)
        guard !overflow else { throw PostgresError(.statement, message: "the extract's start \(start) is out of range") }
        var tables: [(HistoryTable, [[StoreValue]])] = []
        func add(_ name: String, _ condition: String, _ parameters: [PGParameter], replacing: [String: String] = [:]) throws {
            let table = try Self.table(name)
            let rows = try snapshot.rows(table, where: condition, parameters, replacing: replacing)
            if let index = tables.firstIndex(where: { $0.0 == table }) { tables[index].1 += rows } else { tables.append((table, rows)) }
        }

        try add("gateway", "id = ANY($1::bigint[])", [gateways])
        // Configuration and alert thresholds: the window, and what is in force when it starts,
        // which is merged field by field: the latest record before it, and for each field the
        // latest record that set it (duplicates are ignored where stored).
        for (table, columns) in [("gateway_config", GatewayConfigHistory.configColumns), ("alert_config", GatewayConfigHistory.alertColumns)] {
            try add(table, "\(inGateways) AND at >= $2 AND at < $3", [gateways, .int64(start), .int64(end)])
            for id in ids {
                for setting in ["true"] + columns.map({ "\($0) IS NOT NULL" }) {
                    try add(table, "gateway_id = $1 AND at < $2 AND \(setting) ORDER BY at DESC LIMIT 1", [.int64(id), .int64(start)])
                }
            }
        }

        // Status: snapshots of the window, and the spans the timeline reads (with the one before).
        try add("status_snapshot", "\(inGateways) AND at >= $2 AND at < $3", [gateways, .int64(staleStart), .int64(end)])
        try add("state_span", "\(inGateways) AND first_seen_at < $2 AND last_seen_at >= $3", [gateways, .int64(end), .int64(staleStart)])
        for id in ids {
            try add("state_span", "gateway_id = $1 AND last_seen_at < $2 ORDER BY first_seen_at DESC LIMIT 1", [.int64(id), .int64(staleStart)])
        }

        // Connection points: the window's observations and the one before, per connection point.
        try add("connection_point", inGateways, [gateways])
        let points = try snapshot.connection.query("SELECT id FROM connection_point WHERE \(inGateways) ORDER BY id", [gateways],
                                                   binaryResults: true)
        for row in 0..<points.rowCount {
            let point = PGParameter.int64(try points.int64(row: row, column: 0))
            try add("connection_point_status", "connection_point_id = $1 AND at >= $2 AND at < $3", [point, .int64(start), .int64(end)])
            try add("connection_point_status", "connection_point_id = $1 AND at < $2 ORDER BY at DESC LIMIT 1", [point, .int64(start)])
        }

        // Operations touching the window or in progress at its start; credentials (all of the
        // gateways', they are few) without their raw `extra` JSON.
        try add("operation", """
            \(inGateways) AND requested_at < $2
            AND (requested_at >= $3 OR completed_at >= $3 OR (completed_at IS NULL AND outcome = 'in_progress'))
            """, [gateways, .int64(end), .int64(start)])
        try add("credential", inGateways, [gateways], replacing: ["extra": "NULL"])

        // Samples of the window.
        for table in ["online_clients_sample", "egress_sample", "storage_sample", "gateway_traffic_sample",
                      "online_clients_by_network", "reported_egress_sample"] {
            try add(table, "at >= $2 AND at < $3 AND \(inGateways)", [gateways, .int64(start), .int64(end)])
        }
        try add("endpoint", inGateways, [gateways])
        try add("endpoint_traffic_sample", "at >= $2 AND at < $3 AND endpoint_id IN (SELECT id FROM endpoint WHERE \(inGateways))",
                [gateways, .int64(start), .int64(end)])

        // Hourly rollups: the window's, and the traffic baseline's weeks before it.
        let firstHour = RollupMaintainer.hourStart(window.start)
        let baselineStart = firstHour - 3600 - Int64(TimelinePolicy.baselineWeeks) * 7 * 86_400
        try add("rollup_hour", """
            \(inGateways) AND hour_start < $2 AND (hour_start >= $3 OR (metric_id IN ($4, $5) AND hour_start >= $6))
            """, [gateways, .int64(end), .int64(RollupMaintainer.hourStart(start)), .int64(RollupMetric.onlineClients.rawValue),
                  .int64(RollupMetric.requests.rawValue), .int64(baselineStart)])

        // Logs of the window (every entry, for context), their files and events. Entries of
        // unknown zone are taken as the timeline takes them: when they could fall in the window.
        let before = TimelinePolicy.unknownZoneBefore, after = TimelinePolicy.unknownZoneAfter
        let bounds = try [min(start, window.start - before), end + after, start, end, window.start - before, end + after].map { seconds in
            let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
            guard !overflow else { throw PostgresError(.statement, message: "the extract's window reaches \(seconds), out of range") }
            return PGParameter.int64(milliseconds)
        }
        let entries = """
            SELECT e.id FROM log_entry e JOIN log_file f ON f.id = e.log_file_id
            WHERE coalesce(e.utc_ms, e.local_ms) >= $2 AND coalesce(e.utc_ms, e.local_ms) < $3
              AND ((e.utc_ms >= $4 AND e.utc_ms < $5) OR (e.utc_ms IS NULL AND e.local_ms >= $6 AND e.local_ms < $7))
              AND (f.gateway_id IS NULL OR f.gateway_id = ANY($1::bigint[]))
            """
        try add("log_file", "id IN (SELECT log_file_id FROM log_entry WHERE id IN (\(entries)))", [gateways] + bounds)
        try add("log_entry", "id IN (\(entries))", [gateways] + bounds)
        try add("log_event", "entry_id IN (\(entries))", [gateways] + bounds)
        return tables
    }

    /// The history table named `name`.
    private static func table(_ name: String) throws -> HistoryTable {
        guard let table = HistoryTable.all.first(where: { $0.name == name }) else {
            throw PostgresError(.statement, message: "the extract names table \(name), which a history does not hold")
        }
        return table
    }
}

extension PostgresSnapshot {
    /// The rows of `table` (its ``HistoryTable/columns``) that `condition` selects (it may end
    /// in `ORDER BY … LIMIT …`), with `replacing`'s expressions read in place of some columns.
    func rows(_ table: HistoryTable, where condition: String, _ parameters: [PGParameter],
              replacing: [String: String] = [:]) throws -> [[StoreValue]] {
        let types = try columnTypes(table)
        let selected = try table.columns.map { column -> String in
            if let expression = replacing[column] { return expression }
            guard let type = types[column] else { throw PostgresError(.decoding, message: "\(table.name) has no column \(column)") }
            return type == .json ? "\(Self.quoted(column))::text" : Self.quoted(column)
        }
        let result = try connection.query("SELECT \(selected.joined(separator: ", ")) FROM \(table.name) WHERE \(condition)",
                                          parameters, binaryResults: true)
        let kinds = table.columns.map { replacing[$0] == nil ? types[$0] ?? .text : .text }
        return try (0..<result.rowCount).map { row in try Self.values(result, row: row, kinds) }
    }
}
