/// The bulk path for raw samples on PostgreSQL: one batch → binary COPY into a staging table →
/// one `INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING`.
///
/// COPY alone cannot skip rows already stored (a re-import would fail on the first duplicate
/// key), and row-by-row `INSERT … ON CONFLICT` costs a round trip or a parse per row. Staging
/// keeps COPY's speed and gets `ON CONFLICT`'s idempotence in one statement; `RETURNING` says
/// which rows were new, which is what rollups and spans are maintained from. The staging table
/// is a session-local temporary copy of the raw table's columns, emptied at each batch.
///
/// ```swift
/// let new = try PostgresSampleCopy.onlineClients.insertNew(connection, rows: [[1, 1_790_000_000, 1834]])
/// ```
public struct PostgresSampleCopy: Sendable {
    /// The raw table written.
    public let table: String
    /// Its columns, in the order of each row's values; all bigint.
    public let columns: [String]

    /// `online_clients_sample (gateway_id, at, count)`.
    public static let onlineClients = PostgresSampleCopy(table: "online_clients_sample", columns: ["gateway_id", "at", "count"])
    /// `egress_sample (gateway_id, at, interval_s, bytes)`.
    public static let egress = PostgresSampleCopy(table: "egress_sample", columns: ["gateway_id", "at", "interval_s", "bytes"])
    /// `storage_sample (gateway_id, at, used_bytes)`.
    public static let storage = PostgresSampleCopy(table: "storage_sample", columns: ["gateway_id", "at", "used_bytes"])
    /// `reported_egress_sample (gateway_id, at, last_14_days_bytes)`.
    public static let reportedEgress = PostgresSampleCopy(table: "reported_egress_sample", columns: ["gateway_id", "at", "last_14_days_bytes"])
    /// `online_clients_by_network (gateway_id, at, internet_count, intranet_count)`.
    public static let onlineClientsByNetwork = PostgresSampleCopy(table: "online_clients_by_network", columns: ["gateway_id", "at", "internet_count", "intranet_count"])
    /// `connection_point_status (connection_point_id, at, status)`.
    public static let connectionPointStatus = PostgresSampleCopy(table: "connection_point_status", columns: ["connection_point_id", "at", "status"])
    /// `endpoint_traffic_sample`, in its stored encoding (interval_s NULL when the endpoint's).
    public static let endpointTraffic = PostgresSampleCopy(table: "endpoint_traffic_sample", columns: [
        "endpoint_id", "at", "vm_instance", "interval_s", "request_count", "request_bytes", "unanswered_count", "response_bytes", "avg_elapsed_ms",
    ])

    /// A copy path for `table` with `columns` (each a bigint; one of them `at`).
    public init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    /// Stores the rows of `rows` that are not stored yet and returns them, as stored.
    ///
    /// Each row holds one value per column (nil for NULL). Creates the months the rows touch
    /// (``PostgresPartitions``) first. Runs in the caller's transaction when one is open (the
    /// batch's), else in its own. A row that breaks a constraint fails the whole batch with the
    /// server's SQLSTATE, as a batch does on SQLite.
    public func insertNew(_ connection: PGConnection, rows: [[Int64?]]) throws -> [[Int64?]] {
        guard let atIndex = columns.firstIndex(of: "at") else {
            throw PostgresError(.statement, message: "\(table): the copy's columns hold no at")
        }
        guard !rows.isEmpty else { return [] }
        var instants: [UnixSeconds] = []
        instants.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            guard row.count == columns.count else {
                throw PostgresError(.statement, message: "\(table): row \(index) has \(row.count) values for \(columns.count) columns")
            }
            guard let at = row[atIndex] else { throw PostgresError(.statement, message: "\(table): row \(index) has no at") }
            instants.append(at)
        }
        try PostgresPartitions.ensureMonths(connection, table: table, instants: instants)
        let work = { () throws -> [[Int64?]] in
            try self.stage(connection, rows)
            let list = columns.joined(separator: ", ")
            let result = try connection.query(
                "INSERT INTO \(table) (\(list)) SELECT \(list) FROM \(stagingTable) ON CONFLICT DO NOTHING RETURNING \(list)",
                binaryResults: true)
            var stored: [[Int64?]] = []
            stored.reserveCapacity(result.rowCount)
            for row in 0..<result.rowCount {
                var values: [Int64?] = []
                values.reserveCapacity(columns.count)
                for column in 0..<columns.count { values.append(try result.optionalInt64(row: row, column: column)) }
                stored.append(values)
            }
            return stored
        }
        return connection.isInTransaction ? try work() : try connection.transaction(.readCommitted, work)
    }

    /// The session's staging table for ``table``.
    var stagingTable: String { "cmg_staging_\(table)" }

    /// Empties the staging table (creating it on first use) and copies `rows` into it.
    private func stage(_ connection: PGConnection, _ rows: [[Int64?]]) throws {
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(stagingTable) (LIKE \(table) INCLUDING DEFAULTS);
            TRUNCATE \(stagingTable)
            """)
        let fields = Int16(columns.count)
        try connection.copyIn("COPY \(stagingTable) (\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary)") { copy in
            for row in rows {
                copy.startRow(fields: fields)
                for value in row { copy.int64(value) }
                try copy.flushIfFull()
            }
        }
    }
}
