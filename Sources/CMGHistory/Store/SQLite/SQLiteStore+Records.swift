import GRDB

extension SQLiteStore {
    /// Stores records an admin entered by hand (`cmg-history credential add`) through the same
    /// write path as imported files, in one transaction.
    ///
    /// Each record's values are range-checked first (``ValueLimits``); one out of range refuses
    /// them all.
    ///
    /// - parameter source: names the records in the summary and in rejections, in place of a file.
    func importRecords(_ records: [HistoryRecord], source: String) throws -> ImportSummary {
        var cache = SeriesKeyCache()
        return try EnteredRecords.importRecords(records, source: source) { try importBatch($0, file: source, cache: &cache) }
    }

    /// The stored gateways' names, sorted.
    func gatewayNames() throws -> [String] {
        try read { try String.fetchAll($0, sql: "SELECT name FROM gateway ORDER BY name") }
    }
}
