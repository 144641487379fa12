import Foundation

/// A reusable scanner for one-line JSON objects, working on raw bytes.
///
/// NDJSON import is the hot path: at hundreds of thousands of lines a second, building
/// Foundation objects per line costs more than the database insert. The scanner records where
/// each top-level member's key and value lie in the line; values are decoded only when asked
/// for. Nested objects and arrays are validated and kept as raw JSON text.
struct JSONObjectScanner {
    enum ValueKind: UInt8 { case string, number, `true`, `false`, null, object, array }

    /// One top-level member of the object. `keyStart..<keyEnd` is the name's raw text and
    /// `start..<end` the value's, both with their quotes when they are strings.
    struct Member {
        var keyStart: Int
        var keyEnd: Int
        var keyHasEscapes: Bool
        var kind: ValueKind
        var start: Int
        var end: Int
        var hasEscapes: Bool
    }

    struct SyntaxError: Error {
        var offset: Int
        var message: String
        /// The top-level member whose value the error is in (or, with `afterField`, the member the
        /// broken text follows), so the rejection can name the field like every other.
        var field: String?
        var afterField = false
    }

    private(set) var members: [Member] = []

    init() { members.reserveCapacity(16) }

    /// Scans `bytes` as one JSON object with optional surrounding white space.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) {
        members.removeAll(keepingCapacity: true)
        var i = skipSpace(bytes, 0)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else {
            throw SyntaxError(offset: i, message: "expected a JSON object starting with '{'")
        }
        i = skipSpace(bytes, i + 1)
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            try expectEnd(bytes, i + 1)
            return
        }
        // Names the member a syntax error follows; only an error pays for decoding it.
        func after(_ error: SyntaxError) -> SyntaxError {
            guard let last = members.last else { return error }
            var located = error
            located.field = key(of: last, in: bytes)
            located.afterField = true
            return located
        }
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw after(SyntaxError(offset: i, message: "expected a member name in double quotes"))
            }
            let keyStart = i
            let (keyEnd, keyHasEscapes) = try scanString(bytes, i)
            i = skipSpace(bytes, keyEnd)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw SyntaxError(offset: i, message: "expected ':' after a member name",
                                  field: Self.decodeString(bytes, start: keyStart, end: keyEnd, hasEscapes: keyHasEscapes))
            }
            i = skipSpace(bytes, i + 1)
            let (kind, end, escapes): (ValueKind, Int, Bool)
            do {
                (kind, end, escapes) = try scanValue(bytes, i, depth: 0)
            } catch {
                var located = error
                located.field = Self.decodeString(bytes, start: keyStart, end: keyEnd, hasEscapes: keyHasEscapes)
                throw located
            }
            let member = Member(keyStart: keyStart, keyEnd: keyEnd, keyHasEscapes: keyHasEscapes,
                                kind: kind, start: i, end: end, hasEscapes: escapes)
            if members.contains(where: { sameKey($0, member, bytes) }) {
                throw SyntaxError(offset: keyStart, message: "member \"\(key(of: member, in: bytes))\" appears twice")
            }
            members.append(member)
            i = skipSpace(bytes, end)
            guard i < bytes.count else { throw after(SyntaxError(offset: i, message: "unterminated object")) }
            if bytes[i] == UInt8(ascii: ",") {
                i = skipSpace(bytes, i + 1)
            } else if bytes[i] == UInt8(ascii: "}") {
                try expectEnd(bytes, i + 1)
                return
            } else {
                throw after(SyntaxError(offset: i, message: "expected ',' or '}'"))
            }
        }
    }

    // MARK: - Member names

    /// The decoded name of a member.
    func key(of member: Member, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        Self.decodeString(bytes, start: member.keyStart, end: member.keyEnd, hasEscapes: member.keyHasEscapes)
    }

    /// Whether the member's name is `name`, compared as bytes (names are ASCII in every format
    /// this scanner reads; an escaped name is decoded first).
    func hasKey(_ member: Member, _ name: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = member.keyEnd - member.keyStart - 2
        if member.keyHasEscapes { return key(of: member, in: bytes) == name.description }
        guard length == name.utf8CodeUnitCount else { return false }
        // Most names differ in length or first letter; only the rest pay for a full compare.
        guard length == 0 || bytes[member.keyStart + 1] == name.utf8Start.pointee,
              let base = bytes.baseAddress else { return length == 0 }
        return memcmp(base + member.keyStart + 1, name.utf8Start, length) == 0
    }

    private func sameKey(_ a: Member, _ b: Member, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.keyHasEscapes || b.keyHasEscapes { return key(of: a, in: bytes) == key(of: b, in: bytes) }
        let length = a.keyEnd - a.keyStart
        guard length == b.keyEnd - b.keyStart, let base = bytes.baseAddress else { return false }
        return memcmp(base + a.keyStart, base + b.keyStart, length) == 0
    }

    // MARK: - Decoding values

    /// The text of a string value or key whose raw text (with quotes) is `start..<end`.
    static func decodeString(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, hasEscapes: Bool) -> String {
        var loneSurrogate = false
        return decodeString(bytes, start: start, end: end, hasEscapes: hasEscapes, loneSurrogate: &loneSurrogate)
    }

    /// As above; `loneSurrogate` is set when a `\u` escape names half a UTF-16 pair, which
    /// stands for no character (it is decoded as U+FFFD).
    static func decodeString(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, hasEscapes: Bool,
                             loneSurrogate: inout Bool) -> String {
        let body = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(end - 1)])
        guard hasEscapes else { return String(decoding: body, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = 0
        while i < body.count {
            let c = body[i]
            guard c == UInt8(ascii: "\\"), i + 1 < body.count else {
                out.append(c)
                i += 1
                continue
            }
            let e = body[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = hex4(body, i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 5 < body.count,
                   body[i] == UInt8(ascii: "\\"), body[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(body, i + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let decoded = Unicode.Scalar(scalar)
                if decoded == nil { loneSurrogate = true }
                let character = decoded ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(character)).utf8))
            default: out.append(e)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in i..<min(i + 4, b.count) {
            value = value << 4 | UInt32(hexDigit(b[k]) ?? 0)
        }
        return value
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: - Scanning

    private func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
        return i
    }

    private func expectEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) throws(SyntaxError) {
        let i = skipSpace(b, start)
        if i != b.count { throw SyntaxError(offset: i, message: "unexpected text after the object") }
    }

    /// Scans a string starting at its opening quote; returns the index after the closing quote.
    private func scanString(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) throws(SyntaxError) -> (end: Int, hasEscapes: Bool) {
        var i = start + 1
        var escapes = false
        while i < b.count {
            let c = b[i]
            // Plain characters, by far the most common, take one branch.
            if c >= 0x20, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            if c == UInt8(ascii: "\"") { return (i + 1, escapes) }
            if c == UInt8(ascii: "\\") {
                escapes = true
                guard i + 1 < b.count else { break }
                switch b[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < b.count, (2...5).allSatisfy({ Self.hexDigit(b[i + $0]) != nil }) else {
                        throw SyntaxError(offset: i, message: "invalid \\u escape in a string")
                    }
                    i += 6
                default:
                    throw SyntaxError(offset: i, message: "invalid escape in a string")
                }
                continue
            }
            if c < 0x20 { throw SyntaxError(offset: i, message: "control character inside a string") }
            i += 1
        }
        throw SyntaxError(offset: start, message: "unterminated string")
    }

    /// Deepest nesting accepted inside a member value; deeper input is rejected, not recursed into.
    private static let maximumDepth = 64

    private func scanValue(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, depth: Int) throws(SyntaxError) -> (ValueKind, Int, Bool) {
        guard start < b.count else { throw SyntaxError(offset: start, message: "expected a value") }
        switch b[start] {
        case UInt8(ascii: "\""):
            let (end, escapes) = try scanString(b, start)
            return (.string, end, escapes)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return (.number, try scanNumber(b, start), false)
        case UInt8(ascii: "t"):
            return (.true, try scanLiteral(b, start, "true"), false)
        case UInt8(ascii: "f"):
            return (.false, try scanLiteral(b, start, "false"), false)
        case UInt8(ascii: "n"):
            return (.null, try scanLiteral(b, start, "null"), false)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw SyntaxError(offset: start, message: "nesting too deep") }
            return (b[start] == UInt8(ascii: "{") ? .object : .array, try scanContainer(b, start, depth: depth + 1), false)
        default:
            throw SyntaxError(offset: start, message: "expected a value")
        }
    }

    private func scanContainer(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, depth: Int) throws(SyntaxError) -> Int {
        let isObject = b[start] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        var i = skipSpace(b, start + 1)
        if i < b.count, b[i] == close { return i + 1 }
        while true {
            if isObject {
                guard i < b.count, b[i] == UInt8(ascii: "\"") else {
                    throw SyntaxError(offset: i, message: "expected a member name in double quotes")
                }
                i = skipSpace(b, try scanString(b, i).end)
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw SyntaxError(offset: i, message: "expected ':'") }
                i = skipSpace(b, i + 1)
            }
            i = skipSpace(b, try scanValue(b, i, depth: depth).1)
            guard i < b.count else { throw SyntaxError(offset: i, message: "unterminated \(isObject ? "object" : "array")") }
            if b[i] == UInt8(ascii: ",") {
                i = skipSpace(b, i + 1)
            } else if b[i] == close {
                return i + 1
            } else {
                throw SyntaxError(offset: i, message: "expected ',' or '\(Character(Unicode.Scalar(close)))'")
            }
        }
    }

    private func scanLiteral(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString) throws(SyntaxError) -> Int {
        let count = word.utf8CodeUnitCount
        guard start + count <= b.count else { throw SyntaxError(offset: start, message: "expected a value") }
        for k in 0..<count where b[start + k] != word.utf8Start[k] {
            throw SyntaxError(offset: start, message: "expected a value")
        }
        return start + count
    }

    private func scanNumber(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) throws(SyntaxError) -> Int {
        var i = start
        func digits() -> Int {
            let from = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            return i - from
        }
        if b[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let intDigits = digits()
        guard intDigits > 0, !(intDigits > 1 && b[intStart] == UInt8(ascii: "0")) else {
            throw SyntaxError(offset: start, message: "invalid number")
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw SyntaxError(offset: start, message: "invalid number") }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw SyntaxError(offset: start, message: "invalid number") }
        }
        return i
    }
}
