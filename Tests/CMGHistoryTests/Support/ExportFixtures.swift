import Foundation
@testable import CMGHistory

/// The export fixtures in `Fixtures/exports/`, each written from the documented property names
/// and showing one real-world quirk (see the file names).
enum ExportFixtures {
    static func path(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/exports/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return url.path
    }

    /// 2026-10-01T00:00:00Z, the day most fixtures describe.
    static let october1: UnixSeconds = 1_790_812_800

    /// Imports a fixture with the given options and a frozen file modification time.
    static func importFixture(_ name: String, into store: HistoryStore, options: ExportImportOptions = ExportImportOptions(),
                              fileModifiedAt: UnixSeconds? = october1 + 23 * 3600) throws -> ImportSummary {
        try ExportImporter(store: store).importFile(at: try path(name), options: options, fileModifiedAt: fileModifiedAt)
    }
}

extension HistoryStore {
    /// Whether `needle` appears anywhere in the database file or its write-ahead log.
    func fileContains(_ needle: String) throws -> Bool {
        try checkpoint()
        for file in [path, path + "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
            if bytes.range(of: Data(needle.utf8)) != nil { return true }
        }
        return false
    }
}
