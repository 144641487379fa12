import Foundation

/// A connection to one tenant's schema, opened from a `postgres://` location and migrated.
///
/// What `StoreOpener` is for an SQLite file: connect (the password from a password file, or
/// libpq's own `PGPASSWORD` / `~/.pgpass`), create the schema when missing, apply pending
/// migrations under the schema's advisory lock, and point `search_path` at the schema, so every
/// statement on ``connection`` names the tenant's tables unqualified.
public final class PostgresDatabase {
    /// The connection, its `search_path` set to ``location``'s schema.
    public let connection: PGConnection
    /// Where it is connected (no password in it).
    public let location: PostgresLocation

    /// How to treat the schema on opening.
    public enum Mode: Sendable {
        /// Create the schema when missing and apply pending migrations (imports, `db init`).
        case migrate
        /// Write nothing: refuse a missing, older or newer schema (reports, read-only roles).
        case read
    }

    /// Connects to `location` and prepares its schema as `mode` says.
    public init(_ location: PostgresLocation, passwordFile: URL? = nil, mode: Mode = .migrate) throws {
        let parameters = try PostgresConnectionParameters(location: location, passwordFile: passwordFile)
        connection = try PGConnection(parameters)
        self.location = location
        let display = location.displayForm
        switch mode {
        case .migrate:
            try PostgresMigrator.migrate(connection, schema: location.schema, location: display)
        case .read:
            switch try PostgresMigrator.status(connection, schema: location.schema) {
            case .current: break
            case .missing: throw StoreError.missing(path: display)
            case let .newer(unknown):
                throw StoreError.newerPostgresSchema(location: display, schema: location.schema, unknownMigrations: unknown)
            case .older:
                let applied = try PostgresMigrator.appliedIdentifiers(connection, location.schema)
                throw StoreError.olderSchema(
                    path: display,
                    databaseVersion: applied.map(SchemaMigrations.version(of:)).max() ?? 0,
                    binaryVersion: embeddedPostgresMigrations.map { SchemaMigrations.version(of: $0.identifier) }.max() ?? 0)
            }
            try PostgresMigrator.useSchema(connection, location.schema)
        }
    }
}
