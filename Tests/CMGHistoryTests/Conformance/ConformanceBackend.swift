import Foundation
import Testing
import GRDB
@testable import CMGHistory

/// A store backend the conformance suite runs against: every store operation must give the same
/// values on each. PostgreSQL is in the list when a server is (``PostgresTestServer``); without
/// one, the PostgreSQL suite's one skip line says how to run it.
enum ConformanceBackend: String, CaseIterable, CustomTestStringConvertible {
    /// A SQLite file in a temporary folder, as the CLI opens it.
    case sqliteFile
    /// SQLite over an in-memory connection the caller made (``HistoryStore/init(_:)``).
    case sqliteInMemory
    /// A fresh schema on the test server, dropped with the test's folder.
    case postgres

    /// The backends this run can reach.
    static var allCases: [ConformanceBackend] {
        PostgresTestServer.isAvailable ? [.sqliteFile, .sqliteInMemory, .postgres] : [.sqliteFile, .sqliteInMemory]
    }

    var testDescription: String { rawValue }

    /// A fresh, empty store of this backend; `folder` holds its files and the test's inputs.
    func makeStore(in folder: TemporaryFolder) throws -> HistoryStore {
        switch self {
        case .sqliteFile:
            return try folder.store("history-\(UUID().uuidString).sqlite")
        case .sqliteInMemory:
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            return try HistoryStore(DatabaseQueue(configuration: configuration))
        case .postgres:
            guard var location = PostgresTestServer.location else { throw PostgresTestServer.Unavailable() }
            location.schema = PostgresTestServer.freshSchemaName()
            let admin = try PGConnection(PostgresConnectionParameters(location: location))
            let schema = location.schema
            folder.onRemoval { _ = try? admin.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
            return try HistoryStore(location: .postgres(location))
        }
    }
}
