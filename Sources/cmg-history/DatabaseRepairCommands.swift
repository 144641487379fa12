import ArgumentParser
import CMGHistory
import Foundation

extension DatabaseCommand {
    /// `cmg-history db check`
    struct CheckCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check the database for damage: SQLite's integrity and foreign-key checks, then rollups and state spans against their raw data.",
            discussion: """
                Reads only. Exit status 0 when nothing is wrong, 1 when problems were found (each is \
                listed), 2 when the check could not run. For a damaged file, `db recover DEST` \
                salvages what it still holds into a new database.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: "How to print: table for people, json for scripts.")
        var format: InfoFormat = .table

        func run() throws {
            let file = try database.sqliteFile(for: "db check", instead: "check the server's pages with pg_amcheck")
            DatabaseOptions.opened = file
            let store = try HistoryStore(path: file, access: .readOnly, probingDamage: false)
            let check = try store.check()
            switch format {
            case .json: Console.out(try JSONRender.render(check))
            case .table: Console.out(StoreCheckText.render(check))
            }
            if !check.isClean { throw ExitCode(1) }
        }
    }
}

extension DatabaseCommand {
    /// `cmg-history db backup DEST`
    struct BackupCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the database to a new file, consistently, even while imports run.",
            discussion: """
                The copy is one snapshot (SQLite's VACUUM INTO, on a read transaction: imports go on \
                meanwhile), compacted, written under a temporary name and linked into place. An \
                existing DEST is refused, never overwritten.
                """)

        @Argument(help: ArgumentHelp("The new file to write.", valueName: "dest"))
        var destination: String

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            // A database an older version wrote is copied as it is: backing up before
            // `db upgrade` is the careful order.
            let file = try database.sqliteFile(for: "db backup", instead: "back up the schema with pg_dump, or copy it into a file with cmg-history db copy")
            DatabaseOptions.opened = file
            let store = try HistoryStore(path: file, access: .readOnly, acceptingOlderSchema: true)
            let bytes = try store.backup(to: destination)
            Console.out("Backed up \(store.path) to \(destination) (\(NumberFormat.bytes(bytes))).\n")
        }
    }

    /// `cmg-history db recover DEST`
    struct RecoverCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Salvage what a damaged database still holds into a new database.",
            discussion: """
                The damaged file is only read. Every readable row of each table is copied into DEST, \
                a new database (an existing DEST is refused); rollups, state spans and the log search \
                index are rebuilt from the copied data. Then run `db check --db DEST`, and point --db at it.
                """)

        @Argument(help: ArgumentHelp("The new database to write.", valueName: "dest"))
        var destination: String

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let file = try database.sqliteFile(for: "db recover", instead: "restore from pg_dump or the server's own backups")
            DatabaseOptions.opened = file
            let summary = try StoreRecovery.recover(from: file, to: destination)
            Console.out(RecoverySummaryText.render(summary, source: file, destination: destination))
        }
    }
}
