extension PostgresSnapshot: LogSearchReads {
    func logEntries(matching filter: LogEntryFilter) throws -> [ListedLogEntry] {
        try PostgresLogSearch(connection: connection).logEntries(matching: filter)
    }
}
