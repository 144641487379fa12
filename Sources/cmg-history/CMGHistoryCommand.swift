import ArgumentParser
import CMGHistory
import Foundation

/// The `cmg-history` command: the root of the command tree.
struct CMGHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmg-history",
        abstract: "Keep the history of Configuration Manager Cloud Management Gateways and answer from it.",
        discussion: """
            Import what ConfigMgr exports (NDJSON records for now) into one SQLite file, then ask it \
            what happened. Every command takes --db; without it the database is $CMG_HISTORY_DB, \
            or ./cmg-history.sqlite.
            """,
        subcommands: [IngestCommand.self, ReportCommand.self, TimelineCommand.self, DatabaseCommand.self, CredentialCommand.self, GatewayCommand.self, LogsCommand.self, DemoCommand.self]
    )
}

@main
enum Main {
    static func main() {
        FatalSignalReport.install()
        do {
            var command = try CMGHistoryCommand.parseAsRoot()
            try command.run()
        } catch let error as StoreError {
            fail(error.description)
        } catch let error as ImportError {
            fail(error.description)
        } catch let error as ReportError {
            fail(error.description)
        } catch let error as LogIngestError {
            fail(error.description)
        } catch let error as LogRuleError {
            fail(error.description)
        } catch let error as CommandFailure {
            fail(error.message)
        } catch let error as TimelineBundleError {
            fail(error.description)
        } catch {
            // An SQLite error no layer turned into a sentence: damage, a lock, a full disk.
            if let storeError = StoreError(sqliteError: error, path: DatabaseOptions.opened ?? "the database") {
                fail(storeError.description)
            }
            // ArgumentParser's own messages quote the value typed (`--month password=…`): they go
            // through Console.error, which redacts; help and version (exit 0) go to standard output.
            let code = CMGHistoryCommand.exitCode(for: error)
            let message = CMGHistoryCommand.fullMessage(for: error)
            // An ExitCode thrown by a command has no message: nothing is printed for it.
            if !message.isEmpty, code == .success {
                Console.out(message.hasSuffix("\n") ? message : message + "\n")
            } else if !message.isEmpty {
                Console.error(message)
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// One line on standard error, then exit status 2: errors are for people and for scripts.
    ///
    /// Messages quote paths and values as given (`--db $'a\e[31mb'`, a file name from a walked
    /// folder): their control characters are escaped, so that they cannot split the line or
    /// drive the terminal.
    static func fail(_ message: String) -> Never {
        Console.error("error: \(VisibleText.escape(message))")
        Foundation.exit(2)
    }
}

/// An error a command reports as one `error: …` line.
struct CommandFailure: Error {
    var message: String
}
