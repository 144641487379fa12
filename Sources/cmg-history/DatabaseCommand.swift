import ArgumentParser
import Foundation
import CMGHistory

/// `cmg-history db …`
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Look after the history database.",
        subcommands: [InitCommand.self, InfoCommand.self, CheckCommand.self, BackupCommand.self, CopyCommand.self, RecoverCommand.self, UpgradeCommand.self, PruneCommand.self]
    )

    /// `cmg-history db info`
    struct InfoCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Show the schema version, size, rows per table, and what data each gateway has."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: "How to print: table for people, json for scripts.")
        var format: InfoFormat = .table

        func run() throws {
            let info = try database.openForReading().info()
            switch format {
            case .json: Console.out(try JSONRender.render(info))
            case .table: Console.out(DatabaseInfoText.render(info))
            }
        }
    }
}

extension DatabaseCommand {
    /// `cmg-history db upgrade`
    struct UpgradeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upgrade",
            abstract: "Bring a database made by an older cmg-history to this version's schema.",
            discussion: "Read commands never write, so they refuse an older schema; imports upgrade it too. The data is kept.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.openStore()
            Console.out("\(store.path): schema version \(try store.schemaVersion()).\n")
        }
    }

    /// `cmg-history db prune`
    struct PruneCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Delete raw samples older than a number of days, keeping their hourly rollups.",
            discussion: """
                Raw samples are deleted only where their hourly rollups exist (missing ones are built \
                first), so monthly reports over pruned months keep their totals, peaks, counts and \
                percentiles. What is given up: per-endpoint detail and the exact instant of each sample. \
                Samples older than the pruned horizon are refused on later imports. Run VACUUM to shrink the file. \
                On PostgreSQL whole months go: the cut is rounded down to the first of its UTC month, and each \
                older month's partitions are detached and dropped (never a long DELETE), so imports go on meanwhile.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Keep raw samples of this many most recent days.", valueName: "days"))
        var keepRaw: Int

        @OptionGroup var clock: ClockOption

        func validate() throws {
            guard keepRaw >= 1 else { throw ValidationError("--keep-raw must be at least 1 day, not \(keepRaw).") }
        }

        func run() throws {
            let summary = try database.openStore().prune(keepDays: keepRaw, now: clock.instant)
            Console.out(PruneSummaryText.render(summary))
        }
    }
}
