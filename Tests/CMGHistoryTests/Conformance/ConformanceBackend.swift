import Foundation
import Testing
import GRDB
@testable import CMGHistory

/// A store backend the conformance suite runs against: every store operation must give the same
/// values on each. PostgreSQL joins the list when its backend exists.
enum ConformanceBackend: String, CaseIterable, CustomTestStringConvertible {
    /// A SQLite file in a temporary folder, as the CLI opens it.
    case sqliteFile
    /// SQLite over an in-memory connection the caller made (``HistoryStore/init(_:)``).
    case sqliteInMemory

    var testDescription: String { rawValue }

    /// A fresh, empty store of this backend; `folder` holds its files and the test's inputs.
    func makeStore(in folder: TemporaryFolder) throws -> HistoryStore {
        switch self {
        case .sqliteFile:
            return try folder.store()
        case .sqliteInMemory:
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            return try HistoryStore(DatabaseQueue(configuration: configuration))
        }
    }
}
