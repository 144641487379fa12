import Foundation

/// An export file's text, decoded from whatever encoding Windows wrote it in.
///
/// Windows PowerShell 5.1's `Out-File` and `>` write UTF-16LE with a byte order mark; PowerShell 7
/// writes UTF-8 without one; either may carry a UTF-8 BOM. Export files are small (one object per
/// gateway, one row per connection point or statistics interval), so they are read whole.
struct ExportText {
    /// The text, without its byte order mark. Line ends are left as written (CRLF or LF).
    var text: String
    /// How the bytes were decoded: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`.
    var encoding: String

    /// Largest export read. A site's SMS_AzureService or SQL view export is kilobytes; a file
    /// this large is not one, and reading it whole would not be wise.
    static let maximumBytes = 256 << 20

    /// Decodes `bytes`. UTF-16 that does not decode (an odd byte count, a lone surrogate) is
    /// decoded with U+FFFD in its place, as bad UTF-8 is: the rows holding it are rejected and
    /// the file's other rows kept, rather than the whole file refused.
    init?(_ bytes: [UInt8]) {
        if bytes.starts(with: [0xFF, 0xFE]) {
            self.init(utf16: bytes.dropFirst(2), littleEndian: true)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            self.init(utf16: bytes.dropFirst(2), littleEndian: false)
        } else if ByteOrderMark.startsUTF8(bytes) {
            self.init(utf8: ByteOrderMark.droppingUTF8(bytes), encoding: "UTF-8 with BOM")
        } else if bytes.count >= 4, bytes[0] != 0, bytes[1] == 0, bytes[2] != 0, bytes[3] == 0 {
            // UTF-16LE without a BOM: ASCII text with a zero after every byte.
            self.init(utf16: bytes[...], littleEndian: true)
        } else {
            self.init(utf8: bytes[...], encoding: "UTF-8")
        }
    }

    private init(utf16 bytes: ArraySlice<UInt8>, littleEndian: Bool) {
        let (text, clean) = Self.utf16(bytes, littleEndian: littleEndian)
        self.init(text: text, encoding: (littleEndian ? "UTF-16LE" : "UTF-16BE") + (clean ? "" : ", with bytes that are not UTF-16"))
    }

    /// UTF-8 text. Bytes that are not UTF-8 are decoded as U+FFFD, which ``ExportRow`` refuses
    /// in a value: the rows that hold them are rejected, the file's other rows are kept.
    private init(utf8 bytes: ArraySlice<UInt8>, encoding: String) {
        if let text = String(validating: bytes, as: UTF8.self) {
            self.init(text: text, encoding: encoding)
        } else {
            self.init(text: String(decoding: bytes, as: UTF8.self), encoding: encoding + ", with bytes that are not UTF-8")
        }
    }

    init(text: String, encoding: String) {
        self.text = text
        self.encoding = encoding
    }

    /// The text, and whether every unit decoded. A last odd byte (a file cut short, or one byte
    /// appended) and lone surrogates become U+FFFD.
    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> (String, clean: Bool) {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var clean = bytes.count % 2 == 0
        var text = ""
        text.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error:
                text.unicodeScalars.append("\u{FFFD}")
                clean = false
            }
        }
        if bytes.count % 2 == 1 { text.unicodeScalars.append("\u{FFFD}") }
        return (text, clean)
    }
}
