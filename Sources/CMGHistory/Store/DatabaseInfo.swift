import Foundation
import GRDB

/// What a history database holds: schema version, size, rows per table, and for each gateway
/// the span of each kind of data. `cmg-history db info` renders it.
public struct DatabaseInfo: Sendable, Equatable, Codable {
    public var path: String
    public var schemaVersion: Int
    /// The newest schema version this binary knows.
    public var binarySchemaVersion: Int
    /// Bytes of the database file plus its write-ahead log.
    public var fileBytes: Int64
    public var tables: [TableRows]
    public var gateways: [GatewayCoverage]

    public struct TableRows: Sendable, Equatable, Codable {
        public var table: String
        public var rows: Int64
    }

    public struct GatewayCoverage: Sendable, Equatable, Codable {
        public var gateway: String
        public var azureServiceID: String?
        public var data: [DataCoverage]
    }

    /// One kind of data for one gateway: how many rows and the instants of the first and last.
    public struct DataCoverage: Sendable, Equatable, Codable {
        public var kind: String
        public var rows: Int64
        public var first: String
        public var last: String
    }
}
