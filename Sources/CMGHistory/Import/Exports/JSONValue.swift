import Foundation

/// A JSON value as `ConvertTo-Json` or the admin service wrote it, with booleans, integers and
/// other numbers told apart (which `JSONSerialization`'s `NSNumber` does not do portably).
indirect enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// A number no double holds (`1e400`), as written: the row that has it is rejected with
    /// "out of range", instead of the whole file failing to parse.
    case unrepresentableNumber(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        var numberError: (any Error)?
        if container.decodeNil() {
            self = .null
            return
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
            return
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
            return
        }
        do {
            self = .number(try container.decode(Double.self))
            return
        } catch {
            numberError = error
        }
        if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let numberError, let text = Self.unrepresentableNumber(numberError) {
            self = .unrepresentableNumber(text)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The number's text when `error` says a parsed number does not fit a double. Foundation
    /// reports it as `numberIsNotRepresentableInSwift(parsed: "1e400")` (swift-foundation) or
    /// "Number 1e400 is not representable in Swift." (older Darwin Foundation).
    private static func unrepresentableNumber(_ error: any Error) -> String? {
        var text = "\(error)"
        if case DecodingError.dataCorrupted(let context) = error {
            text += " " + context.debugDescription + (context.underlyingError.map { " \($0)" } ?? "")
        }
        guard text.localizedCaseInsensitiveContains("representable") else { return nil }
        if let start = text.range(of: "parsed: \""), let end = text[start.upperBound...].firstIndex(of: "\"") {
            return String(text[start.upperBound..<end])
        }
        if let start = text.range(of: "Number "), let end = text[start.upperBound...].range(of: " is not representable") {
            return String(text[start.upperBound..<end.lowerBound])
        }
        return "a number"
    }

    /// Parses a whole JSON text.
    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The value as compact JSON text, object keys sorted so the same input gives the same text.
    var jsonText: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .number(let d): d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null"
        case .unrepresentableNumber(let text): text.allSatisfy { "0123456789+-.eE".contains($0) } ? text : "null"
        case .string(let s): Fields.jsonString(s)
        case .array(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { Fields.jsonString($0.key) + ":" + $0.value.jsonText }
                .joined(separator: ",") + "}"
        }
    }
}

/// Finds the line each object of a JSON export starts on, so rejections can name it.
enum JSONObjectLines {
    /// The lines of the `{` that open objects nested `depth` deep (0 for the top-level object,
    /// 1 for the elements of a top-level array, 2 for those of `{"value":[…]}`), in order.
    static func starts(in text: String, depth wanted: Int) -> [Int] {
        var lines: [Int] = []
        var depth = 0
        JSONTextScan.structure(of: text[...]) { _, c, line in
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if c == UInt8(ascii: "{"), depth == wanted { lines.append(line) }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            return true
        }
        return lines
    }
}

/// The bytes of JSON text outside its strings, with the line each is on: the one scan the
/// structure readers here share. Strings and their escapes are skipped, so a `{` inside a
/// value is not structure. Iterative: depth costs no stack.
enum JSONTextScan {
    /// Calls `body` with each byte outside a string (a string's opening quote included) and its
    /// 1-based line, until `body` returns false; returns whether the text ended inside a string.
    @discardableResult
    static func structure(of text: Substring, _ body: (String.Index, UInt8, Int) -> Bool) -> Bool {
        let bytes = text.utf8
        var line = 1
        var inString = false
        var escaped = false
        for index in bytes.indices {
            let c = bytes[index]
            if c == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                continue
            }
            guard body(index, c, line) else { return false }
            if c == UInt8(ascii: "\"") { inString = true }
        }
        return inString
    }
}

/// Splits a JSON array's text into its elements' texts without parsing them, for an export
/// whose whole text the JSON reader refuses (one element nested too deep, say).
enum JSONArrayElements {
    /// Foundation's JSON reader refuses text nested deeper than this (swift-foundation's
    /// `JSONScanner`), with a message that does not say so.
    static let readerDepthLimit = 512

    /// How deep the text's arrays and objects nest, strings skipped.
    static func depth(of text: Substring) -> Int {
        var depth = 0, deepest = 0
        JSONTextScan.structure(of: text) { _, c, _ in
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            return true
        }
        return deepest
    }

    /// Each element's text and the line it starts on, or nil when the text is not one array
    /// whose strings and brackets balance.
    static func split(_ text: String) -> [(line: Int, text: Substring)]? {
        var elements: [(line: Int, text: Substring)] = []
        var depth = 0
        var elementStart: String.Index?
        var elementLine = 1
        var closed = false
        var malformed = false
        let endsInString = JSONTextScan.structure(of: text[...]) { index, c, line in
            let isSpace = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
            if closed {
                malformed = !isSpace  // text after the array
                return !malformed
            }
            if depth == 1, elementStart == nil, !isSpace, c != UInt8(ascii: ","), c != UInt8(ascii: "]") {
                elementStart = index
                elementLine = line
            }
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 || (depth == 0 && c != UInt8(ascii: "]")) {
                    malformed = true
                    return false
                }
                if depth == 0 {
                    if let start = elementStart { elements.append((elementLine, text[start..<index])) }
                    elementStart = nil
                    closed = true
                }
            case UInt8(ascii: ","):
                if depth == 1, let start = elementStart {
                    elements.append((elementLine, text[start..<index]))
                    elementStart = nil
                }
            case UInt8(ascii: "\""): break
            default:
                if depth == 0, !isSpace {  // not an array
                    malformed = true
                    return false
                }
            }
            return true
        }
        return closed && !malformed && !endsInString ? elements : nil
    }
}
