import Foundation

/// What a path names, following symbolic links, from one `stat`: the one place that asks the
/// operating system (Windows builds need their own answer here).
public enum FileKind: Equatable, Sendable {
    case missing
    case regular(bytes: Int64)
    case directory
    /// A FIFO, device or socket: reading one can block forever or never end.
    case special

    public static func of(_ path: String) -> FileKind {
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
