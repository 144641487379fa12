extension PostgresStore {
    /// Writes the extract of `scope` (a new SQLite history holding only what it lists) to `path`
    /// (``PostgresTimelineExtract``): the timeline's `--extract` of a PostgreSQL history.
    ///
    /// - throws: ``TimelineBundleError/cannotWrite(path:reason:)`` when it cannot be written.
    func writeExtract(of scope: ExtractScope, to path: String) throws {
        try pool.withConnection { connection in try PostgresTimelineExtract.write(scope, from: connection, to: path) }
    }
}
