import Foundation

/// Reads an export file whole, and its modification time, behind one small type: the only
/// file-system calls of the export importers.
public enum ExportFile {
    /// The file's bytes, or standard input's for `-`.
    static func bytes(path: String) throws(ImportError) -> [UInt8] {
        let source = try ByteSource(path: path)
        defer { source.close() }
        var buffer: [UInt8] = []
        while try source.read(appendingTo: &buffer) {
            if buffer.count > ExportText.maximumBytes {
                throw ImportError.cannotRead(file: source.name, reason:
                    "it is larger than \(ExportText.maximumBytes >> 20) MB, far larger than any ConfigMgr export; is it the right file?")
            }
        }
        return buffer
    }

    /// When the file was last written, in whole UTC seconds; nil for standard input or when the
    /// file system does not say. An export with no time of its own is stamped with it.
    public static func modificationTime(path: String) -> UnixSeconds? {
        guard path != "-",
              let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        else { return nil }
        return Int64(saturating: date.timeIntervalSince1970.rounded(.down))
    }
}
