import Foundation
@testable import CMGHistory

/// A fresh folder under the system temporary directory, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cmg-history-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// What else goes with the folder: a PostgreSQL schema a test made, say.
    private var cleanups: [() -> Void] = []

    deinit {
        cleanups.forEach { $0() }
        try? FileManager.default.removeItem(at: url)
    }

    /// Runs `cleanup` when the folder goes.
    func onRemoval(_ cleanup: @escaping () -> Void) { cleanups.append(cleanup) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A new store in this folder.
    func store(_ name: String = "history.sqlite") throws -> HistoryStore {
        try HistoryStore(path: path(name))
    }
}

/// Imports NDJSON text into the store and returns the summary.
@discardableResult
func importNDJSON(_ text: String, into store: HistoryStore, folder: TemporaryFolder, name: String = "input.ndjson") throws -> ImportSummary {
    let file = try folder.write(name, text)
    return try NDJSONImporter(store: store).importFile(at: file)
}
