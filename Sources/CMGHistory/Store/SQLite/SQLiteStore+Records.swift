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
        var numbered: [NumberedRecord] = []
        var refused: [(line: Int, problem: LineRejection)] = []
        for (offset, record) in records.enumerated() {
            if let problem = record.rangeProblem { refused.append((offset + 1, problem)) } else {
                numbered.append(NumberedRecord(line: offset + 1, record: record))
            }
        }
        // Records entered together are one thing (a credential and its renewal): a value out of
        // range refuses them all, rather than storing half of it.
        var summary = refused.isEmpty ? try importBatch(numbered, file: source, cache: &cache) : ImportSummary(file: source, format: "")
        for (line, problem) in refused { summary.reject(line: line, problem) }
        summary.format = "entered"
        return summary
    }

    /// The stored gateways' names, sorted.
    func gatewayNames() throws -> [String] {
        try read { try String.fetchAll($0, sql: "SELECT name FROM gateway ORDER BY name") }
    }
}
