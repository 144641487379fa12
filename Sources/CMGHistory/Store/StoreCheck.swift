import Foundation
import GRDB

/// What `cmg-history db check` found: SQLite's own checks, then the store's invariants.
public struct StoreCheck: Sendable, Equatable, Codable {
    /// One check that ran, and how much it looked at.
    public struct Step: Sendable, Equatable, Codable {
        public var check: String
        public var looked: String
    }

    /// One problem, under the check that found it.
    public struct Problem: Sendable, Equatable, Codable {
        public var check: String
        public var problem: String
    }

    public var path: String
    public var steps: [Step] = []
    public var problems: [Problem] = []
    public var isClean: Bool { problems.isEmpty }

    /// Hours compared per gateway and metric, spread evenly over its rollups and its raw
    /// samples: enough to catch a maintainer that drifted (it touches every batch's hours),
    /// cheap enough that the check takes seconds on years of data.
    public static let sampledHoursPerSeries = 48
    /// Problems listed per check; past it, a count.
    static let problemsListed = 20
}
