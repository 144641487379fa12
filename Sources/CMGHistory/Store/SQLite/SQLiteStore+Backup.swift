import Foundation
import GRDB

extension SQLiteStore {
    /// Writes a consistent copy of the database to `destination`, a new file, and returns its size.
    ///
    /// `VACUUM INTO` reads one snapshot, so imports may go on meanwhile; the copy is written under
    /// a temporary name and linked into place, so an existing destination is never overwritten.
    func backup(to destination: String) throws -> Int64 {
        try StoreRecovery.refuseExisting(destination)
        let temporary = AtomicFile.temporaryName(for: destination)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            try writer.unsafeRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [temporary]) }
        } catch let error as DatabaseError {
            throw StoreError(sqliteError: error, path: path) ?? StoreError.cannotOpen(path: destination, reason: "\(error)")
        }
        guard link(temporary, destination) == 0 else {
            if errno == EEXIST { throw StoreError.destinationExists(path: destination) }
            throw StoreError.cannotOpen(path: destination, reason: String(cString: strerror(errno)))
        }
        guard case let .regular(bytes) = FileKind.of(destination) else { return 0 }
        return bytes
    }
}
