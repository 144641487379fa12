import Foundation

/// One tenant of a PostgreSQL server: a schema holding one history, and the two roles
/// `cmg-history db init` grants on it.
///
/// - The **collector** role (`<schema>_collector`) is what an import needs: SELECT, INSERT and
///   UPDATE on the history's tables (the retention horizon aside: SELECT only), DELETE on the tables the import path rewrites (rollups and
///   state spans, which it recomputes; log events, which reclassifying replaces), USAGE on the
///   identity sequences, and EXECUTE on `cmg_history_create_month`, the schema owner's function
///   (Migrations/postgres/0003) that creates a new month's partitions. It owns nothing, so it can
///   create, alter, truncate or drop no table. Pruning, gateway repairs and upgrades are the
///   owner's.
/// - The **reader** role (`<schema>_reader`) has SELECT only: reports, the timeline, log search.
///
/// Both are NOLOGIN group roles: the database team grants them to the login roles of collectors
/// and report hosts (`GRANT acme_collector TO collector_host1`). No other role (PUBLIC included)
/// gets any right on the schema, so one tenant's roles cannot read another tenant's history.
/// Role names are cluster-wide: two databases of one server holding a schema of the same name
/// need role names of their own (`--collector-role`, `--reader-role`).
public struct PostgresTenant: Sendable, Equatable {
    /// The tenant's schema.
    public let schema: String
    /// The role that imports.
    public let collectorRole: String
    /// The role that only reads.
    public let readerRole: String

    /// A schema or role name the tenant cannot take.
    public struct NameError: Error, Equatable, CustomStringConvertible {
        /// `schema`, `collector role` or `reader role`.
        public let what: String
        /// The name as given.
        public let name: String
        /// Why it is refused.
        public let reason: String
        public var description: String { "\(what) \(VisibleText.escape(name)): \(reason)" }
    }

    /// The tables the import path deletes rows from, besides inserting: what it recomputes.
    static let rewrittenTables = ["state_span", "rollup_hour", "rollup_day", "log_event"]

    /// A tenant of `schema`, its roles named after it unless given.
    ///
    /// - throws: ``NameError`` for a schema or role name outside the plain names the store
    ///   accepts (lower-case letters, digits and `_`, at most 63 bytes), so no name needs quoting
    ///   in the SQL below, or for one name given to both roles.
    public init(schema: String, collectorRole: String? = nil, readerRole: String? = nil) throws(NameError) {
        let collector = collectorRole ?? schema + "_collector", reader = readerRole ?? schema + "_reader"
        for (what, name) in [("schema", schema), ("collector role", collector), ("reader role", reader)] {
            do {
                try PostgresLocation.checkSchemaName(name)
            } catch let StoreLocationError.badSchema(_, reason) {
                throw NameError(what: what, name: name, reason: reason)
            } catch {
                throw NameError(what: what, name: name, reason: "\(error)")
            }
        }
        guard collector != reader else {
            throw NameError(what: "reader role", name: reader, reason: "is the collector role's name too; the two roles differ")
        }
        self.schema = schema
        self.collectorRole = collector
        self.readerRole = reader
    }

    /// The statements that create the roles (when missing) and grant them their rights on the
    /// migrated schema, for a database team to review (`db init --print-grants`) or for
    /// ``create(at:passwordFile:)`` to run. Running them again changes nothing.
    public var grantStatements: [String] {
        let (s, c, r) = (schema, collectorRole, readerRole)
        return [
            """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(c)') THEN CREATE ROLE \(c) NOLOGIN; END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(r)') THEN CREATE ROLE \(r) NOLOGIN; END IF;
            END $$
            """,
            "REVOKE ALL ON SCHEMA \(s) FROM PUBLIC",
            "GRANT USAGE ON SCHEMA \(s) TO \(c), \(r)",
            "GRANT SELECT ON ALL TABLES IN SCHEMA \(s) TO \(r)",
            "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA \(s) TO \(c)",
            // The retention horizon is the owner's: it moves with a prune.
            "REVOKE INSERT, UPDATE ON \(s).retention FROM \(c)",
            // Tokens are the owner's (`cmg-history token`): a collector may stamp one's use, not add one.
            "REVOKE INSERT, UPDATE ON \(s).api_token FROM \(c)",
            "GRANT UPDATE (last_used_at) ON \(s).api_token TO \(c)",
            "GRANT DELETE ON \(Self.rewrittenTables.map { "\(s).\($0)" }.joined(separator: ", ")) TO \(c)",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(s) TO \(c)",
            "GRANT EXECUTE ON FUNCTION \(s).cmg_history_create_month(text, bigint) TO \(c)",
            // Month partitions the function creates later: readable through their parent anyway,
            // and directly too.
            "ALTER DEFAULT PRIVILEGES IN SCHEMA \(s) GRANT SELECT ON TABLES TO \(r)",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA \(s) GRANT SELECT, INSERT, UPDATE ON TABLES TO \(c)",
        ]
    }

    /// The statements as one script, each ended by `;`, with a comment saying what it is.
    public var grantScript: String {
        "-- cmg-history db init: roles of the tenant schema \(schema) (collector \(collectorRole), reader \(readerRole)).\n"
            + "-- Run as the schema's owner, after the schema is migrated; grant the roles to login roles afterwards.\n"
            + grantStatements.map { $0 + ";\n" }.joined()
    }

    /// Creates the schema when missing, migrates it, and creates and grants the two roles, in
    /// one transaction after the migration; returns the schema's migration version.
    ///
    /// Run by the schema's owner (or a role that may create schemas and roles).
    public func create(at location: PostgresLocation, passwordFile: URL?) throws -> Int {
        var location = location
        location.schema = schema
        let database = try PostgresDatabase(location, passwordFile: passwordFile, mode: .migrate)
        let connection = database.connection
        try connection.transaction {
            for statement in grantStatements { try connection.execute(statement) }
        }
        return try PostgresMigrator.appliedIdentifiers(connection, schema).map(SchemaMigrations.version(of:)).max() ?? 0
    }
}
