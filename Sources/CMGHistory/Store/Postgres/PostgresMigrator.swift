/// Creates and upgrades a tenant's schema from the migrations in `Migrations/postgres/`.
///
/// The PostgreSQL side of `SchemaMigrations`: the identifiers applied to a schema are recorded
/// in its own ``migrationsTable``; each pending migration runs once, in order, in its own
/// transaction. The whole check-and-apply runs under an advisory lock named after the schema,
/// so collectors on several hosts opening a new schema at once do not race: the first applies,
/// the others wait and then find nothing left to do. A schema holding an identifier this binary
/// does not know was migrated by a newer cmg-history and is refused before anything is written.
public enum PostgresMigrator {
    /// The table, in the tenant's schema, that records each applied migration.
    public static let migrationsTable = "cmg_history_migrations"

    /// The state of a tenant's schema against the migrations a binary carries.
    public enum Status: Equatable, Sendable {
        /// No schema of that name.
        case missing
        /// Every migration applied, none unknown.
        case current
        /// These migrations are still to apply.
        case older(pending: [String])
        /// The schema holds these migrations, which this binary does not know.
        case newer(unknown: [String])
    }

    /// What `schema` holds against `migrations`, read without writing (a reader's check).
    static func status(_ connection: PGConnection, schema: String, migrations: [(identifier: String, sql: String)] = embeddedPostgresMigrations) throws -> Status {
        try PostgresLocation.checkSchemaName(schema)
        guard try schemaExists(connection, schema) else { return .missing }
        let applied = try appliedIdentifiers(connection, schema)
        let known = Set(migrations.map(\.identifier))
        let unknown = applied.subtracting(known).sorted()
        if !unknown.isEmpty { return .newer(unknown: unknown) }
        let pending = migrations.map(\.identifier).filter { !applied.contains($0) }
        return pending.isEmpty ? .current : .older(pending: pending)
    }

    /// Creates `schema` when missing and applies every pending migration to it; returns the
    /// identifiers applied. Throws ``StoreError/newerPostgresSchema(location:schema:unknownMigrations:)``,
    /// untouched, when the schema holds a migration not in `migrations`.
    ///
    /// Leaves the connection's `search_path` set to `schema`.
    @discardableResult
    static func migrate(_ connection: PGConnection, schema: String, location: String, migrations: [(identifier: String, sql: String)] = embeddedPostgresMigrations) throws -> [String] {
        try PostgresLocation.checkSchemaName(schema)
        return try connection.withAdvisoryLock("cmg-history migrate \(schema)") {
            switch try status(connection, schema: schema, migrations: migrations) {
            case let .newer(unknown):
                throw StoreError.newerPostgresSchema(location: location, schema: schema, unknownMigrations: unknown)
            case .current:
                // Nothing to create: a collector role, which may not create tables, opens it too.
                try useSchema(connection, schema)
                return []
            case .missing, .older:
                break
            }
            if !(try schemaExists(connection, schema)) {
                // Our name rules (checkSchemaName) leave nothing to escape in the quoted name.
                try connection.execute("CREATE SCHEMA \"\(schema)\"")
            }
            try useSchema(connection, schema)
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS \(migrationsTable) (
                    identifier text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let applied = try appliedIdentifiers(connection, schema)
            var done: [String] = []
            for migration in migrations where !applied.contains(migration.identifier) {
                try connection.transaction {
                    try connection.execute(migration.sql)
                    try connection.query("INSERT INTO \(migrationsTable) (identifier) VALUES ($1)", [.text(migration.identifier)])
                }
                done.append(migration.identifier)
            }
            return done
        }
    }

    /// Makes `schema` the connection's only schema for unqualified names (besides pg_catalog).
    public static func useSchema(_ connection: PGConnection, _ schema: String) throws {
        try PostgresLocation.checkSchemaName(schema)
        try connection.query("SELECT set_config('search_path', $1, false)", [.text("\"\(schema)\"")])
    }

    static func schemaExists(_ connection: PGConnection, _ schema: String) throws(PostgresError) -> Bool {
        try connection.query("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [.text(schema)]).int64(row: 0, column: 0) > 0
    }

    /// The identifiers recorded in `schema`'s migrations table (none when it has no such table).
    static func appliedIdentifiers(_ connection: PGConnection, _ schema: String) throws(PostgresError) -> Set<String> {
        let table = try connection.query(
            "SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = $2", [.text(schema), .text(migrationsTable)])
        guard try table.int64(row: 0, column: 0) > 0 else { return [] }
        let rows = try connection.query("SELECT identifier FROM \"\(schema)\".\(migrationsTable)")
        var identifiers: Set<String> = []
        for row in 0..<rows.rowCount { identifiers.insert(try rows.string(row: row, column: 0)) }
        return identifiers
    }
}
