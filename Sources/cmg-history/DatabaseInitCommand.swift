import ArgumentParser
import CMGHistory
import Foundation

extension DatabaseCommand {
    /// `cmg-history db init`
    struct InitCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a history: a database file, or a PostgreSQL tenant's schema and its two roles.",
            discussion: """
                For a file, creates and migrates it (imports do the same). For postgres://…?schema=NAME, \
                run as the schema's owner: creates and migrates the schema, then two NOLOGIN roles and \
                their rights on it, to grant to login roles: NAME_collector (select, insert and update \
                what imports write, and create new months through the schema's own function; no other \
                DDL) and NAME_reader (select only). No other role gets any right on the schema. \
                --print-grants prints that SQL instead, connecting to nothing, for a database team to \
                review and run.
                """)

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Print the SQL that creates and grants the roles, and run nothing.")
        var printGrants = false

        @Option(name: .long, help: ArgumentHelp("The collector role's name (default: the schema's name + _collector).", valueName: "role"))
        var collectorRole: String?

        @Option(name: .long, help: ArgumentHelp("The reader role's name (default: the schema's name + _reader).", valueName: "role"))
        var readerRole: String?

        func validate() throws {
            if case .sqlite = try database.location(), collectorRole != nil || readerRole != nil || printGrants {
                throw ValidationError("--collector-role, --reader-role and --print-grants are for a PostgreSQL history; a database file has no roles.")
            }
        }

        func run() throws {
            guard case let .postgres(location) = try database.location() else {
                let store = try database.openStore()
                Console.out("\(store.path): schema version \(try store.schemaVersion()).\n")
                return
            }
            let tenant: PostgresTenant
            do {
                tenant = try PostgresTenant(schema: location.schema, collectorRole: collectorRole, readerRole: readerRole)
            } catch {
                throw CommandFailure(message: error.description)
            }
            if printGrants {
                Console.out(tenant.grantScript)
                return
            }
            DatabaseOptions.opened = location.displayForm
            let version = try tenant.create(at: location, passwordFile: database.passwordFile.map { URL(fileURLWithPath: $0) })
            Console.out("""
                \(location.displayForm): schema \(tenant.schema) at version \(version); roles \(tenant.collectorRole) (collector) \
                and \(tenant.readerRole) (reader) granted. Give them to login roles: GRANT \(tenant.collectorRole) TO <login>;

                """)
        }
    }
}
