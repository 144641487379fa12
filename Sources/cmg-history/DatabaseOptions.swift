import ArgumentParser
import CMGHistory
import Foundation

/// `--db PATH`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The history database file. It is created if missing.",
        discussion: "Without --db: the path in the CMG_HISTORY_DB environment variable, else ./cmg-history.sqlite.",
        valueName: "path"))
    var db: String?

    /// The database path this run uses.
    var path: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CMG_HISTORY_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "cmg-history.sqlite"
    }

    func openStore() throws -> HistoryStore {
        try HistoryStore(path: path)
    }
}

/// `--format table|json` for commands that print one value.
enum InfoFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

enum JSONOutput {
    /// Deterministic JSON: sorted keys, snake_case names, one trailing newline.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
