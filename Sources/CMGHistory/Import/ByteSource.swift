import Foundation

/// Where import bytes come from: a file, or standard input for `-`.
///
/// Kept behind one small type so the platform-specific reading stays in one place.
struct ByteSource {
    /// The name used in messages: the path as given, or `<stdin>`.
    let name: String
    private let handle: FileHandle

    /// Bytes read per call: large enough that reading costs little next to parsing.
    static let chunkSize = 1 << 20

    init(path: String) throws(ImportError) {
        if path == "-" {
            name = "<stdin>"
            handle = FileHandle.standardInput
            return
        }
        name = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError.cannotRead(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError.cannotRead(file: path, reason: "it is a folder, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError.cannotRead(file: path, reason: "permission denied or unreadable")
        }
        self.handle = handle
    }

    /// Appends the next chunk to `buffer`; returns false at the end of the input.
    func read(appendingTo buffer: inout [UInt8]) throws(ImportError) -> Bool {
        do {
            guard let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty else { return false }
            buffer.append(contentsOf: data)
            return true
        } catch {
            throw ImportError.cannotRead(file: name, reason: error.localizedDescription)
        }
    }

    /// Bytes read so far from a file, or nil for standard input.
    var position: Int64? {
        guard name != "<stdin>", let offset = try? handle.offset() else { return nil }
        return Int64(clamping: offset)
    }

    func close() {
        if name != "<stdin>" { try? handle.close() }
    }
}
