/// What only an SQLite file has: a PostgreSQL history is checked, backed up and checkpointed by
/// the server and its tools, and each refusal says which.
extension PostgresStore {
    /// `db backup`: pg_dump makes a consistent copy while imports go on.
    func backup(to destination: String) throws -> Int64 {
        throw StoreError.sqliteOnly(operation: "db backup", location: path,
                                    instead: "back up the schema with pg_dump -n \(location.schema), or copy it to a file with cmg-history db copy --to FILE.sqlite")
    }

    /// `db check`: the server checks its own pages; rollups are compared by `db copy`'s digest.
    func check() throws -> StoreCheck {
        throw StoreError.sqliteOnly(operation: "db check", location: path,
                                    instead: "check the server's pages with pg_amcheck, and the figures with cmg-history db copy --to FILE.sqlite")
    }

    /// Nothing to checkpoint: the server owns its write-ahead log.
    func checkpoint() throws {}
}
