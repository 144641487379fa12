/// What `db prune` did.
public struct PruneSummary: Sendable, Equatable, Codable {
    /// Raw samples older than this instant are gone; their hours live on in the rollups.
    public var rawKeptFrom: String
    public var deletedRows: [String: Int]
    /// Rollup hours that were missing and were computed before their raw rows were deleted.
    public var rollupsBuilt: Int
    /// Bytes of database pages freed for reuse (the file shrinks only with `VACUUM`).
    public var freedBytes: Int64
}
