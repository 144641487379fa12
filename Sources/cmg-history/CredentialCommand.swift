import ArgumentParser
import CMGHistory
import Foundation

/// `cmg-history credential …`
struct CredentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential",
        abstract: "Record credentials whose expiry ConfigMgr does not export.",
        subcommands: [AddCommand.self]
    )

    /// `cmg-history credential add`
    struct AddCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a credential's expiry, such as the Entra ID app secret's, and when it was renewed.",
            discussion: """
                Only the name and the dates are stored, never the secret. Run it again after each renewal \
                with the new expiry and --renewed: every renewal is kept, and shows as a renew_app_secret \
                operation. Entering the same expiry twice stores nothing the second time. Example: \
                cmg-history credential add --gateway GraniteFalls.contoso.com --kind app_secret \
                --name CMG-ServerApp --expires 2027-06-01T00:00:00Z --renewed 2026-05-20T09:30:00Z
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("The gateway the credential belongs to.", valueName: "name"))
        var gateway: String

        @Option(name: .long, help: ArgumentHelp(
            "What it is: \(CredentialKind.choices).", valueName: "kind"))
        var kind: CredentialKind

        @Option(name: .long, help: ArgumentHelp("Its name, such as the Entra ID app's display name.", valueName: "name"))
        var name: String

        @Option(name: .long, help: ArgumentHelp("When it expires, as an RFC 3339 instant.", valueName: "time"))
        var expires: InstantArgument

        @Option(name: .long, help: ArgumentHelp("When it was renewed (created), as an RFC 3339 instant.", valueName: "time"))
        var renewed: InstantArgument?

        @Flag(name: .customLong("create-gateway"), help: "Store a gateway of that name if none is known (else an unknown --gateway is refused).")
        var createGateway = false

        func validate() throws {
            if gateway.trimmingSpaces.isEmpty { throw ValidationError("--gateway must name a gateway.") }
            if gateway.trimmingSpaces.utf8.count > ValueLimits.maximumNameBytes {
                throw ValidationError("--gateway is too long (limit \(ValueLimits.maximumNameBytes) bytes).")
            }
            if name.trimmingSpaces.isEmpty { throw ValidationError("--name must not be empty.") }
            if let renewed, renewed.seconds > expires.seconds {
                throw ValidationError("--renewed (\(renewed.text)) is after --expires (\(expires.text)).")
            }
        }

        func run() throws {
            let expiresAt = expires.seconds
            let store = try database.openStore()
            // A mistyped --gateway would otherwise be a phantom gateway forever.
            let owner: String
            do {
                owner = try store.resolveGatewayForRecording(gateway.trimmingSpaces)
            } catch GatewayError.unknown(let typed, let known) where !createGateway {
                throw CommandFailure(message: GatewayError.unknown(typed, known: known).description
                                     + " Use --create-gateway to store a new gateway of that name.")
            } catch GatewayError.unknown where createGateway {
                owner = gateway.trimmingSpaces
            }
            let entry = CredentialEntry(gateway: owner, kind: kind, name: name.trimmingSpaces,
                                        expiresAt: expiresAt, renewedAt: renewed?.seconds)
            let summary = try store.importRecords(entry.records, source: "credential add")
            for rejection in summary.rejections { Console.error(rejection.description) }
            for conflict in summary.conflictList { Console.error(conflict.description) }
            if summary.conflicts > 0 {
                Console.out("\(entry.name) (\(kind.rawValue)) of \(entry.gateway) expiring \(Timestamp.format(expiresAt)) "
                            + "is recorded with other dates; the recorded one is kept.\n")
            } else if summary.inserted == 0 {
                Console.out("\(entry.name) (\(kind.rawValue)) of \(entry.gateway) expiring \(Timestamp.format(expiresAt)) was already recorded.\n")
            } else {
                Console.out("Recorded \(entry.name) (\(kind.rawValue)) of \(entry.gateway): expires \(Timestamp.format(expiresAt))"
                            + (entry.renewedAt.map { ", renewed \(Timestamp.format($0))" } ?? "") + ".\n")
            }
            for note in summary.notes { Console.out("  \(note)\n") }
            if summary.rejected > 0 || summary.conflicts > 0 { throw ExitCode(1) }
        }
    }
}

private extension String {
    var trimmingSpaces: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
