import Foundation

/// Writes a file through a fresh temporary name in the same folder, then renames it over the
/// target: a reader sees the old file or the new one, never half of one, and a symbolic link
/// planted at the target is replaced, not followed.
enum AtomicFile {
    /// A name in `path`'s folder that nothing else uses, for building the file before the rename.
    static func temporaryName(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)").path
    }

    /// Writes `data` to `path`, readable by everyone (`0o644`) or only as `mode` says.
    static func write(_ data: Data, to path: String, mode: mode_t = 0o644) throws {
        let temporary = temporaryName(for: path)
        // O_EXCL: the temporary name must be new, so it cannot be a link someone planted.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw CocoaError.error(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))]) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.close()
            try replace(path, with: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Renames `temporary` over `path` (a link at `path` is replaced, its target untouched).
    static func replace(_ path: String, with temporary: String) throws {
        guard rename(temporary, path) == 0 else {
            throw CocoaError.error(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }
}

/// A file only its owner can read, for a secret the tool hands over once (a new bearer token).
public enum SecretFile {
    /// Writes `text` and a newline to `path`, mode 600 from the moment it exists, replacing what was there.
    public static func write(_ text: String, to path: String) throws {
        try AtomicFile.write(Data((text + "\n").utf8), to: path, mode: 0o600)
    }
}
