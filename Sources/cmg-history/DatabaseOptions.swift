import ArgumentParser
import CMGHistory
import Foundation

/// `--db PATH`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The history database file. Imports create it if missing; reports and other read commands never do.",
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

    /// The path of the database this run opened, for errors that reach the top without one.
    /// The command runs on one thread; this is set before any database work starts.
    nonisolated(unsafe) static var opened: String?

    /// Opens the database for a command that writes: creates and migrates it as needed.
    func openStore() throws -> HistoryStore {
        Self.opened = path
        return try HistoryStore(path: path, access: .readWrite)
    }

    /// Opens the database for a command that only reads: never creates, migrates or writes it.
    func openForReading() throws -> HistoryStore {
        Self.opened = path
        return try HistoryStore(path: path, access: .readOnly)
    }
}

/// `--format table|json` for commands that print one value.
enum InfoFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

enum JSONOutput {
    /// Deterministic JSON: sorted keys, snake_case names, one trailing newline.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        try JSONRender.render(value)
    }
}
