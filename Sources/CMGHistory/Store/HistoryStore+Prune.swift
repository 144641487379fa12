/// What `db prune` did.
public struct PruneSummary: Sendable, Equatable, Codable {
    /// Raw samples older than this instant are gone; their hours live on in the rollups.
    public var rawKeptFrom: String
    public var deletedRows: [String: Int]
    /// Rollup hours that were missing and were computed before their raw rows were deleted.
    public var rollupsBuilt: Int
    /// Bytes of database pages freed for reuse (the file shrinks only with `VACUUM`).
    public var freedBytes: Int64
    /// True on PostgreSQL, which drops whole month partitions: ``rawKeptFrom`` is then the first
    /// second of the UTC month holding the cut asked for, and ``freedBytes`` went back to the
    /// operating system. Absent on SQLite, which cuts at the hour.
    public var wholeMonths: Bool? = nil
}
