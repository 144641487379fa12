/// How far one file's import has come, for a progress display: the caller knows the totals.
public struct ImportProgress: Sendable, Equatable {
    /// Lines (NDJSON) or records (exports) read so far.
    public var records: Int
    /// Bytes of the file read so far (0 when the input cannot tell, such as a pipe).
    public var bytesRead: Int64

    /// Lines between two reports: often enough for a bar on a slow disk, rare enough to cost nothing.
    static let everyLines = 4096
}
