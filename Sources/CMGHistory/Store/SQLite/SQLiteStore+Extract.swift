

extension SQLiteStore {
    /// Writes the extract of `scope` (a new SQLite history holding only what it lists) to `path`.
    ///
    /// Row ids are kept; the source is only read, even when it is a read-only file. The extract is
    /// built under a fresh name and renamed into place: a link planted at `path` is replaced, not
    /// followed, and a reader never opens half an extract.
    ///
    /// - throws: ``TimelineBundleError/cannotWrite(path:reason:)`` when it cannot be written.
    func writeExtract(of scope: ExtractScope, to path: String) throws {
        try SQLiteTimelineExtract.write(scope, source: self.path, to: path)
    }
}
