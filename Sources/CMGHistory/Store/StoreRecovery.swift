import Foundation
import GRDB

/// What `db recover` salvaged, per table.
public struct RecoverySummary: Sendable, Equatable, Codable {
    public struct TableRows: Sendable, Equatable, Codable {
        public var table: String
        /// Rows the damaged file's table reports, or nil when even counting them failed.
        public var sourceRows: Int64?
        public var recoveredRows: Int64
    }

    public var destination: String
    public var tables: [TableRows] = []
    /// Derived tables rebuilt from the recovered raw data, not copied.
    public var rebuilt: [String] = []
    /// Recovered rows left out because their instant is no instant a store holds (damage: a value
    /// no import writes), per table; rebuilding from them would overflow.
    public var outOfRange: [String: Int] = [:]
}
