/// Turns a UTF-16 byte stream into UTF-8, chunk by chunk, for the NDJSON line reader.
///
/// Windows PowerShell 5.1's `Out-File` and `>` write UTF-16LE with a byte order mark, so an
/// NDJSON file made there arrives as UTF-16. A chunk may end inside a code unit or between
/// the two halves of a surrogate pair; what is left over waits for the next chunk. A unit that
/// is no character (a lone surrogate) becomes the byte 0xFF, which is never UTF-8, so the line
/// holding it is rejected as not UTF-8 rather than stored with a replacement character.
struct UTF16Transcoder {
    let littleEndian: Bool
    /// `UTF-16LE` or `UTF-16BE`, for messages.
    var name: String { littleEndian ? "UTF-16LE" : "UTF-16BE" }
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt16?

    /// The transcoder for a stream that starts with `head`, and the length of its byte order
    /// mark; nil when the stream is not UTF-16. Without a mark, a `{` next to a zero byte
    /// (ASCII in UTF-16) says it is.
    static func detect(_ head: [UInt8]) -> (UTF16Transcoder, bomLength: Int)? {
        if head.starts(with: [0xFF, 0xFE]) { return (UTF16Transcoder(littleEndian: true), 2) }
        if head.starts(with: [0xFE, 0xFF]) { return (UTF16Transcoder(littleEndian: false), 2) }
        if head.starts(with: [UInt8(ascii: "{"), 0]) { return (UTF16Transcoder(littleEndian: true), 0) }
        if head.starts(with: [0, UInt8(ascii: "{")]) { return (UTF16Transcoder(littleEndian: false), 0) }
        return nil
    }

    init(littleEndian: Bool) { self.littleEndian = littleEndian }

    /// Appends the UTF-8 of `bytes` to `out`; at the end of the stream, flushes what waits.
    mutating func transcode<C: Collection<UInt8>>(_ bytes: C, into out: inout [UInt8], atEnd: Bool) {
        out.reserveCapacity(out.count + bytes.count)
        var iterator = bytes.makeIterator()
        while true {
            let first: UInt8
            if let pending = pendingByte {
                first = pending
                pendingByte = nil
            } else if let next = iterator.next() {
                first = next
            } else {
                break
            }
            guard let second = iterator.next() else {
                pendingByte = first
                break
            }
            append(littleEndian ? UInt16(first) | UInt16(second) << 8 : UInt16(first) << 8 | UInt16(second), to: &out)
        }
        if atEnd {
            if pendingHighSurrogate != nil || pendingByte != nil { out.append(0xFF) }
            pendingHighSurrogate = nil
            pendingByte = nil
        }
    }

    private mutating func append(_ unit: UInt16, to out: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00..<0xE000).contains(unit) {
                let scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                Self.appendUTF8(scalar, to: &out)
                return
            }
            out.append(0xFF)
        }
        switch unit {
        case 0xD800..<0xDC00: pendingHighSurrogate = unit
        case 0xDC00..<0xE000: out.append(0xFF)
        default: Self.appendUTF8(UInt32(unit), to: &out)
        }
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(scalar >> 6))
            out.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(0xE0 | UInt8(scalar >> 12))
            out.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            out.append(0x80 | UInt8(scalar & 0x3F))
        default:
            out.append(0xF0 | UInt8(scalar >> 18))
            out.append(0x80 | UInt8(scalar >> 12 & 0x3F))
            out.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            out.append(0x80 | UInt8(scalar & 0x3F))
        }
    }
}
