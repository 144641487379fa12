import ArgumentParser
import CMGHistory
import Foundation

/// The `cmg-history` command: the root of the command tree.
struct CMGHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmg-history",
        abstract: "Keep the history of Configuration Manager Cloud Management Gateways and answer from it.",
        discussion: """
            Import what ConfigMgr exports (SMS_AzureService and SMS_AzureServicesTask objects, the \
            vProxy_Connectors and BGB_Statistics views, certificates), CMG log files and NDJSON \
            records into one history, then ask it what happened: a SQLite file, or a PostgreSQL \
            schema for a fleet. Every command takes --db (a file, or postgres://…); without it the \
            database is $CMG_HISTORY_DB, or ./cmg-history.sqlite.

            Errors are one line on standard error starting with error:. A command line that cannot \
            be parsed exits 64; a command that cannot do its work exits 2.
            """,
        version: ToolVersion.current,
        subcommands: [IngestCommand.self, ReportCommand.self, TimelineCommand.self, DatabaseCommand.self, CredentialCommand.self, GatewayCommand.self, LogsCommand.self, TokenCommand.self, ServeCommand.self, DemoCommand.self]
    )
}

@main
enum Main {
    static func main() {
        FatalSignalReport.install()
        // `help WORD…` parses whatever the words are (it prints the root's help for one it does
        // not know): a mistyped word there gets its suggestion as anywhere else.
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", let line = CommandSuggestion.unknownCommand(in: Array(arguments.dropFirst()), root: CMGHistoryCommand.self) {
            Console.error("error: " + line)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try CMGHistoryCommand.parseAsRoot()
            try command.run()
        } catch let error as StoreError {
            fail(error.description)
        } catch let error as ImportError {
            fail(error.description)
        } catch let error as ReportError {
            fail(error.commandLineMessage)
        } catch let error as LogIngestError {
            fail(error.description)
        } catch let error as LogRuleError {
            fail(error.description)
        } catch let error as CommandFailure {
            fail(error.message)
        } catch let error as GatewayError {
            fail(error.description)
        } catch let error as TokenError {
            fail(error.description)
        } catch let error as TimelineBundleError {
            fail(error.description)
        } catch let error as PostgresError {
            // libpq's reason, never a password; the location says which server and schema.
            fail("\(DatabaseOptions.opened ?? "the database"): \(error.description)")
        } catch let error as PostgresPasswordFileError {
            fail(error.description)
        } catch let error as StoreLocationError {
            fail("--db: \(error.reason)")
        } catch {
            // An SQLite error no layer turned into a sentence: damage, a lock, a full disk.
            if let storeError = StoreError(sqliteError: error, path: DatabaseOptions.opened ?? "the database") {
                fail(storeError.description)
            }
            // ArgumentParser's own messages quote the value typed (`--month password=…`): they go
            // through Console.error, which redacts; help and version (exit 0) go to standard output.
            let code = CMGHistoryCommand.exitCode(for: error)
            var message = OptionValueError.condensed(CMGHistoryCommand.fullMessage(for: error))
            if code.rawValue == ExitCode.validationFailure.rawValue, let line = usageSuggestion(after: message) {
                message = "error: " + line
            }
            message = Self.lowercasedPrefix(message)
            // An ExitCode thrown by a command has no message: nothing is printed for it.
            if !message.isEmpty, code == .success {
                Console.out(message.hasSuffix("\n") ? message : message + "\n")
            } else if !message.isEmpty {
                Console.error(message)
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// A mistyped command word, or a mistyped option hidden behind a missing required one.
    static func usageSuggestion(after message: String) -> String? {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let line = CommandSuggestion.unknownCommand(in: arguments, root: CMGHistoryCommand.self) { return line }
        // ArgumentParser names an unknown option itself, unless a required one is missing first.
        guard message.hasPrefix("Error: Missing expected argument"),
              let line = CommandSuggestion.unknownOption(in: arguments, root: CMGHistoryCommand.self) else { return nil }
        let usage = message.split(separator: "\n").filter { $0.hasPrefix("Usage:") || $0.hasPrefix("  See ") }
        return ([line] + usage.map(String.init)).joined(separator: "\n")
    }

    /// ArgumentParser begins its messages `Error: `; every message of this tool begins `error: `.
    static func lowercasedPrefix(_ message: String) -> String {
        message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : message
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
