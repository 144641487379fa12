/// Where the running import is — file, line being read, last line committed — kept where a
/// fatal-signal handler can read it without allocating.
///
/// No input should trap (``ValueLimits``), but if one still does, the tool's handler prints
/// `crashed while reading FILE line N; lines up to M are committed` with `write(2)`, so the admin
/// knows which line to look at and that re-running is safe. Plain stores of aligned words: the
/// reader and the writer thread each store their own, and a handler that reads a value a
/// moment old still names the right neighbourhood.
package enum CrashLocation {
    /// Longest file name kept, in bytes; a longer one is cut (the handler prints what it has).
    package static let fileCapacity = 1024

    /// The file's name as NUL-terminated UTF-8.
    nonisolated(unsafe) package static let file: UnsafeMutablePointer<UInt8> = {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: fileCapacity + 1)
        buffer.initialize(repeating: 0, count: fileCapacity + 1)
        return buffer
    }()

    /// [0] the line being read (0 when none), [1] the last line of the last committed batch
    /// (0 when none yet).
    nonisolated(unsafe) package static let lines: UnsafeMutablePointer<Int64> = {
        let buffer = UnsafeMutablePointer<Int64>.allocate(capacity: 2)
        buffer.initialize(repeating: 0, count: 2)
        return buffer
    }()

    /// Allocates the buffers now, so that a signal handler never runs their initializers.
    package static func prepare() {
        _ = file
        _ = lines
    }

    static func begin(file name: String) {
        // Named as every other message names it: redacted, control characters escaped.
        let bytes = Array(SecretText.fileName(name).utf8.prefix(fileCapacity))
        lines[0] = 0
        lines[1] = 0
        file[0] = 0
        for (index, byte) in bytes.enumerated() { file[index] = byte }
        file[bytes.count] = 0
    }

    @inline(__always)
    static func reading(line: Int) { lines[0] = Int64(line) }

    static func committed(through line: Int) { lines[1] = max(lines[1], Int64(line)) }
}
