import Foundation
import Testing
@testable import CMGHistory

extension PostgresTests {
    @Suite("PostgreSQL connection: statements, typed reads, COPY, locks, errors")
    struct Connection {
        @Test func parametersAndTypedReadsRoundTripInTextAndBinary() throws {
            try PostgresTestServer.withFreshSchema { _, connection throws in
                // Given a statement with every parameter kind
                let sql = "SELECT $1::bigint, $2::text, $3::bytea, $4::boolean, $5::bigint, 7::smallint, 8::integer, 340::numeric"
                let parameters: [PGParameter] = [.int64(.min), .text("Grañite ✓"), .bytes([0, 255, 10]), .bool(true), .null]
                for binary in [false, true] {
                    // When it runs with text and with binary results
                    let result = try connection.query(sql, parameters, binaryResults: binary)
                    // Then each value reads back as sent
                    #expect(try result.int64(row: 0, column: 0) == .min)
                    #expect(try result.string(row: 0, column: 1) == "Grañite ✓")
                    #expect(try result.bytes(row: 0, column: 2) == [0, 255, 10])
                    #expect(try result.bool(row: 0, column: 3))
                    #expect(try result.optionalInt64(row: 0, column: 4) == nil)
                    #expect(try result.int64(row: 0, column: 5) == 7)
                    #expect(try result.int64(row: 0, column: 6) == 8)
                    if !binary { #expect(try result.int64(row: 0, column: 7) == 340) }
                }
            }
        }

        @Test func readsThrowOnNullWrongTypesAndOutOfRangeValuesInsteadOfTrapping() throws {
            try PostgresTestServer.withFreshSchema { _, connection throws in
                // Given values no Int64 can hold, NULL, and text
                let result = try connection.query("SELECT 99999999999999999999::numeric, NULL::bigint, 'x'::text, 1.5::numeric, '\\x0a'::bytea")
                // When they are read as integers / Then each throws a decoding error naming the column
                for column in 0..<4 {
                    let error = #expect(throws: PostgresError.self) { try result.int64(row: 0, column: column) }
                    #expect(error?.kind == .decoding)
                }
                #expect(throws: PostgresError.self) { try result.string(row: 0, column: 4) }
                #expect(throws: PostgresError.self) { try result.int64(row: 1, column: 0) }
                #expect(throws: PostgresError.self) { try result.int64(row: 0, column: 9) }
                #expect(throws: PostgresError.self) { try result.bool(row: 0, column: 2) }
            }
        }

        @Test func aBigintArrayReadsInOrderAndAnythingElseThrows() throws {
            try PostgresTestServer.withFreshSchema { _, connection throws in
                // Given arrays as array(SELECT …) makes them, and ones a bigint[] reader must refuse
                let result = try connection.query("""
                    SELECT array(SELECT g FROM generate_series(3, -2, -1) g)::bigint[], '{}'::bigint[],
                           ARRAY[-9223372036854775808, 9223372036854775807]::bigint[], NULL::bigint[],
                           ARRAY[1, NULL]::bigint[], '{{1,2},{3,4}}'::bigint[], ARRAY[1, 2]::integer[], '[5:6]={7,8}'::bigint[]
                    """, binaryResults: true)
                // Then the good ones read back element for element
                #expect(try result.int64Array(row: 0, column: 0) == [3, 2, 1, 0, -1, -2])
                #expect(try result.int64Array(row: 0, column: 1) == [])
                #expect(try result.int64Array(row: 0, column: 2) == [.min, .max])
                #expect(try result.int64Array(row: 0, column: 7) == [7, 8])
                // And NULL, a NULL element, two dimensions and integer[] throw a decoding error
                for column in 3...6 {
                    let error = #expect(throws: PostgresError.self) { try result.int64Array(row: 0, column: column) }
                    #expect(error?.kind == .decoding)
                }
                // And text results are not read as arrays
                let text = try connection.query("SELECT ARRAY[1]::bigint[]")
                #expect(throws: PostgresError.self) { try text.int64Array(row: 0, column: 0) }
            }
        }

        @Test func aStatementRunAgainIsPreparedOnceAndFollowsTheTableItReads() throws {
            try PostgresTestServer.withFreshSchema { location, connection throws in
                let table = "\(location.schema).t"
                try connection.execute("CREATE SCHEMA \(location.schema); CREATE TABLE \(table) (k bigint PRIMARY KEY, v text)")
                let insert = "INSERT INTO \(table) VALUES ($1, $2)"
                // When the same statement runs again and again, and a read of it too
                for k in 1...5 { try connection.query(insert, [.int64(Int64(k)), .text("v\(k)")]) }
                let read = "SELECT count(*), max(k) FROM \(table) WHERE k >= $1"
                #expect(try connection.query(read, [.int64(2)], binaryResults: true).int64(row: 0, column: 0) == 4)
                #expect(try connection.query(read, [.int64(3)], binaryResults: true).int64(row: 0, column: 0) == 3)
                // Then the server holds each once, under the connection's names
                let prepared = try connection.query("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'cmg_s%'")
                #expect(try prepared.int64(row: 0, column: 0) == 2)
                // And after the table is dropped and made again with another column order, the statement still reads it
                try connection.execute("DROP TABLE \(table); CREATE TABLE \(table) (v text, k bigint PRIMARY KEY)")
                try connection.query("INSERT INTO \(table) (k, v) VALUES ($1, $2)", [.int64(9), .text("nine")])
                let after = try connection.query(read, [.int64(0)], binaryResults: true)
                #expect(try after.int64(row: 0, column: 0) == 1 && after.int64(row: 0, column: 1) == 9)
                // And a statement the server refuses to prepare fails as it would unprepared, the connection still working
                for _ in 0..<2 { #expect(throws: PostgresError.self) { try connection.query("SELECT k FROM \(table) WHERE nope = $1", [.int64(1)]) } }
                #expect(try connection.query(read, [.int64(0)], binaryResults: true).int64(row: 0, column: 0) == 1)
            }
        }

        @Test func aServerErrorCarriesItsSQLStateAndTheStatementCanBeFollowed() throws {
            try PostgresTestServer.withFreshSchema { location, connection throws in
                // Given a table with a unique key holding a row
                try connection.execute("CREATE SCHEMA \(location.schema); CREATE TABLE \(location.schema).t (k bigint PRIMARY KEY)")
                try connection.query("INSERT INTO \(location.schema).t VALUES ($1)", [.int64(1)])
                // When the same key is inserted again
                let error = #expect(throws: PostgresError.self) { try connection.query("INSERT INTO \(location.schema).t VALUES ($1)", [.int64(1)]) }
                // Then the error is the server's unique violation, and the connection still works
                #expect(error?.sqlState == PostgresError.uniqueViolation)
                #expect(error?.kind == .statement)
                #expect(try connection.query("SELECT count(*) FROM \(location.schema).t").int64(row: 0, column: 0) == 1)
                #expect(throws: PostgresError.self) { try connection.query("SELECT $1::text", [.text("nul\u{0}inside")]) }
            }
        }

        @Test func aWrongPasswordFromAPasswordFileIsRefusedWithoutPrintingIt() throws {
            try PostgresTestServer.withFreshSchema { location, connection throws in
                // Given a role with a password, and a password file holding another one
                let role = location.schema + "_role"
                try connection.execute("CREATE ROLE \(role) LOGIN PASSWORD 'the-right-one-\(role)'")
                defer { _ = try? connection.execute("DROP ROLE \(role)") }
                let folder = try TemporaryFolder()
                let wrong = "Wr0ng-Pa55word-\(role)"
                let file = try folder.write("pw", wrong + "\n")
                var target = location
                target.user = role
                let parameters = try PostgresConnectionParameters(location: target, passwordFile: URL(fileURLWithPath: file))
                // When it connects / Then the login is refused, and no message holds the password
                let error = #expect(throws: PostgresError.self) { try PGConnection(parameters) }
                #expect(error?.kind == .connection)
                #expect(error.map { "\($0)" }?.contains("password authentication failed") == true)
                #expect(error.map { "\($0)" }?.contains(wrong) == false)
                // And the right password in the file connects
                try folder.write("pw", "the-right-one-\(role)\n")
                let good = try PostgresConnectionParameters(location: target, passwordFile: URL(fileURLWithPath: file))
                #expect(try PGConnection(good).query("SELECT current_user").string(row: 0, column: 0) == role)
            }
        }

        @Test func preparedStatementsRunWithBinaryParametersAndATransactionRollsBackOnError() throws {
            try PostgresTestServer.withFreshSchema { location, connection throws in
                let s = location.schema
                try connection.execute("CREATE SCHEMA \(s); CREATE TABLE \(s).t (k bigint PRIMARY KEY, v text NOT NULL)")
                let insert = try connection.prepare("insert_t", "INSERT INTO \(s).t VALUES ($1, $2)", types: [.int8, .text])
                // Given two rows committed, then a transaction that inserts one and fails
                try connection.transaction {
                    try connection.execute(insert, [.int64(1), .text("a")])
                    try connection.execute(insert, [.int64(2), .text("b")])
                }
                #expect(throws: PostgresError.self) {
                    try connection.transaction {
                        try connection.execute(insert, [.int64(3), .text("c")])
                        try connection.execute(insert, [.int64(1), .text("again")])
                    }
                }
                // Then only the committed rows are there, and a wrong parameter count is refused
                #expect(try connection.query("SELECT count(*) FROM \(s).t").int64(row: 0, column: 0) == 2)
                #expect(!connection.isInTransaction)
                #expect(throws: PostgresError.self) { try connection.execute(insert, [.int64(9)]) }
            }
        }

        @Test func binaryCopyStoresEveryRowAndAnAbortedCopyStoresNone() throws {
            try PostgresTestServer.withFreshSchema { location, connection throws in
                let s = location.schema
                try connection.execute("CREATE SCHEMA \(s); CREATE TABLE \(s).t (a bigint, b text, c bytea, d integer)")
                // Given 100,000 rows, NULLs among them, copied in binary (several chunks)
                let copied = try connection.copyIn("COPY \(s).t FROM STDIN (FORMAT binary)") { copy in
                    for i in 0..<100_000 {
                        copy.startRow(fields: 4)
                        copy.int64(i % 7 == 0 ? nil : Int64(i))
                        copy.text("row \(i)")
                        copy.bytes([UInt8(i % 256)])
                        copy.int32(Int32(-i))
                        try copy.flushIfFull()
                    }
                }
                // Then the server stored them all, values intact
                #expect(copied == 100_000)
                let check = try connection.query("SELECT count(a), sum(d)::bigint, max(b) FROM \(s).t")
                #expect(try check.int64(row: 0, column: 0) == 100_000 - 14_286)
                #expect(try check.int64(row: 0, column: 1) == -4_999_950_000)
                #expect(try check.string(row: 0, column: 2) == "row 99999")
                // When a copy's writer throws midway / Then nothing of it is stored
                struct Stop: Error {}
                #expect(throws: Stop.self) {
                    try connection.copyIn("COPY \(s).t FROM STDIN (FORMAT binary)") { copy in
                        copy.startRow(fields: 4)
                        copy.int64(1); copy.text("x"); copy.bytes([]); copy.int32(0)
                        throw Stop()
                    }
                }
                // And a row the server cannot read fails with its SQLSTATE, storing nothing
                let bad = #expect(throws: PostgresError.self) {
                    try connection.copyIn("COPY \(s).t FROM STDIN (FORMAT binary)") { copy in
                        copy.startRow(fields: 2)
                        copy.int64(1); copy.text("too few fields")
                    }
                }
                #expect(bad?.sqlState != nil)
                #expect(try connection.query("SELECT count(*) FROM \(s).t").int64(row: 0, column: 0) == 100_000)
            }
        }

        @Test func anAdvisoryLockHeldByOneConnectionIsNotGrantedToAnother() throws {
            try PostgresTestServer.withFreshSchema { location, connection throws in
                let other = try PGConnection(PostgresConnectionParameters(location: location))
                let name = "cmg-history test lock \(location.schema)"
                // Given one connection holding the lock
                try connection.withAdvisoryLock(name) { () throws in
                    // Then the other cannot take it
                    #expect(try other.tryAdvisoryLock(name) == false)
                }
                // And once released, it can
                #expect(try other.tryAdvisoryLock(name))
                try other.advisoryUnlock(name)
            }
        }
    }
}
