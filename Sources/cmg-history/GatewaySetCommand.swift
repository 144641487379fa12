import ArgumentParser
import CMGHistory
import Foundation

/// `cmg-history gateway set GATEWAY --vm-size SIZE [--instances N] [--at TIME]`
struct GatewaySetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Record a gateway's VM size (and instances), which ConfigMgr's exports do not carry.",
        discussion: """
            SMS_AzureService has no VM size, so capacity stays unknown until you record the size the \
            console shows in the CMG's properties. The value holds from --at (default: now) until a later \
            record sets another one; before the first record of a size, the first size known stands. \
            Fields an export leaves out never erase it. Example: cmg-history gateway set \
            GraniteFalls.contoso.com --vm-size Standard_A2_v2 --instances 2 --at 2026-09-01T00:00:00Z
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The gateway, by its service name (such as GraniteFalls.contoso.com).", valueName: "gateway"))
    var gateway: String

    @Option(name: .long, help: ArgumentHelp("The VM size, such as Standard_A2_v2 or Standard_A4_v2.", valueName: "size"))
    var vmSize: VMSizeArgument

    @Option(name: .long, help: ArgumentHelp("The number of VM instances, from 1 to 16.", valueName: "n"))
    var instances: Int64?

    @Option(name: .long, help: ArgumentHelp("When the configuration took effect, as an RFC 3339 instant (default: now).", valueName: "time"))
    var at: InstantArgument?

    @Flag(name: .long, help: "Create the gateway when the database has none of that name (otherwise a mistyped name is refused).")
    var createGateway = false

    func validate() throws {
        let name = gateway.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw ValidationError("The gateway name must not be empty.") }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("The gateway name \(VisibleText.escape(name)) holds control characters.")
        }
        if name.utf8.count > ValueLimits.maximumNameBytes {
            throw ValidationError("The gateway name is too long (limit \(ValueLimits.maximumNameBytes) bytes).")
        }
        if let instances, !(1...CapacityPolicy.maximumInstances).contains(instances) {
            throw ValidationError("--instances must be from 1 to \(CapacityPolicy.maximumInstances), not \(instances).")
        }
    }

    func run() throws {
        let typed = gateway.trimmingCharacters(in: .whitespacesAndNewlines)
        let size = vmSize.name
        let instant = at?.seconds ?? Int64(Date().timeIntervalSince1970)
        let refusal = "no gateway named \(typed) in \(database.path): check the name (cmg-history gateway list lists them), "
            + "or use --create-gateway to record a new one"
        // A read that finds no database must not leave an empty one behind.
        if !createGateway, case .sqlite(let file) = try database.location(), !FileManager.default.fileExists(atPath: file) {
            throw CommandFailure(message: refusal)
        }
        let store = try database.openStore()
        let stored: String?
        do {
            stored = try store.resolveGatewayForRecording(typed)
        } catch GatewayError.unknown(let typed, let known) {
            if !createGateway {
                throw CommandFailure(message: GatewayError.unknown(typed, known: known).description
                                     + " Use --create-gateway to record a new gateway of that name.")
            }
            stored = nil
        }
        let name = stored ?? typed
        let summary = try store.setGatewayConfiguration(gateway: name, at: instant, vmSize: size, instances: instances)
        for rejection in summary.rejections { Console.error(rejection.description) }
        for conflict in summary.conflictList { Console.error(conflict.description) }
        // Shown as the store keeps it: a secret-looking value in a new name is redacted.
        let what = "\(SecretText.redacted(name)): VM size \(size)" + (instances.map { ", \($0) instance\($0 == 1 ? "" : "s")" } ?? "")
            + " from \(Timestamp.format(instant))"
        if summary.conflicts > 0 {
            Console.out("\(what) was not recorded: a configuration recorded at that instant says otherwise (kept).\n")
        } else if summary.inserted + summary.updated == 0 {
            Console.out("\(what) was already recorded.\n")
        } else {
            Console.out("Recorded \(what)" + (stored == nil ? " (new gateway)" : "") + ".\n")
        }
        for note in summary.notes { Console.out("  \(note)\n") }
        if summary.rejected > 0 || summary.conflicts > 0 { throw ExitCode(1) }
    }
}
