import Foundation

/// Splits a byte stream into numbered lines with bounded memory.
///
/// Handles what real exports carry: a UTF-8 byte order mark, UTF-16 (Windows PowerShell 5.1's
/// `Out-File`, read through ``UTF16Transcoder``), CRLF line ends, a last line with no newline.
/// A line longer than ``maximumLineLength`` is reported as too long and skipped rather than
/// buffered.
struct LineReader {
    /// Longest line accepted. NDJSON records are a few hundred bytes; a longer line is almost
    /// certainly not NDJSON, and buffering it whole would break the flat-memory promise.
    static let maximumLineLength = 1 << 20

    enum Line {
        case text(UnsafeBufferPointer<UInt8>)
        case tooLong(length: Int)
    }

    private let source: ByteSource

    init(_ source: ByteSource) { self.source = source }

    /// Calls `body` with each line's number (from 1) and bytes (UTF-8 when the input was
    /// UTF-16), without the line end. The bytes are valid only during the call. Returns the
    /// input's encoding when it was not UTF-8 (`UTF-16LE`), else nil.
    @discardableResult
    func forEachLine(_ body: (Int, Line) throws -> Void) throws -> String? {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(ByteSource.chunkSize * 2)
        var lineNumber = 0
        var skippingLongLine = false
        var skippedLength = 0
        var atStart = true
        var utf16: UTF16Transcoder?
        var raw: [UInt8] = []
        while true {
            let atEnd: Bool
            if var transcoder = utf16 {
                raw.removeAll(keepingCapacity: true)
                atEnd = try !source.read(appendingTo: &raw)
                transcoder.transcode(raw, into: &buffer, atEnd: atEnd)
                utf16 = transcoder
            } else {
                atEnd = try !source.read(appendingTo: &buffer)
            }
            if atStart, buffer.count >= 3 || atEnd {
                if ByteOrderMark.startsUTF8(buffer) {
                    buffer.removeFirst(ByteOrderMark.utf8.count)
                } else if let (transcoder, bomLength) = UTF16Transcoder.detect(buffer) {
                    var transcoder = transcoder
                    raw = Array(buffer.dropFirst(bomLength))
                    buffer.removeAll(keepingCapacity: true)
                    transcoder.transcode(raw, into: &buffer, atEnd: atEnd)
                    utf16 = transcoder
                }
                atStart = false
            }
            var consumed = 0
            try buffer.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return }
                while consumed < all.count {
                    let rest = all.count - consumed
                    guard let hit = memchr(base + consumed, 0x0A, rest) else { break }
                    let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    lineNumber += 1
                    if skippingLongLine {
                        try body(lineNumber, .tooLong(length: skippedLength + end - consumed))
                        skippingLongLine = false
                        // The next long line counts its own bytes, not this one's too.
                        skippedLength = 0
                    } else {
                        try body(lineNumber, .text(Self.trimCR(UnsafeBufferPointer(rebasing: all[consumed..<end]))))
                    }
                    consumed = end + 1
                }
                if atEnd, consumed < all.count {
                    lineNumber += 1
                    if skippingLongLine {
                        try body(lineNumber, .tooLong(length: skippedLength + all.count - consumed))
                        skippingLongLine = false
                        skippedLength = 0
                    } else {
                        try body(lineNumber, .text(Self.trimCR(UnsafeBufferPointer(rebasing: all[consumed...]))))
                    }
                    consumed = all.count
                }
            }
            buffer.removeFirst(consumed)
            if buffer.count > Self.maximumLineLength {
                skippingLongLine = true
                skippedLength += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            if atEnd {
                if skippingLongLine {
                    lineNumber += 1
                    try body(lineNumber, .tooLong(length: skippedLength))
                }
                return utf16?.name
            }
        }
    }

    private static func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = line.last, last == 0x0D { return UnsafeBufferPointer(rebasing: line.dropLast()) }
        return line
    }
}
