import Foundation

/// Cuts text into the tokens ``LogSearchReads`` defines, as SQLite's FTS5 `unicode61` tokenizer
/// (its defaults: categories `L* N* Co`, `remove_diacritics 1`) cuts a message.
///
/// A backend without FTS5 indexes and queries these tokens, so that a search finds on it what
/// it finds on SQLite: PostgreSQL's own parser keeps `GraniteFalls.contoso.com` or a URL as
/// one token and its `simple` configuration keeps accents, so its text search is given these
/// tokens instead (``PostgresSearchVector``).
///
/// - A token is a run of letters, digits and private-use characters (Unicode L*, N*, Co);
///   every other character separates. A combining diacritic (U+0300–U+036F) inside a token
///   continues it and is dropped, as in FTS5 (`e\u{301}` is `e`).
/// - Each character is lower-cased (Unicode's lower-case mapping); a Latin letter loses its
///   diacritics (`É` → `e`); other scripts keep theirs, as FTS5 does (`ά`
///   stays `ά`). `ß`, `ﬁ` and other characters without a decomposition stay as they are.
///
/// ```swift
/// LogSearchTokenizer.tokens("(403) Forbidden, échoué") // ["403", "forbidden", "echoue"]
/// ```
enum LogSearchTokenizer {
    /// The tokens of `text`, in order, as UTF-8 bytes.
    static func tokens(_ text: String) -> [[UInt8]] {
        var text = text
        return text.withUTF8 { bytes in
            var tokens: [[UInt8]] = []
            forEachToken(in: UnsafeRawBufferPointer(bytes)) { tokens.append(Array($0)) }
            return tokens
        }
    }

    /// Calls `body` with each token of the UTF-8 text `bytes`, in order (the buffer passed is
    /// reused: copy what is kept). Invalid UTF-8 separates, as a character that is not a letter.
    static func forEachToken(in bytes: UnsafeRawBufferPointer, _ body: (ArraySlice<UInt8>) -> Void) {
        var token: [UInt8] = []
        token.reserveCapacity(64)
        var index = 0
        let count = bytes.count
        func end() {
            if !token.isEmpty {
                body(token[...])
                token.removeAll(keepingCapacity: true)
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                // ASCII, nearly every byte of a CMG log: letters and digits without a table.
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): token.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): token.append(byte | 0x20)
                default: end()
                }
                index += 1
                continue
            }
            guard let (scalar, length) = decodeScalar(bytes, at: index) else {
                end()
                index += 1
                continue
            }
            index += length
            if isDiacritic(scalar) {
                // Inside a token a diacritic is dropped; alone it separates nothing from nothing.
                continue
            }
            guard isTokenCharacter(scalar) else {
                end()
                continue
            }
            appendFolded(scalar, to: &token)
        }
        end()
    }

    /// Whether `scalar` is part of a token: a letter, a digit or number, or a private-use character.
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            true
        default:
            false
        }
    }

    /// The combining diacritical marks FTS5 removes inside a token.
    static func isDiacritic(_ scalar: Unicode.Scalar) -> Bool {
        (0x300...0x36F).contains(scalar.value)
    }

    /// Whether `scalar` is a Latin letter, whose diacritics are removed.
    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x250 || (0x1E00...0x1EFF).contains(scalar.value)
    }

    /// Appends the lower-cased, (for Latin) diacritic-free UTF-8 of `scalar`.
    private static func appendFolded(_ scalar: Unicode.Scalar, to token: inout [UInt8]) {
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            if isDiacritic(lower) { continue }
            guard isLatin(lower), lower.value >= 0x80 else {
                token.append(contentsOf: String(lower).utf8)
                continue
            }
            for part in String(lower).decomposedStringWithCanonicalMapping.unicodeScalars where !isDiacritic(part) {
                token.append(contentsOf: String(part).utf8)
            }
        }
    }

    /// The scalar whose UTF-8 starts at `index` and its length in bytes; nil for invalid UTF-8.
    private static func decodeScalar(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value), scalar.utf8.count == length else { return nil }
        return (scalar, length)
    }
}
