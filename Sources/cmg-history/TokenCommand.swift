import ArgumentParser
import CMGHistory
import Foundation

/// `cmg-history token …`
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the bearer tokens of cmg-history serve.",
        discussion: """
            A token is shown once, when it is created, and only its SHA-256 is stored: a lost token is \
            revoked and a new one created. Scopes: ingest (POST /api/v1/ingest, for collectors), read \
            (reports, dashboard, /metrics), admin (both).
            """,
        subcommands: [CreateCommand.self, ListCommand.self, RevokeCommand.self]
    )

    /// `cmg-history token create`
    struct CreateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a token and write it to a file only you can read.",
            discussion: """
                The token goes to --out (mode 600, replacing the file), or to standard output with \
                --out -. Example: cmg-history token create --name sccm01-collector --scope ingest \
                --out sccm01.token
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Its name: 1 to 64 letters, digits, '.', '-', '_' or '@'.", valueName: "name"))
        var name: String

        @Option(name: .long, help: ArgumentHelp("What it may do: read, ingest or admin.", valueName: "scope"))
        var scope: TokenScope

        @Option(name: .long, help: ArgumentHelp("The file to write the token to, or - for standard output.", valueName: "path"))
        var out: String

        func run() throws {
            let store = try database.openStore()
            let (token, record) = try store.createToken(name: name, scope: scope, now: Int64(Date().timeIntervalSince1970))
            if out == "-" {
                Console.out(token + "\n")
                return
            }
            do {
                try SecretFile.write(token, to: out)
            } catch {
                // The token is stored, and nobody has it: revoke it rather than leave a key nobody holds.
                _ = try? store.revokeToken(name: record.name, now: record.createdAt)
                throw CommandFailure(message: "cannot write \(SecretText.fileName(out)): \(error.localizedDescription); the token was revoked")
            }
            Console.out("token \(record.name) (scope \(record.scope.rawValue)) written to \(SecretText.fileName(out))\n")
        }
    }

    /// `cmg-history token list`
    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens: names, scopes and dates, never the tokens.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let tokens = try database.openForReading().tokens()
            guard !tokens.isEmpty else {
                Console.out("No tokens. Create one with cmg-history token create --name NAME --scope ingest --out FILE.\n")
                return
            }
            Console.out(TokenListText.table(tokens))
        }
    }

    /// `cmg-history token revoke`
    struct RevokeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token: the server refuses it from now on.")

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("The token's name.", valueName: "name"))
        var name: String

        func run() throws {
            let token = try database.openStore().revokeToken(name: name, now: Int64(Date().timeIntervalSince1970))
            Console.out("token \(token.name) revoked at \(Timestamp.format(token.revokedAt ?? 0))\n")
        }
    }
}
