/// The byte order mark U+FEFF where it opens text: the one place every reader strips it.
///
/// Windows tools write it (PowerShell 5.1's `Out-File`, Notepad's "UTF-8 with BOM"), and files
/// joined with `cat a b > c` or `Get-Content a, b` keep the second file's mark at the start of its
/// first line. It is never part of a value: a name that began with it would be a different name.
enum ByteOrderMark {
    /// U+FEFF encoded as UTF-8.
    static let utf8: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// U+FEFF as a Unicode scalar, for text already decoded.
    static let scalar: Unicode.Scalar = "\u{FEFF}"

    /// Whether `bytes` start with a UTF-8 byte order mark.
    @inline(__always)
    static func startsUTF8<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.starts(with: utf8)
    }

    /// The number of bytes a UTF-8 mark takes at the start of `bytes`: 3, or 0 without one.
    @inline(__always)
    static func utf8Length<Bytes: Collection<UInt8>>(atStartOf bytes: Bytes) -> Int {
        startsUTF8(bytes) ? utf8.count : 0
    }

    /// `bytes` without a UTF-8 mark at their start.
    @inline(__always)
    static func droppingUTF8<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        bytes.dropFirst(utf8Length(atStartOf: bytes))
    }

    /// `bytes` without a UTF-8 mark at their start, as a buffer over the same memory.
    @inline(__always)
    static func droppingUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let length = utf8Length(atStartOf: bytes)
        return length == 0 ? bytes : UnsafeBufferPointer(rebasing: bytes[length...])
    }

    /// `text` from its first character that is neither white space nor a mark: where a sniffer
    /// or parser looks for `{`, `[` or a header.
    static func droppingLeadingSpaceAndMarks<Text: StringProtocol>(_ text: Text) -> Text.SubSequence {
        text.drop { $0.isWhitespace || $0 == Character(scalar) }
    }
}
