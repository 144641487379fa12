import GRDB

extension HistoryStore {
    /// Stores records an admin entered by hand (`cmg-history credential add`) through the same
    /// write path as imported files, in one transaction.
    ///
    /// - parameter source: names the records in the summary and in rejections, in place of a file.
    public func importRecords(_ records: [HistoryRecord], source: String) throws -> ImportSummary {
        var cache = SeriesKeyCache()
        let numbered = records.enumerated().map { NumberedRecord(line: $0.offset + 1, record: $0.element) }
        var summary = try importBatch(numbered, file: source, cache: &cache)
        summary.format = "entered"
        return summary
    }

    /// The stored gateways' names, sorted.
    public func gatewayNames() throws -> [String] {
        try read { try String.fetchAll($0, sql: "SELECT name FROM gateway ORDER BY name") }
    }
}
