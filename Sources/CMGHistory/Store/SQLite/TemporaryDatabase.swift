import Foundation

/// The temporary file a new database is built in (`.NAME.new-UUID` beside `NAME`), and the
/// clean-up of those a killed process left behind.
///
/// `kill -9` or a power cut while a database is being created leaves its temporary file (and
/// its `-journal`) in the folder; nothing reads them, but each run that dies adds another
/// quarter megabyte. A creator holds an exclusive `flock` on its temporary file for as long as
/// it works on it; a temporary file whose lock can be taken has no creator left, and is removed
/// with its side files by the next process that opens the database for writing. `flock` locks
/// are apart from SQLite's POSIX locks, and vanish with the process that held them.
struct TemporaryDatabase {
    let path: String
    private let descriptor: Int32

    /// The files SQLite may keep beside a database in rollback-journal or WAL mode.
    static let sideSuffixes = ["-journal", "-wal", "-shm"]

    /// Creates and locks a fresh temporary file beside `databasePath`.
    init(beside databasePath: String) throws {
        let url = URL(fileURLWithPath: databasePath)
        let folder = url.deletingLastPathComponent()
        while true {
            let candidate = folder.appendingPathComponent(Self.prefix(for: databasePath) + UUID().uuidString).path
            let fd = open(candidate, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw StoreError.cannotOpen(path: databasePath, reason: "cannot create the database: \(String(cString: strerror(errno)))")
            }
            // A cleaner may have taken the lock between open and flock and removed the file:
            // keep it only if the name still leads to this very file.
            if Self.lock(fd, wait: true), Self.isSameFile(fd, candidate) {
                path = candidate
                descriptor = fd
                return
            }
            close(fd)
        }
    }

    /// Releases the lock and removes the temporary file and its side files.
    func remove() {
        close(descriptor)
        for suffix in [""] + Self.sideSuffixes { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func prefix(for databasePath: String) -> String {
        ".\(URL(fileURLWithPath: databasePath).lastPathComponent).new-"
    }

    /// Removes the temporary files beside `databasePath` that no live process holds.
    static func removeAbandoned(beside databasePath: String) {
        let folder = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        let prefix = prefix(for: databasePath)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && !sideSuffixes.contains(where: { name.hasSuffix($0) }) {
            let path = (folder as NSString).appendingPathComponent(name)
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            guard lock(fd, wait: false) else { continue }  // its creator is at work
            for suffix in [""] + sideSuffixes { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    // MARK: - Platform

    private static func lock(_ fd: Int32, wait: Bool) -> Bool {
        #if os(Windows)
        return wait  // no flock: a creator goes on, a cleaner never removes (leftovers stay)
        #else
        return flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == 0
        #endif
    }

    private static func isSameFile(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        guard fstat(fd, &open) == 0, lstat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }
}
