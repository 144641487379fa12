import Foundation
import GRDB
@testable import CMGHistory

extension TemporaryFolder {
    /// A database migrated the old way (GRDB's migrator, no application id) to the last schema
    /// before `version`, holding what `sql` inserts: what an older release left on disk.
    func database(before version: Int, _ name: String = "old.sqlite", sql: String) throws -> String {
        let path = path(name)
        let queue = try DatabaseQueue(path: path)
        guard let before = embeddedMigrations.map(\.identifier).filter({ SchemaMigrations.version(of: $0) < version }).max() else {
            throw DatabaseError(message: "no migration before version \(version)")
        }
        try SchemaMigrations.makeMigrator().migrate(queue, upTo: before)
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
        return path
    }
}
