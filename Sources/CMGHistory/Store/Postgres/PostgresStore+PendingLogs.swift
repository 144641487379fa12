// PENDING (issue 13, part T): each operation below gets its PostgreSQL SQL in a
// PostgresStore+<Subject>.swift file; this file goes when the last one does.

extension PostgresStore {
    private func pending(_ operation: String = #function) -> StoreError { .notYetOnPostgres(operation: operation, location: path) }

    func storeLogBatch(_ batch: LogBatch, cache: inout SeriesKeyCache) throws -> LogStoreCounts { throw pending() }
    func logEvents(_ filter: LogEventFilter) throws -> [LoggedEvent] { throw pending() }
    func logEntries(_ filter: LogEntryFilter) throws -> [ListedLogEntry] { throw pending() }
    func logEvents(limit: Int = 1000) throws -> [LoggedEvent] { throw pending() }
    func reclassifyLogs(rules: LogRuleSet) throws -> ReclassifySummary { throw pending() }
    func writeExtract(of scope: ExtractScope, to path: String) throws { throw pending() }
}
