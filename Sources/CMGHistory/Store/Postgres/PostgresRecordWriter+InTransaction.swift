extension PostgresRecordWriter {
    /// Writes `batch` in the caller's open transaction (the log path's statistics samples, stored
    /// with their entries and the file's offset, so none of the three gets ahead of the others);
    /// each record's outcome, in batch order, and the batch's notes.
    ///
    /// The months the records need must exist before (``PostgresPartitions/ensureMonths(_:table:instants:)``
    /// outside the transaction): a partition lock taken here would be held to its end.
    static func writeInTransaction(_ batch: [NumberedRecord], on connection: PGConnection) throws
        -> (outcomes: [WriteOutcome], notes: [String]) {
        guard connection.isInTransaction else {
            throw PostgresError(.statement, message: "records written with a log batch must be written in the caller's transaction")
        }
        var writer = try PostgresBatchWriter(batch, connection: connection)
        try writer.run()
        return (try writer.finalOutcomes(), writer.notes)
    }
}
