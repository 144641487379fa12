// PENDING (issue 13, part M): each operation below gets its PostgreSQL SQL in a
// PostgresStore+<Subject>.swift file; this file goes when the last one does.

extension PostgresStore {
    private func pending(_ operation: String = #function) -> StoreError { .notYetOnPostgres(operation: operation, location: path) }

    func info() throws -> DatabaseInfo { throw pending() }
    func prune(keepDays: Int, now: UnixSeconds) throws -> PruneSummary { throw pending() }
    func insertCopied(_ rows: [[StoreValue]], into table: HistoryTable) throws -> Int { throw pending() }
    func finishCopy() throws { throw pending() }
}
