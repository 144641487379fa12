import GRDB

/// The schema, as the ordered list of SQL migrations embedded in this binary.
///
/// Each migration is a `Migrations/sqlite/NNNN_verb_subject.sql` file; its identifier is the file name
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
    /// a new table from data SQL alone cannot compute (merging value lists). Each is a frozen copy,
    /// never a call into code that keeps changing: a shipped migration never changes.
    static let dataSteps: [String: @Sendable (Database) throws -> Void] = [
        "0005_add_daily_rollups": Migration0005DataStep.run,
    ]

    /// The identifiers applied to `db` (none when it was never migrated).
    static func appliedIdentifiers(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
    }

    /// The embedded migrations not yet applied to `db`, in order.
    static func pending(_ db: Database) throws -> [(identifier: String, sql: String)] {
        let applied = try appliedIdentifiers(db)
        return embeddedMigrations.filter { !applied.contains($0.identifier) }
    }

    /// Applies every pending migration and sets our application id, all in one exclusive
    /// transaction.
    ///
    /// GRDB's migrator checks what is applied and then applies each migration in its own
    /// transaction, so two processes opening a new file at once both saw nothing applied and
    /// both ran the first migration (`table log_file already exists`, `UNIQUE constraint
    /// failed: grdb_migrations.identifier`). Here the check and the work happen under one write
    /// lock: the second process waits (busy timeout), then finds nothing left to do. The
    /// identifiers go into GRDB's `grdb_migrations` table as before, so databases migrated by
    /// earlier versions read the same.
    static func migrate(_ db: Database) throws {
        try db.inTransaction(.exclusive) {
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for migration in try pending(db) {
                try db.execute(sql: migration.sql)
                try dataSteps[migration.identifier]?(db)
                try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES (?)", arguments: [migration.identifier])
            }
            if try Int64.fetchOne(db, sql: "PRAGMA application_id") != Int64(DatabaseFile.applicationID) {
                try db.execute(sql: "PRAGMA application_id = \(DatabaseFile.applicationID)")
            }
            return .commit
        }
    }

    /// The tables our migrations create (and GRDB's record of them): what a database of ours
    /// made before the application id was set may hold.
    static let tableNames: Set<String> = {
        guard let queue = try? DatabaseQueue(),
              let names = try? queue.writeWithoutTransaction({ db -> [String] in
                  try migrate(db)
                  return try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
              })
        else { return ["grdb_migrations"] }
        return Set(names)
    }()

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
