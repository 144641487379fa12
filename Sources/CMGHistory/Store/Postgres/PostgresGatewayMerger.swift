import Foundation

/// Moves every row of one gateway to another on PostgreSQL, inside the caller's transaction:
/// SQLite's ``GatewayMerger``, table by table, with the same counts, conflict rows and derived
/// rows recomputed.
///
/// A row whose key the target holds already is a duplicate when its values are the same (it is
/// dropped) and a conflict otherwise: the target's row is kept, the other goes to
/// `gateway_merge_conflict` as JSON (`row_to_json`, compact as SQLite's `json_object`; json
/// columns go in as text, as SQLite's TEXT columns do). The caller holds both gateways'
/// advisory locks (``PostgresGatewayNames/lockGateways(_:_:)``) and the names lock.
struct PostgresGatewayMerger {
    let connection: PGConnection
    /// Samples before this instant were pruned; their hours' rollups are all that is left.
    let rawKeptFrom: Int64

    init(_ connection: PGConnection) throws {
        self.connection = connection
        let retention = try connection.query("SELECT raw_kept_from FROM retention WHERE id = 1", binaryResults: true)
        rawKeptFrom = (retention.rowCount == 0 ? nil : try retention.optionalInt64(row: 0, column: 0)) ?? .min
    }

    /// One column of a table, as the comparisons below need it.
    struct Column {
        var name: String
        /// `json` has no equality operator: compared, and written into conflict rows, as text.
        var isJSON: Bool
        var notNull: Bool

        /// The column of row `alias` as a comparable expression.
        func value(_ alias: String) -> String { isJSON ? "\(alias).\(name)::text" : "\(alias).\(name)" }

        /// Whether the column of rows `a` and `b` hold the same value (NULL equal to NULL, as SQLite's `IS`).
        func same(_ a: String, _ b: String) -> String {
            notNull ? "\(value(a)) = \(value(b))" : "\(value(a)) IS NOT DISTINCT FROM \(value(b))"
        }
    }

    private struct Move {
        var moved = 0, duplicates = 0, conflicts = 0

        mutating func add(_ other: Move) {
            moved += other.moved
            duplicates += other.duplicates
            conflicts += other.conflicts
        }
    }

    // MARK: - Merge

    /// Moves gateway `from`'s rows to `into`, makes `from`'s names aliases of `into`, and deletes `from`.
    func merge(from: Int64, into: Int64, aliasSource: String) throws -> GatewayMergeSummary {
        guard let fromName = try PostgresGatewayNames.name(of: from, connection),
              let intoName = try PostgresGatewayNames.name(of: into, connection) else {
            throw GatewayError.unknown("#\(from)", known: [])
        }
        guard from != into else { throw GatewayError.sameGateway(fromName) }
        var summary = GatewayMergeSummary(from: fromName, into: intoName)
        let firstConflict = try connection.query("SELECT coalesce(max(id), 0) FROM gateway_merge_conflict", binaryResults: true)
            .int64(row: 0, column: 0)
        let hours = try connection.query("SELECT metric_id, hour_start FROM rollup_hour WHERE gateway_id = $1", [.int64(from)],
                                         binaryResults: true)
        let rollupHours = try (0..<hours.rowCount).map { (metric: try hours.int64(row: $0, column: 0), hour: try hours.int64(row: $0, column: 1)) }

        func count(_ kind: String, _ move: Move) {
            if move.moved > 0 { summary.moved[kind, default: 0] += move.moved }
            summary.duplicates += move.duplicates
            summary.conflicts += move.conflicts
        }
        for table in GatewayMerger.ownedTables {
            count(table.kind, try move(table.table, owner: "gateway_id", key: table.key, from: from, into: into, intoGateway: into, fromName: fromName))
        }
        count("endpoint_traffic_samples", try moveChildren(parent: "endpoint", match: "name", child: "endpoint_traffic_sample",
                                                           childKey: ["at", "vm_instance"], owner: "endpoint_id", from: from, into: into,
                                                           fromName: fromName, renormalise: true))
        count("connection_point_statuses", try moveChildren(parent: "connection_point", match: "server", child: "connection_point_status",
                                                            childKey: ["at"], owner: "connection_point_id", from: from, into: into,
                                                            fromName: fromName, renormalise: false))
        let files = try connection.query("""
            UPDATE log_file SET gateway_id = $2 WHERE gateway_id = $1 OR (gateway_id IS NULL AND lower(service) = lower($3))
            """, [.int64(from), .int64(into), .text(fromName)]).affectedRows
        if files > 0 { summary.moved["log_files", default: 0] += Int(clamping: files) }
        let events = try connection.query("UPDATE log_event SET gateway = $1 WHERE lower(gateway) = lower($2)",
                                          [.text(intoName), .text(fromName)]).affectedRows
        if events > 0 { summary.moved["log_events", default: 0] += Int(clamping: events) }
        try moveUnknownTables(from: from, into: into)

        try recomputeTrafficTotals(from: from, into: into)
        try recomputeDerived(rollupHours, from: from, into: into)
        try takeNames(from: from, fromName: fromName, into: into, aliasSource: aliasSource)

        let conflicts = try connection.query("""
            SELECT table_name, "row"::text FROM gateway_merge_conflict WHERE id > $1 ORDER BY id LIMIT $2
            """, [.int64(firstConflict), .int64(Int64(GatewayMergeSummary.maximumListedConflicts))], binaryResults: true)
        summary.conflictRows = try (0..<conflicts.rowCount).map {
            "\(try conflicts.string(row: $0, column: 0)): \(try conflicts.string(row: $0, column: 1))"
        }
        return summary
    }

    /// The columns of `table` (a constant of this file or a table the catalog names), in order.
    func columns(of table: String) throws -> [Column] {
        let result = try connection.query("""
            SELECT a.attname::text, a.atttypid = 'json'::regtype, a.attnotnull FROM pg_attribute a
            WHERE a.attrelid = to_regclass($1)::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """, [.text(table)], binaryResults: true)
        return try (0..<result.rowCount).map {
            Column(name: try result.string(row: $0, column: 0), isJSON: try result.bool(row: $0, column: 1),
                   notNull: try result.bool(row: $0, column: 2))
        }
    }

    /// Moves the rows of `from` in `table` to `into`; `owner` is the column naming their owner.
    private func move(_ table: String, owner: String, key: [String], from: Int64, into: Int64, intoGateway: Int64,
                      fromName: String) throws -> Move {
        let all = try columns(of: table)
        let keyColumns = all.filter { key.contains($0.name) }
        let values = all.filter { $0.name != owner && $0.name != "id" && !key.contains($0.name) }
        let ownerMatch: [String] = ["i.\(owner) = $2"]
        let match = (ownerMatch + keyColumns.map { $0.same("i", "t") }).joined(separator: " AND ")
        let same = values.isEmpty ? "true" : values.map { $0.same("i", "t") }.joined(separator: " AND ")
        let ids: [PGParameter] = [.int64(from), .int64(into)]
        let names: [PGParameter] = [.text(fromName), .int64(intoGateway)]
        var result = Move()
        result.duplicates = Int(clamping: try connection.query("""
            SELECT count(*) FROM \(table) t WHERE t.\(owner) = $1 AND EXISTS (SELECT 1 FROM \(table) i WHERE \(match) AND \(same))
            """, ids, binaryResults: true).int64(row: 0, column: 0))
        let order = ([owner] + key).map { "t." + $0 }.joined(separator: ", ")
        let fields = all.map { $0.isJSON ? "t.\($0.name)::text AS \($0.name)" : "t.\($0.name)" }.joined(separator: ", ")
        result.conflicts = Int(clamping: try connection.query("""
            INSERT INTO gateway_merge_conflict (from_gateway, into_gateway_id, table_name, "row")
            SELECT $3::text, $4, '\(table)', (SELECT row_to_json(r) FROM (SELECT \(fields)) r) FROM \(table) t
            WHERE t.\(owner) = $1 AND EXISTS (SELECT 1 FROM \(table) i WHERE \(match))
                AND NOT EXISTS (SELECT 1 FROM \(table) i WHERE \(match) AND \(same))
            ORDER BY \(order)
            """, ids + names).affectedRows)
        try connection.query("DELETE FROM \(table) t WHERE t.\(owner) = $1 AND EXISTS (SELECT 1 FROM \(table) i WHERE \(match))", ids)
        result.moved = Int(clamping: try connection.query("UPDATE \(table) SET \(owner) = $2 WHERE \(owner) = $1", ids).affectedRows)
        return result
    }

    /// Moves endpoints or connection points: one `into` has by the same name takes the other's
    /// rows (as in ``move``), the rest change gateway.
    private func moveChildren(parent: String, match column: String, child: String, childKey: [String], owner: String, from: Int64,
                              into: Int64, fromName: String, renormalise: Bool) throws -> Move {
        // Connection points are unique by lower(server) here (SQLite: COLLATE NOCASE).
        let sameName = column == "server" ? "lower(i.server) = lower(f.server)" : "i.\(column) = f.\(column)"
        let pairs = try connection.query("""
            SELECT f.id, i.id FROM \(parent) f JOIN \(parent) i ON i.gateway_id = $2 AND \(sameName)
            WHERE f.gateway_id = $1 ORDER BY f.id
            """, [.int64(from), .int64(into)], binaryResults: true)
        var total = Move()
        for row in 0..<pairs.rowCount {
            let source = try pairs.int64(row: row, column: 0), target = try pairs.int64(row: row, column: 1)
            if renormalise { try renormaliseIntervals(source: source, target: target) }
            total.add(try move(child, owner: owner, key: childKey, from: source, into: target, intoGateway: into, fromName: fromName))
            try connection.query("DELETE FROM \(parent) WHERE id = $1", [.int64(source)])
        }
        total.moved += Int(clamping: try connection.query("""
            SELECT count(*) FROM \(child) WHERE \(owner) IN (SELECT id FROM \(parent) WHERE gateway_id = $1)
            """, [.int64(from)], binaryResults: true).int64(row: 0, column: 0))
        try connection.query("UPDATE \(parent) SET gateway_id = $2 WHERE gateway_id = $1", [.int64(from), .int64(into)])
        return total
    }

    /// Re-encodes an endpoint's samples for the endpoint they move to: a sample stores its
    /// interval only when it differs from its endpoint's (0001), and the two may differ.
    private func renormaliseIntervals(source: Int64, target: Int64) throws {
        try connection.query("""
            UPDATE endpoint_traffic_sample
            SET interval_s = nullif(coalesce(interval_s, (SELECT interval_s FROM endpoint WHERE id = $1)),
                                    (SELECT interval_s FROM endpoint WHERE id = $2))
            WHERE endpoint_id = $1
            """, [.int64(source), .int64(target)])
    }

    /// Tables a later schema added with a `gateway_id` this merger does not know the key of: moved
    /// as they are; a clash of unique keys refuses the whole merge.
    private func moveUnknownTables(from: Int64, into: Int64) throws {
        for table in try tablesWithGatewayID() where !GatewayMerger.handledTables.contains(table) {
            do {
                try connection.query("UPDATE \(table) SET gateway_id = $1 WHERE gateway_id = $2", [.int64(into), .int64(from)])
            } catch {
                guard error.sqlState == "23505" else { throw error }
                throw GatewayError.cannotMove(table: table, reason: error.message)
            }
        }
    }

    /// The schema's tables (partitioned parents, not their partitions) with a `gateway_id` column, by name.
    func tablesWithGatewayID() throws -> [String] {
        let result = try connection.query("""
            SELECT c.relname::text FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                AND a.attname = 'gateway_id' AND NOT a.attisdropped
            ORDER BY c.relname COLLATE "C"
            """, binaryResults: true)
        return try (0..<result.rowCount).map { try result.string(row: $0, column: 0) }
    }
}
