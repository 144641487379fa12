import Foundation
import Testing
@testable import CMGHistory

@Suite("PostgreSQL partitions: UTC months")
struct PostgresMonthTests {
    @Test func aMonthRunsFromItsFirstSecondToTheNextMonthsInUTC() throws {
        // 2026-10-15T12:00:00Z is in October 2026: [2026-10-01, 2026-11-01)
        let october = try PostgresPartitions.month(of: 1_792_065_600)
        #expect(october == .init(start: 1_790_812_800, end: 1_793_491_200, suffix: "p202610"))
        // The last second of December belongs to December; the year turns at the end
        let december = try PostgresPartitions.month(of: 1_798_761_599)
        #expect(december.suffix == "p202612" && december.end == 1_798_761_600)
        // Before 1970, and leap Februaries
        #expect(try PostgresPartitions.month(of: -1).suffix == "p196912")
        let february = try PostgresPartitions.month(of: 951_782_400)   // 2000-02-29
        #expect(february.suffix == "p200002" && february.end - february.start == 29 * 86_400)
    }

    @Test func instantsOutsideFourDigitYearsAreRefusedNotTrapped() {
        for instant in [Int64.min, Int64.max, PostgresPartitions.latest + 1, PostgresPartitions.earliest - 1] {
            #expect(throws: PostgresError.self) { try PostgresPartitions.month(of: instant) }
        }
        #expect(throws: Never.self) { try PostgresPartitions.month(of: PostgresPartitions.latest) }
        #expect((try? PostgresPartitions.month(of: PostgresPartitions.earliest))?.suffix == "p000101")
    }
}

extension PostgresTests {
    @Suite("PostgreSQL raw samples: months on demand, COPY staged, ON CONFLICT")
    struct Partitions {
        /// A migrated fresh schema with `count` gateways; nil without a server.
        @discardableResult
        static func withGateways<T>(_ count: Int64 = 2, _ body: (PostgresDatabase) throws -> T) throws -> T? {
            try PostgresTestServer.withDatabase { database throws in
                for id in 1...count {
                    try database.connection.query("INSERT INTO gateway (id, name) VALUES ($1, $2)", [.int64(id), .text("gw\(id).contoso.com")])
                }
                return try body(database)
            }
        }

        @Test func aBatchCreatesTheMonthsItTouchesAndAReimportStoresNothing() throws {
            try Self.withGateways { database throws in
                let connection = database.connection
                // Given samples across a month boundary (2026-10-31T23:55Z and 2026-11-01T00:00Z)
                let rows: [[Int64?]] = [[1, 1_793_491_200 - 300, 10], [1, 1_793_491_200, 11], [2, 1_793_491_200, 12]]
                // When they are stored, twice
                let first = try PostgresSampleCopy.onlineClients.insertNew(connection, rows: rows)
                let again = try PostgresSampleCopy.onlineClients.insertNew(connection, rows: rows + [[2, 1_793_491_500, 13]])
                // Then the two months exist, the first batch was all new, and the second only its new row
                #expect(try PostgresPartitions.partitions(connection, table: "online_clients_sample") == ["online_clients_sample_p202610", "online_clients_sample_p202611"])
                #expect(Set(first.map { $0.compactMap { $0 } }) == Set(rows.map { $0.compactMap { $0 } }))
                #expect(again == [[2, 1_793_491_500, 13]])
                #expect(try connection.query("SELECT count(*) FROM online_clients_sample").int64(row: 0, column: 0) == 4)
            }
        }

        @Test func aRowBreakingAConstraintFailsTheWholeBatchWithItsSQLState() throws {
            try Self.withGateways { database throws in
                let rows: [[Int64?]] = [[1, 1_793_491_200, 10], [1, 1_793_491_500, -1]]
                let error = #expect(throws: PostgresError.self) { try PostgresSampleCopy.onlineClients.insertNew(database.connection, rows: rows) }
                #expect(error?.sqlState == "23514")   // check_violation
                #expect(try database.connection.query("SELECT count(*) FROM online_clients_sample").int64(row: 0, column: 0) == 0)
                #expect(throws: PostgresError.self) { try PostgresSampleCopy.onlineClients.insertNew(database.connection, rows: [[1, 5]]) }
            }
        }

        @Test func collectorsMeetingANewMonthAtOnceAllStoreTheirRows() throws {
            try Self.withGateways(4) { database throws in
                // Given four collectors, each with its own gateway's samples in the same two new months
                let location = database.location
                let errors = runConcurrently(4) { worker in
                    let mine = try PostgresDatabase(location)
                    let rows: [[Int64?]] = (0..<500).map { i in [Int64(worker + 1), 1_798_761_600 - 150_000 + Int64(i) * 600, Int64(i)] }
                    _ = try PostgresSampleCopy.onlineClients.insertNew(mine.connection, rows: rows)
                }
                // Then all succeed, every row is stored, and each month was made once
                #expect(errors.allSatisfy { $0 == nil }, "\(errors)")
                #expect(try database.connection.query("SELECT count(*) FROM online_clients_sample").int64(row: 0, column: 0) == 2_000)
                #expect(try PostgresPartitions.partitions(database.connection, table: "online_clients_sample") == ["online_clients_sample_p202612", "online_clients_sample_p202701"])
            }
        }

        @Test func onlyPartitionedTablesTakeMonths() throws {
            try PostgresTestServer.withDatabase { database throws in
                #expect(throws: PostgresError.self) { try PostgresPartitions.ensureMonths(database.connection, table: "gateway", instants: [0]) }
                // A table of each kind the store writes takes its months
                for table in PostgresPartitions.monthlyTables.sorted() {
                    let created = try PostgresPartitions.ensureMonths(database.connection, table: table, instants: [1_790_812_800])
                    #expect(created == ["\(table)_p202610"])
                }
            }
        }
    }
}
