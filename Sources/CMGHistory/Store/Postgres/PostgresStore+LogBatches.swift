extension PostgresStore {
    /// Stores a batch of entries, their events and traffic samples, and the file's new offset,
    /// in one transaction: the offset never gets ahead of what is stored.
    ///
    /// Entries and events are set-based (``PostgresLogWriter``); the statistics lines' traffic
    /// samples of the new entries then take the path every record takes
    /// (``PostgresRecordWriter/writeInTransaction(_:on:)``), so they are validated, deduplicated
    /// and rolled up like imported ones, with the counts and warnings SQLite's log path gives.
    /// `cache` is SQLite's and unused here.
    func storeLogBatch(_ batch: LogBatch, cache: inout SeriesKeyCache) throws -> LogStoreCounts {
        try refuseReadOnly()
        return try pool.withConnection { connection in
            let instants = batch.extras.compactMap { $0.traffic?.at }
            if !instants.isEmpty {
                for table in ["endpoint_traffic_sample", "gateway_traffic_sample"] {
                    _ = try PostgresPartitions.ensureMonths(connection, table: table, instants: instants)
                }
            }
            do {
                return try connection.transaction(.readCommitted) { try Self.store(batch, on: connection) }
            } catch let error as PostgresError {
                throw LogIngestError.batchFailed(file: batch.file, offset: batch.offset, reason: error.description)
            }
        }
    }

    /// The batch's entries, events, samples and progress, in the caller's transaction.
    private static func store(_ batch: LogBatch, on connection: PGConnection) throws -> LogStoreCounts {
        let outcome = try PostgresLogWriter.store(batch, on: connection)
        var counts = outcome.counts
        guard !outcome.unstoredTraffic.isEmpty else { return counts }
        let records = outcome.unstoredTraffic.enumerated().map { index, logged in
            NumberedRecord(line: index + 1, record: .endpointTraffic(logged.sample))
        }
        let (outcomes, notes) = try PostgresRecordWriter.writeInTransaction(records, on: connection)
        for (logged, written) in zip(outcome.unstoredTraffic, outcomes) {
            switch written {
            case .inserted: counts.trafficSamples += 1
            case .rejected(let problem):
                counts.trafficWarnings.append("\(logged.file):\(logged.line): \(problem.message): "
                                              + "stored as a plain log entry, without a traffic sample")
            case .conflict: counts.trafficConflicts += 1
            case .duplicate, .updated: break
            }
        }
        counts.notes = notes
        return counts
    }
}
