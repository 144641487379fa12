import ArgumentParser
import Foundation
import CMGHistory

/// `cmg-history db …`
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Look after the history database.",
        subcommands: [InfoCommand.self, CheckCommand.self, BackupCommand.self, CopyCommand.self, RecoverCommand.self, UpgradeCommand.self, PruneCommand.self]
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
            case .json: Console.out(try JSONOutput.encode(info))
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
                Samples older than the pruned horizon are refused on later imports. Run VACUUM to shrink the file.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Keep raw samples of this many most recent days.", valueName: "days"))
        var keepRaw: Int

        @Option(name: .long, help: .hidden)
        var now: String?

        func validate() throws {
            guard keepRaw >= 1 else { throw ValidationError("--keep-raw must be at least 1 day, not \(keepRaw).") }
            if let now, Timestamp.parse(now) == nil { throw ValidationError("--now takes an RFC 3339 instant, not \(now).") }
        }

        func run() throws {
            let instant = now.flatMap(Timestamp.parse) ?? Int64(Date().timeIntervalSince1970)
            let summary = try database.openStore().prune(keepDays: keepRaw, now: instant)
            var table = TextTable(headers: ["table", "rows deleted"], alignments: [.left, .right])
            for (name, rows) in summary.deletedRows.sorted(by: { $0.key < $1.key }) { table.append([name, NumberFormat.grouped(rows)]) }
            Console.out("Raw samples before \(summary.rawKeptFrom) deleted; hourly rollups keep them "
                + "(\(summary.rollupsBuilt) missing rollup hours built first).\n" + table.render(indent: "  ")
                + "  \(NumberFormat.bytes(summary.freedBytes)) freed for reuse inside the file.\n")
        }
    }
}

/// `db info` as text.
enum DatabaseInfoText {
    static func render(_ info: DatabaseInfo) -> String {
        var out = "Database \(info.path)\n"
        out += "  schema version \(info.schemaVersion) (this cmg-history knows up to \(info.binarySchemaVersion)), "
        out += "\(NumberFormat.bytes(info.fileBytes)) on disk\n\n"
        var tables = TextTable(headers: ["table", "rows"], alignments: [.left, .right])
        for t in info.tables { tables.append([t.table, NumberFormat.grouped(t.rows)]) }
        out += tables.render(indent: "  ")
        for gateway in info.gateways {
            out += "\nGateway \(gateway.gateway)"
            if let id = gateway.azureServiceID { out += " (AzureServiceID \(id))" }
            out += "\n"
            var data = TextTable(headers: ["data", "rows", "first (UTC)", "last (UTC)"], alignments: [.left, .right, .left, .left])
            for d in gateway.data { data.append([d.kind, NumberFormat.grouped(d.rows), d.first, d.last]) }
            out += gateway.data.isEmpty ? "  no data yet\n" : data.render(indent: "  ")
        }
        if info.gateways.isEmpty { out += "\nNo gateways yet: import a file with `cmg-history ingest FILE`.\n" }
        return out
    }
}
