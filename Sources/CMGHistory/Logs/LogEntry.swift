import Foundation

/// One log entry, as stored and as listed.
public struct LogEntry: Sendable, Equatable {
    /// Which of the two line formats the entry was written in.
    public var format: LogEntryFormat
    /// When the entry was written, as written: local time and (when known) the bias.
    public var time: LogTime?
    /// The local time exactly as the line wrote it (`MM-DD-YYYY HH:MM:SS.fffffff`), without the bias.
    public var localTimeText: String?
    /// The entry's severity.
    public var severity: LogSeverity
    /// The component that wrote it (`CloudMgr`, `SMS_CLOUD_PROXYCONNECTOR`).
    public var component: String
    /// The writing thread's id, when the line gave one.
    public var thread: Int64?
    /// The source file the line names (CMTrace's `file` attribute), or empty.
    public var sourceFile: String
    /// The message exactly as written: `~~` and line breaks kept.
    public var message: String
    /// Where it was read: byte offset and length in its log file, and the physical line it starts on.
    public var offset: Int64
    /// The entry's length in the file, in bytes.
    public var length: Int64
    /// The 1-based line in the file where the entry starts.
    public var line: Int64

    /// The message for display: the server format's `~~` turned back into a line break, and
    /// CRLF into LF.
    public var displayMessage: String { Self.display(message) }

    static func display(_ raw: String) -> String {
        guard raw.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == 0x0D }) else { return raw }
        return raw.replacingAll("~~", with: "\n").replacingAll("\r\n", with: "\n")
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}

extension LogScanner.Entry {
    /// The entry as owned values. Plain entries take time, component, thread and severity from
    /// `previous` (they continue it) when there is one.
    func materialize(_ b: UnsafeBufferPointer<UInt8>, fileOffset: Int64, previous: LogEntry?) -> LogEntry {
        func text(_ range: Range<Int>?) -> String {
            guard let range, !range.isEmpty else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
        }
        let message = text(message)
        var entry = LogEntry(
            format: format, time: time, localTimeText: nil, severity: .info, component: text(component),
            thread: thread, sourceFile: text(sourceFile), message: message,
            offset: fileOffset + Int64(start), length: Int64(end - start), line: Int64(line))
        if let date = dateText, let time = timeText {
            entry.localTimeText = text(date) + " " + text(time)
        }
        switch format {
        case .cmtrace:
            entry.severity = type.flatMap(LogSeverity.init(rawValue:)) ?? .info
        case .server:
            entry.severity = ServerLogSeverity.infer(b, self.message)
        case .plain:
            if let previous {
                entry.time = previous.time
                entry.localTimeText = previous.localTimeText
                entry.severity = previous.severity
                entry.component = previous.component
                entry.thread = previous.thread
                entry.sourceFile = previous.sourceFile
            }
        }
        return entry
    }
}

/// The server format writes no severity. CMTrace colours a server-format line red when it
/// contains "error" or "fail" and yellow when it contains "warn"; this does the same, so that
/// `--min-severity` and the error rule see what an admin in CMTrace sees.
enum ServerLogSeverity {
    /// One pass over the message for all three words (a site server's log is mostly these lines).
    static func infer(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LogSeverity {
        var warns = false
        var i = range.lowerBound
        while i < range.upperBound {
            switch b[i] | 0x20 {
            case UInt8(ascii: "e") where word(b, at: i, range.upperBound, "error"),
                 UInt8(ascii: "f") where word(b, at: i, range.upperBound, "fail"):
                return .error
            case UInt8(ascii: "w") where !warns:
                warns = word(b, at: i, range.upperBound, "warn")
            default: break
            }
            i += 1
        }
        return warns ? .warning : .info
    }

    /// Whether the bytes at `i` (before `end`) spell `lowercase`, ignoring ASCII case.
    private static func word(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ end: Int, _ lowercase: StaticString) -> Bool {
        let n = lowercase.utf8CodeUnitCount
        guard end - i >= n else { return false }
        for k in 1..<n {
            let h = b[i + k]
            if (h &- UInt8(ascii: "A") < 26 ? h | 0x20 : h) != lowercase.utf8Start[k] { return false }
        }
        return true
    }
}

/// Substring search over raw bytes, ignoring ASCII case: the cheap test rules run before a regex.
enum ASCIISearch {
    /// `bytes` with ASCII letters lowercased, for several case-blind searches over one message.
    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: bytes)
        for i in out.indices where out[i] &- UInt8(ascii: "A") < 26 { out[i] |= 0x20 }
    }

    /// Whether `haystack` contains `needle`, byte for byte (memchr for the first byte, then memcmp).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard haystack.count >= n, let base = haystack.baseAddress, let pattern = needle.baseAddress else { return false }
        var i = 0
        let last = haystack.count - n
        while i <= last {
            guard let hit = memchr(base + i, Int32(pattern.pointee), last - i + 1) else { return false }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, pattern, n) == 0 { return true }
            i = at + 1
        }
        return false
    }

    /// Whether `haystack` contains `needle` (whose bytes must be lowercase ASCII), ignoring case.
    static func containsIgnoringCase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        containsIgnoringCase(haystack, UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    }

    static func containsIgnoringCase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard haystack.count >= n else { return false }
        let first = needle[0]
        let upperFirst = first &- 0x20
        let firstIsLetter = first &- UInt8(ascii: "a") < 26
        var i = 0
        let last = haystack.count - n
        while i <= last {
            let c = haystack[i]
            if c == first || (firstIsLetter && c == upperFirst) {
                var k = 1
                while k < n {
                    let h = haystack[i + k]
                    let lowered = h &- UInt8(ascii: "A") < 26 ? h | 0x20 : h
                    if lowered != needle[k] { break }
                    k += 1
                }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }
}
