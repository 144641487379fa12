import GRDB

extension SeriesKeyCache {
    /// This cache if every id in it still names a row, else an empty one (another process may
    /// have changed the database between two batches). Batches skip per-row foreign key checks
    /// because of this: every id they use is either checked here or found in the same transaction.
    func validated(in db: Database) throws -> SeriesKeyCache {
        let stillThere = try Self.allExist(Set(gateways.values), in: "gateway", db)
            && Self.allExist(Set(endpoints.values.map(\.id)), in: "endpoint", db)
            && Self.allExist(Set(connectionPoints.values), in: "connection_point", db)
        return stillThere ? self : SeriesKeyCache()
    }

    fileprivate static func allExist(_ ids: Set<Int64>, in table: String, _ db: Database) throws -> Bool {
        guard !ids.isEmpty else { return true }
        let list = ids.map(String.init).joined(separator: ",")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE id IN (\(list))") == ids.count
    }
}
