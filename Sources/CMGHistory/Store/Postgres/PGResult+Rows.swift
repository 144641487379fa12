extension PGResult {
    /// `body` applied to each row index in order: the rows as values, each read through the
    /// typed accessors that throw rather than trap.
    func mapRows<T>(_ body: (Int) throws -> T) throws -> [T] {
        var values: [T] = []
        values.reserveCapacity(rowCount)
        for row in 0..<rowCount { values.append(try body(row)) }
        return values
    }

    /// The integer in the first column of the first row, nil when there is no row or it is NULL.
    func firstInt64() throws -> Int64? {
        rowCount == 0 ? nil : try optionalInt64(row: 0, column: 0)
    }
}

extension PostgresSnapshot {
    /// Runs one statement of the snapshot with binary results (integers and bytes unconverted).
    func rows(_ sql: String, _ parameters: [PGParameter] = []) throws -> PGResult {
        try connection.query(sql, parameters, binaryResults: true)
    }
}
