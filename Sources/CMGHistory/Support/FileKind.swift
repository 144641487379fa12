import Foundation

/// What a path names, following symbolic links, from one `stat`: the one place that asks the
/// operating system (Windows builds need their own answer here).
package enum FileKind: Equatable, Sendable {
    case missing
    case regular(bytes: Int64)
    case directory
    /// A FIFO, device or socket: reading one can block forever or never end.
    case special

    package static func of(_ path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(bytes: Int64(info.st_size))
        case S_IFDIR: return .directory
        default: return .special
        }
    }
}

/// The device and inode of a file: two paths name the same file when these are equal, whatever
/// their spelling, links or `..`.
struct FileIdentity: Equatable, Hashable {
    var device: UInt64
    var inode: UInt64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}

/// Whether another process has a database's WAL index (its `-shm` file) open right now.
///
/// SQLite's unix VFS holds a shared lock on byte 128 of the `-shm` file (the "DMS" lock) for as
/// long as a connection uses the index, and the first connection to open it takes that byte
/// exclusively to rebuild it. So a lock there means a live connection: a `-wal` file with frames
/// in it is then an import at work, not one that died. POSIX locks are per process: call this
/// before this process opens the database.
enum WALIndex {
    /// Offset of SQLite's DMS lock byte in the `-shm` file (`UNIX_SHM_DMS` in os_unix.c).
    static let deadManSwitchOffset = 128

    static func isInUse(databasePath path: String) -> Bool {
        let descriptor = open(path + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(truncatingIfNeeded: F_WRLCK)
        lock.l_whence = Int16(truncatingIfNeeded: SEEK_SET)
        lock.l_start = off_t(deadManSwitchOffset)
        lock.l_len = 1
        guard fcntl(descriptor, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(truncatingIfNeeded: F_UNLCK)
    }
}
