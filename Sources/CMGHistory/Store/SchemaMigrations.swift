import GRDB

/// The schema, as the ordered list of SQL migrations embedded in this binary.
///
/// Each migration is a `Migrations/NNNN_verb_subject.sql` file; its identifier is the file name
/// without `.sql`, and its version is the `NNNN` prefix. GRDB records each applied identifier in
/// `grdb_migrations` and runs each pending one once, in its own transaction.
enum SchemaMigrations {
    /// The highest schema version this binary knows.
    static var latestVersion: Int {
        embeddedMigrations.map { version(of: $0.identifier) }.max() ?? 0
    }

    /// The number at the start of a migration identifier (`0003_add_rollups` → 3), or 0.
    static func version(of identifier: String) -> Int {
        Int(identifier.prefix(while: \.isNumber)) ?? 0
    }

    /// Work a migration needs beyond its SQL, run in the same transaction right after it: filling
    /// a new table from data SQL alone cannot compute (merging value lists).
    static let dataSteps: [String: @Sendable (Database) throws -> Void] = [
        "0005_add_daily_rollups": DailyRollups.rebuildAll,
    ]

    static func makeMigrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in embeddedMigrations {
            let sql = migration.sql
            let fill = dataSteps[migration.identifier]
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: sql)
                try fill?(db)
            }
        }
        return migrator
    }
}
