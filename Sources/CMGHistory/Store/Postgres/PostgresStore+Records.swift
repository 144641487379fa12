/// Records entered by hand, and what the gateway commands count, on PostgreSQL
/// (SQLiteStore+Records.swift, +GatewaySet.swift, +UnlinkedOperations.swift).
extension PostgresStore {
    /// Records what an admin read in the console (`gateway set`) as a configuration record at
    /// `at`, merged field by field with what is stored (``SQLiteStore/setGatewayConfiguration(gateway:at:vmSize:instances:)``).
    func setGatewayConfiguration(gateway: String, at: UnixSeconds, vmSize: String?, instances: Int64?) throws -> ImportSummary {
        switch EnteredRecords.gatewayConfiguration(gateway: gateway, at: at, vmSize: vmSize, instances: instances) {
        case .success(let record): return try importRecords([record], source: EnteredRecords.gatewaySetSource)
        case .failure(let rejected): return rejected.summary
        }
    }

    /// Stores records an admin entered by hand (`credential add`) in one transaction; one out of
    /// range refuses them all (``EnteredRecords``).
    func importRecords(_ records: [HistoryRecord], source: String) throws -> ImportSummary {
        try refuseReadOnly()
        return try EnteredRecords.importRecords(records, source: source) { numbered in
            try pool.withConnection { try PostgresRecordWriter.importBatch(numbered, file: source, on: $0) }
        }
    }

    /// The stored gateways' names, sorted by their bytes (SQLite's `ORDER BY name`).
    func gatewayNames() throws -> [String] {
        try pool.withConnection { connection in
            let result = try connection.query("SELECT name FROM gateway ORDER BY name COLLATE \"C\"", binaryResults: true)
            return try (0..<result.rowCount).map { try result.string(row: $0, column: 0) }
        }
    }

    /// How many imported operations wait for their gateway (``SQLiteStore/unlinkedOperationCount()``).
    func unlinkedOperationCount() throws -> Int {
        try pool.withConnection { connection in
            Int(clamping: try connection.query("SELECT count(*) FROM unlinked_operation", binaryResults: true).int64(row: 0, column: 0))
        }
    }
}
