import ArgumentParser
import CMGHistory
import Foundation

/// `cmg-history gateway list`
struct GatewayListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every gateway with its aliases, first and last observation, and stored records.")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "How to print: table for people, json or csv for scripts.")
    var format: GatewayListFormat = .table

    func run() throws {
        let gateways = try database.openForReading().gateways()
        switch format {
        case .json: Console.out(try JSONRender.render(gateways))
        case .csv: Console.out(GatewayListText.csv(gateways))
        case .table: Console.out(GatewayListText.table(gateways))
        }
    }
}

enum GatewayListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `cmg-history gateway rename OLD NEW`
struct GatewayRenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Rename a gateway; its old name stays an alias, so files that use it still find it.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The gateway's name (or any name it answers to).", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("Its new name, such as its service name GraniteFalls.contoso.com.", valueName: "new"))
    var new: String

    func run() throws {
        let store = try database.openStore()
        let was = try store.renameGateway(old, to: new)
        Console.out("Renamed gateway \(was) to \(try store.resolveGateway(new)); \(was) stays an alias of it.\n")
    }
}

/// `cmg-history gateway merge FROM INTO`
struct GatewayMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Move every record of one gateway to another and delete the first; its names become aliases.",
        discussion: """
            Records INTO holds already with the same values are dropped as duplicates; records with the \
            same key and other values are conflicts: INTO's are kept, the others are kept apart in the \
            table gateway_merge_conflict and listed. Rollups and state spans are recomputed. All of it \
            happens in one transaction.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The gateway to merge away.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The gateway that keeps the records.", valueName: "into"))
    var into: String

    func run() throws {
        let summary = try database.openStore().mergeGateway(from, into: into)
        Console.out("Merged gateway \(summary.from) into \(summary.into): \(summary.sentence).\n")
        for (kind, count) in summary.moved.sorted(by: { $0.key < $1.key }) {
            Console.out("  \(GatewayListText.kindName(kind)): \(NumberFormat.grouped(count))\n")
        }
        for row in summary.conflictRows { Console.error("conflict: \(row)\n") }
    }
}

/// `cmg-history gateway alias GATEWAY NAME`
struct GatewayAliasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alias",
        abstract: "Give a gateway another name that imports, reports and commands resolve to it.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The gateway.", valueName: "gateway"))
    var gateway: String

    @Argument(help: ArgumentHelp("The other name, such as a ServiceCName spelling or a console short name.", valueName: "name"))
    var name: String

    func run() throws {
        let store = try database.openStore()
        let added = try store.addGatewayAlias(gateway, alias: name)
        let target = try store.resolveGateway(gateway)
        // Shown as stored: a secret-looking value in it is redacted (``SecretText``).
        let alias = SecretText.redacted(name)
        Console.out(added ? "\(alias) is now an alias of gateway \(target).\n" : "\(alias) already stands for gateway \(target).\n")
    }
}

/// `cmg-history gateway remove GATEWAY [--yes]`
struct GatewayRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Delete a gateway and every record it has (a mistyped name, a CMG that was deleted).",
        discussion: """
            Without --yes, a gateway that has records is not removed: the command lists what would be \
            deleted, per kind, and exits 1. Log entries are kept; their files are no longer linked to it.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The gateway to remove.", valueName: "gateway"))
    var gateway: String

    @Flag(name: .long, help: "Remove it even though it has records.")
    var yes = false

    func run() throws {
        let store = try database.openStore()
        let plan = try store.gatewayRemovalPlan(gateway)
        guard yes || plan.isEmpty else {
            Console.out("Gateway \(plan.gateway) has records; nothing was removed. With --yes, this deletes:\n"
                        + GatewayListText.removal(plan))
            throw ExitCode(1)
        }
        let removed = try store.removeGateway(plan.gateway)
        Console.out("Removed gateway \(removed.gateway)" + (removed.isEmpty ? " (it had no records).\n" : ", deleting:\n" + GatewayListText.removal(removed)))
    }
}
