import Foundation

/// Finds the entries of a CMTrace or server-format log in a buffer of raw bytes, by scanning
/// for the formats' markers rather than splitting lines (DESIGN §3.3).
///
/// Real logs put two entries on one physical line, spread one message over several lines,
/// start with a UTF-8 BOM and end in the middle of an entry that is still being written. The
/// scanner therefore looks for `<![LOG[` (CMTrace) and `$$<` (server format) and decides per
/// entry which format it is reading. Text that belongs to neither comes out as ``LogEntryFormat/plain``
/// entries, one per non-blank line: kept, never dropped.
///
/// It is streaming: ``scan(_:isFinal:_:)`` reads what it can and returns how many bytes it
/// consumed; the caller keeps the rest, appends the next chunk and calls again. An entry
/// still being written is left unconsumed unless `isFinal` says no more bytes will come.
/// Nothing is allocated per entry: each ``Entry`` holds ranges into the buffer.
///
/// ```swift
/// var scanner = LogScanner()
/// let consumed = bytes.withUnsafeBufferPointer { buffer in
///     scanner.scan(buffer, isFinal: true) { entry, buffer in print(entry.format, entry.line) }
/// }
/// ```
struct LogScanner {
    /// One entry found in the buffer; every range indexes the buffer passed to ``scan(_:isFinal:_:)``.
    struct Entry {
        var format: LogEntryFormat
        /// The entry's bytes: from its first byte to one past its trailer.
        var start: Int
        var end: Int
        /// The physical line (1-based) on which the entry starts.
        var line: Int
        var message: Range<Int>
        var component: Range<Int>?
        var sourceFile: Range<Int>?
        var thread: Int64?
        /// CMTrace's `type` (0–3); nil for the server format, which writes none.
        var type: Int64?
        /// The local time as written: `MM-DD-YYYY` and `HH:MM:SS.fff` (without the bias).
        var dateText: Range<Int>?
        var timeText: Range<Int>?
        var time: LogTime?
    }

    /// The longest entry the scanner waits for. An opener or a message without its trailer
    /// after this many bytes is not an entry being written: its lines come out as plain
    /// entries. This bounds the memory one input can take, whatever it holds.
    static let maximumEntryLength = 1 << 20

    /// The longest CMTrace attribute block (`<time="…" … file="…">`) or server trailer accepted.
    static let maximumTrailerLength = 4096

    /// The physical line number of the first byte of the next buffer.
    private(set) var line = 1
    /// Whether the next buffer starts at the beginning of the file, where a BOM may sit.
    private var atStartOfFile: Bool

    init(firstLine: Int = 1, atStartOfFile: Bool = true) {
        line = firstLine
        self.atStartOfFile = atStartOfFile
    }

    /// Scans `b` for entries, calls `emit` for each in order, and returns the number of bytes
    /// consumed. Unconsumed bytes (an unfinished entry) must be passed again, in front of the
    /// next chunk. With `isFinal`, everything is consumed.
    mutating func scan(_ b: UnsafeBufferPointer<UInt8>, isFinal: Bool, _ emit: (Entry, UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        var cursor = LineCursor(line: line)
        defer { line = cursor.line }
        let count = b.count
        var p = 0
        if atStartOfFile {
            // A BOM can only be told from text once three bytes are there.
            if count < 3 && !isFinal { return 0 }
            p = ByteOrderMark.utf8Length(atStartOf: b)
            atStartOfFile = false
        }
        var nextCMTrace = -1
        var nextServer = -1
        while p < count {
            if nextCMTrace < p { nextCMTrace = Self.find(Self.cmtraceOpener, in: b, from: p) }
            if nextServer < p { nextServer = Self.find(Self.serverMarker, in: b, from: p) }
            if nextCMTrace < count, nextCMTrace <= nextServer {
                let o = nextCMTrace
                switch Self.parseCMTrace(b, at: o) {
                case .entry(var entry):
                    emitPlainLines(b, p..<o, &cursor, emit)
                    entry.line = cursor.line(at: o, in: b)
                    emit(entry, b)
                    p = entry.end
                case .incomplete where !isFinal && count - p <= Self.maximumEntryLength:
                    // Wait for the rest, and decide about the text before it then: whether the
                    // opener starts an entry decides what that text is.
                    _ = cursor.line(at: p, in: b)
                    return p
                case .incomplete, .malformed:
                    // Not an entry: its opener is text, read on as part of what follows.
                    nextCMTrace = Self.find(Self.cmtraceOpener, in: b, from: o + 1)
                }
            } else if nextServer < count {
                let m = nextServer
                switch Self.parseServerTrailer(b, at: m) {
                case .entry(var entry):
                    var start = p
                    while start < m, b[start] == 0x0D || b[start] == 0x0A { start += 1 }
                    var messageEnd = m
                    while messageEnd > start, b[messageEnd - 1] == 0x20 || b[messageEnd - 1] == 0x09 { messageEnd -= 1 }
                    entry.start = start
                    entry.message = start..<messageEnd
                    entry.line = cursor.line(at: start, in: b)
                    emit(entry, b)
                    p = entry.end
                case .incomplete where !isFinal && count - p <= Self.maximumEntryLength:
                    _ = cursor.line(at: p, in: b)
                    return p
                case .incomplete, .malformed:
                    // A server trailer ends its line even when it does not parse: the text up to
                    // that line's end (or a CMTrace entry on it) is kept as plain lines, and the
                    // next entry starts after it instead of taking this text into its message.
                    // Where the bad trailer ends is unknown, so further server entries on the
                    // same physical line are kept as plain text too.
                    guard let newline = Self.firstIndex(of: 0x0A, in: b, m..<count) else {
                        if !isFinal && count - p <= Self.maximumEntryLength {
                            _ = cursor.line(at: p, in: b)
                            return p
                        }
                        let end = min(count, nextCMTrace)
                        emitPlainLines(b, p..<end, &cursor, emit)
                        p = end
                        continue
                    }
                    let end = min(newline + 1, nextCMTrace)
                    emitPlainLines(b, p..<end, &cursor, emit)
                    p = end
                }
            } else {
                // Line breaks after the last entry are not the start of another one.
                while p < count, b[p] == 0x0D || b[p] == 0x0A { p += 1 }
                if p == count { break }
                // No marker ahead: the rest may be the start of an entry being written.
                if !isFinal && count - p <= Self.maximumEntryLength {
                    _ = cursor.line(at: p, in: b)
                    return p
                }
                var end = count
                if !isFinal, let lastNewline = Self.lastIndex(of: 0x0A, in: b, p..<count) { end = lastNewline + 1 }
                emitPlainLines(b, p..<end, &cursor, emit)
                _ = cursor.line(at: end, in: b)
                return end
            }
        }
        _ = cursor.line(at: p, in: b)
        return p
    }

    // MARK: - Plain text

    /// Emits each non-blank line of `range` as a plain entry.
    private func emitPlainLines(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ cursor: inout LineCursor,
                                _ emit: (Entry, UnsafeBufferPointer<UInt8>) -> Void) {
        var i = range.lowerBound
        while i < range.upperBound {
            let newline = Self.firstIndex(of: 0x0A, in: b, i..<range.upperBound) ?? range.upperBound
            var s = i
            var e = newline
            while s < e, Self.isSpace(b[s]) { s += 1 }
            while e > s, Self.isSpace(b[e - 1]) { e -= 1 }
            if s < e {
                let line = cursor.line(at: s, in: b)
                emit(Entry(format: .plain, start: s, end: e, line: line, message: s..<e), b)
            }
            i = newline + 1
        }
    }

    @inline(__always)
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    // MARK: - CMTrace

    private enum Parsed {
        case entry(Entry)
        /// The bytes end before the entry does.
        case incomplete
        /// Not an entry of this format.
        case malformed
    }

    static let cmtraceOpener: StaticString = "<![LOG["
    static let cmtraceCloser: StaticString = "]LOG]!>"
    static let serverMarker: StaticString = "$$<"

    /// `<![LOG[message]LOG]!><name="value" …>` at `o`; attributes in any order.
    private static func parseCMTrace(_ b: UnsafeBufferPointer<UInt8>, at o: Int) -> Parsed {
        let messageStart = o + cmtraceOpener.utf8CodeUnitCount
        let close = find(cmtraceCloser, in: b, from: messageStart)
        guard close < b.count else { return .incomplete }
        // A second opener before the close: this one was never finished.
        if find(cmtraceOpener, in: b, from: messageStart, before: close) < close { return .malformed }
        var i = close + cmtraceCloser.utf8CodeUnitCount
        guard i < b.count else { return .incomplete }
        guard b[i] == UInt8(ascii: "<") else { return .malformed }
        i += 1
        var entry = Entry(format: .cmtrace, start: o, end: o, line: 0, message: messageStart..<close)
        let limit = min(b.count, i + maximumTrailerLength)
        // Running out of bytes before the budget means the writer has not finished the line.
        let truncated: Parsed = b.count < i + maximumTrailerLength ? .incomplete : .malformed
        while true {
            while i < limit, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            guard i < limit else { return truncated }
            if b[i] == UInt8(ascii: ">") {
                entry.end = i + 1
                break
            }
            let nameStart = i
            while i < limit, isNameByte(b[i]) { i += 1 }
            let nameEnd = i
            guard i < limit else { return truncated }
            guard nameEnd > nameStart, b[i] == UInt8(ascii: "=") else { return .malformed }
            i += 1
            guard i < limit else { return truncated }
            guard b[i] == UInt8(ascii: "\"") else { return .malformed }
            let valueStart = i + 1
            guard let quote = firstIndex(of: UInt8(ascii: "\""), in: b, valueStart..<limit) else { return truncated }
            assign(b, name: nameStart..<nameEnd, value: valueStart..<quote, to: &entry)
            i = quote + 1
        }
        if let date = entry.dateText, let time = entry.timeText {
            entry.time = parseTime(b, date: date, time: time, entry: &entry)
        }
        return .entry(entry)
    }

    @inline(__always)
    private static func isNameByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- UInt8(ascii: "a") < 26 || c == UInt8(ascii: "_") || c &- UInt8(ascii: "0") < 10
    }

    private static func assign(_ b: UnsafeBufferPointer<UInt8>, name: Range<Int>, value: Range<Int>, to entry: inout Entry) {
        switch (name.count, b[name.lowerBound] | 0x20) {
        case (4, UInt8(ascii: "t")) where same(b, name, "time"): entry.timeText = value
        case (4, UInt8(ascii: "d")) where same(b, name, "date"): entry.dateText = value
        case (4, UInt8(ascii: "t")) where same(b, name, "type"):
            entry.type = integer(b, value)
        case (4, UInt8(ascii: "f")) where same(b, name, "file"): entry.sourceFile = value
        case (6, UInt8(ascii: "t")) where same(b, name, "thread"): entry.thread = integer(b, value)
        case (9, UInt8(ascii: "c")) where same(b, name, "component"): entry.component = value
        default: break  // context="" and attributes this version does not know
        }
    }

    /// Compares an attribute name with a lowercase ASCII word, without regard to case.
    private static func same(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<range.count where b[range.lowerBound + k] | 0x20 != w[k] { return false }
        return true
    }

    private static func parseTime(_ b: UnsafeBufferPointer<UInt8>, date: Range<Int>, time: Range<Int>, entry: inout Entry) -> LogTime? {
        guard let days = LogTimeParser.days(b, date), let t = LogTimeParser.timeOfDay(b, time) else { return nil }
        entry.timeText = time.lowerBound..<t.textEnd
        return LogTime(localMilliseconds: days * 86_400_000 + t.milliseconds, biasMinutes: t.bias)
    }

    /// A non-negative decimal integer filling `range`, or nil (the value is then not known).
    private static func integer(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard range.count <= 18 else { return nil }
        return ASCIIDigits.integer(b, range)
    }

    // MARK: - Server format

    /// `$$<Component><MM-DD-YYYY HH:MM:SS.fff±B><thread=N (0xHEX)>` at `m`.
    private static func parseServerTrailer(_ b: UnsafeBufferPointer<UInt8>, at m: Int) -> Parsed {
        let limit = min(b.count, m + maximumTrailerLength)
        let truncated: Parsed = b.count < m + maximumTrailerLength ? .incomplete : .malformed
        var i = m + serverMarker.utf8CodeUnitCount
        // <Component>
        guard let componentEnd = firstIndex(of: UInt8(ascii: ">"), in: b, i..<limit) else { return truncated }
        let component = i..<componentEnd
        if firstIndex(of: 0x0A, in: b, component) != nil { return .malformed }
        i = componentEnd + 1
        // <MM-DD-YYYY HH:MM:SS.fff±B>
        guard i < limit else { return truncated }
        guard b[i] == UInt8(ascii: "<") else { return .malformed }
        guard let timeEnd = firstIndex(of: UInt8(ascii: ">"), in: b, (i + 1)..<limit) else { return truncated }
        let stamp = (i + 1)..<timeEnd
        guard let space = firstIndex(of: 0x20, in: b, stamp) else { return .malformed }
        var entry = Entry(format: .server, start: m, end: m, line: 0, message: m..<m, component: component)
        let date = stamp.lowerBound..<space
        let time = (space + 1)..<stamp.upperBound
        guard let days = LogTimeParser.days(b, date), let t = LogTimeParser.timeOfDay(b, time) else { return .malformed }
        entry.dateText = date
        entry.timeText = time.lowerBound..<t.textEnd
        entry.time = LogTime(localMilliseconds: days * 86_400_000 + t.milliseconds, biasMinutes: t.bias)
        i = timeEnd + 1
        // <thread=N (0xHEX)>
        guard i < limit else { return truncated }
        guard b[i] == UInt8(ascii: "<") else { return .malformed }
        guard let threadEnd = firstIndex(of: UInt8(ascii: ">"), in: b, (i + 1)..<limit) else { return truncated }
        let thread = (i + 1)..<threadEnd
        let prefix: StaticString = "thread="
        guard thread.count >= prefix.utf8CodeUnitCount, same(b, thread.lowerBound..<(thread.lowerBound + 7), prefix) else { return .malformed }
        var digitsEnd = thread.lowerBound + 7
        while digitsEnd < thread.upperBound, b[digitsEnd] &- UInt8(ascii: "0") < 10 { digitsEnd += 1 }
        entry.thread = integer(b, (thread.lowerBound + 7)..<digitsEnd)
        entry.end = threadEnd + 1
        return .entry(entry)
    }

    // MARK: - Byte search

    /// The index of the first occurrence of `pattern` in `b[from..<before]`, or `b.count` when none.
    static func find(_ pattern: StaticString, in b: UnsafeBufferPointer<UInt8>, from: Int, before: Int? = nil) -> Int {
        let end = min(before ?? b.count, b.count)
        let n = pattern.utf8CodeUnitCount
        let first = pattern.utf8Start.pointee
        guard let base = b.baseAddress else { return b.count }
        var i = from
        while i + n <= end {
            guard let hit = memchr(base + i, Int32(first), end - n + 1 - i) else { return b.count }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, pattern.utf8Start, n) == 0 { return at }
            i = at + 1
        }
        return b.count
    }

    static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, let base = b.baseAddress,
              let hit = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    static func lastIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var i = range.upperBound
        while i > range.lowerBound {
            i -= 1
            if b[i] == byte { return i }
        }
        return nil
    }
}

/// Counts line feeds as the scanner moves forward, so each entry knows its physical line.
struct LineCursor {
    private(set) var line: Int
    private var position = 0

    init(line: Int) { self.line = line }

    /// The line number at `index`, which must not be before the last index asked for.
    mutating func line(at index: Int, in b: UnsafeBufferPointer<UInt8>) -> Int {
        guard index > position, let base = b.baseAddress else { return line }
        var i = position
        while i < index {
            guard let hit = memchr(base + i, 0x0A, index - i) else { break }
            line += 1
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        position = index
        return line
    }
}
