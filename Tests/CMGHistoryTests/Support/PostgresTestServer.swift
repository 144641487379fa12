import Foundation
import Testing
@testable import CMGHistory

/// The PostgreSQL server the PostgreSQL suite runs against, named by `CMG_TEST_POSTGRES_URL`.
///
/// Without the variable the suite is skipped with one line saying how to run it (the one test
/// ``PostgresTests/theServerAnswers()`` is reported skipped; every other PostgreSQL test finds no
/// server in ``withFreshSchema(_:)`` and returns at once — Swift Testing would print a line for
/// each test of a disabled suite); with it, each test gets a fresh schema of a random name,
/// dropped when the test ends, so tests never see each other's rows and can run in parallel. The password comes from `PGPASSWORD` (libpq reads
/// it), never from the URL: `Scripts/test-postgres.sh` sets both.
enum PostgresTestServer {
    /// The variable naming the server.
    static let variable = "CMG_TEST_POSTGRES_URL"

    /// The one line a run without a server prints.
    static let skipReason: Comment = "PostgreSQL suite skipped: no \(variable); run Scripts/test-postgres.sh (or .ci/run), which starts a throw-away server"

    /// The server's location, nil when the variable is unset or not a `postgres://` URL.
    static var location: PostgresLocation? {
        guard let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty,
              case let .postgres(location) = try? StoreLocation(text)
        else { return nil }
        return location
    }

    /// A PostgreSQL test ran without a server: the suites list PostgreSQL only when there is one.
    struct Unavailable: Error {}

    /// Whether a server is configured.
    static var isAvailable: Bool { location != nil }

    /// A new random schema name: `cmg_test_` and 16 hex digits.
    static func freshSchemaName() -> String {
        "cmg_test_" + String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(16)
    }

    /// Runs `body` with the location of a fresh schema (not created yet) and an administrative
    /// connection; drops the schema afterwards, whatever `body` did. Without a server, returns
    /// nil at once (the suite's one skip line says so).
    @discardableResult
    static func withFreshSchema<T>(_ body: (PostgresLocation, PGConnection) throws -> T) throws -> T? {
        guard var location else { return nil }
        location.schema = freshSchemaName()
        let admin = try PGConnection(PostgresConnectionParameters(location: location))
        defer { _ = try? admin.execute("DROP SCHEMA IF EXISTS \(location.schema) CASCADE") }
        return try body(location, admin)
    }

    /// Opens (and migrates) a fresh schema, runs `body` on it, and drops it; nil without a server.
    @discardableResult
    static func withDatabase<T>(_ body: (PostgresDatabase) throws -> T) throws -> T? {
        try withFreshSchema { location, _ in try body(PostgresDatabase(location)) }
    }
}

/// The PostgreSQL suites: without a server, one line says how to run them.
@Suite("PostgreSQL")
struct PostgresTests {
    /// The one test reported skipped without a server; with one, the server answers a query.
    @Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.skipReason))
    func theServerAnswers() throws {
        let answer = try PostgresTestServer.withFreshSchema { _, admin in try admin.query("SELECT 41 + 1").int64(row: 0, column: 0) }
        #expect(answer == 42)
    }
}

/// Runs `count` bodies on their own threads, released together once all are ready, and
/// returns what each threw (nil for success), in order.
func runConcurrently(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [String?] {
    final class Outcomes: @unchecked Sendable {
        let condition = NSCondition()
        var ready = 0
        var errors: [String?]
        var finished = 0
        init(_ count: Int) { errors = Array(repeating: nil, count: count) }
    }
    let outcomes = Outcomes(count)
    for index in 0..<count {
        let thread = Thread {
            outcomes.condition.lock()
            outcomes.ready += 1
            outcomes.condition.broadcast()
            while outcomes.ready < count { outcomes.condition.wait() }
            outcomes.condition.unlock()
            var failure: String?
            do { try body(index) } catch { failure = "\(error)" }
            outcomes.condition.lock()
            outcomes.errors[index] = failure
            outcomes.finished += 1
            outcomes.condition.broadcast()
            outcomes.condition.unlock()
        }
        thread.start()
    }
    outcomes.condition.lock()
    while outcomes.finished < count { outcomes.condition.wait() }
    outcomes.condition.unlock()
    return outcomes.errors
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
