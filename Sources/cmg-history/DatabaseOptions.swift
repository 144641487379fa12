import ArgumentParser
import CMGHistory
import Foundation

/// `--db URL` and `--password-file PATH`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The history: a database file (or sqlite:PATH), or postgres://user@host:5432/dbname?schema=NAME. Imports create it if missing; reports and other read commands never do.",
        discussion: "Without --db: the CMG_HISTORY_DB environment variable, else ./cmg-history.sqlite. A PostgreSQL password never goes in the URL: it comes from --password-file, PGPASSWORD or ~/.pgpass.",
        valueName: "url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "A file whose first line is the PostgreSQL password (readable by its owner only).",
        valueName: "path"))
    var passwordFile: String?

    /// What `--db`, or `CMG_HISTORY_DB`, or the default says, unparsed.
    private var text: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CMG_HISTORY_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "cmg-history.sqlite"
    }

    /// Where the history of this run lives.
    ///
    /// - throws: ``CommandFailure`` saying what is wrong with the URL (never echoing a password).
    func location() throws -> StoreLocation {
        try Self.location(text, option: "--db")
    }

    /// `text` as a location; what is wrong with it is said of `option`.
    static func location(_ text: String, option: String) throws -> StoreLocation {
        do {
            return try StoreLocation(text)
        } catch {
            throw CommandFailure(message: "\(option): \(error.reason)")
        }
    }

    /// The history's name for messages and provenance: the file path, or the PostgreSQL URL
    /// without a password; a URL that does not parse is not echoed (it may hold one).
    var path: String {
        (try? StoreLocation(text))?.displayForm ?? "the database"
    }

    /// The SQLite file `operation` works on (check, backup, recover); a PostgreSQL history is
    /// refused with what does the same for it.
    func sqliteFile(for operation: String, instead: String) throws -> String {
        switch try location() {
        case let .sqlite(path): return path
        case let .postgres(postgres):
            throw StoreError.sqliteOnly(operation: operation, location: postgres.displayForm, instead: instead)
        }
    }

    /// The path of the database this run opened, for errors that reach the top without one.
    /// The command runs on one thread; this is set before any database work starts.
    nonisolated(unsafe) static var opened: String?

    /// Opens the database for a command that writes: creates and migrates it as needed.
    func openStore() throws -> HistoryStore {
        try open(.readWrite)
    }

    /// Opens the database for a command that only reads: never creates, migrates or writes it.
    func openForReading() throws -> HistoryStore {
        try open(.readOnly)
    }

    private func open(_ access: StoreAccess) throws -> HistoryStore {
        let location = try location()
        Self.opened = location.displayForm
        return try HistoryStore(location: location, access: access, passwordFile: passwordFile.map { URL(fileURLWithPath: $0) })
    }
}

/// `--format table|json` for commands that print one value.
enum InfoFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
