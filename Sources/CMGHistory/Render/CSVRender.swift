import Foundation

/// RFC 4180 CSV: a header row, fields quoted only when they must be, CRLF line ends (what
/// Excel and `Import-Csv` expect).
///
/// A text field that a spreadsheet would take for a formula (it begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a leading `'`, as OWASP's CSV injection advice says: a gateway
/// named `=HYPERLINK(…)` opens as text, not as a live link. Numbers, negative ones included, stay
/// numbers.
package struct CSVRender {
    private var lines: [String] = []

    package init(header: [String]) { lines.append(Self.line(header)) }

    package mutating func append(_ fields: [String]) { lines.append(Self.line(fields)) }

    package var text: String { lines.map { $0 + "\r\n" }.joined() }

    static func line(_ fields: [String]) -> String {
        fields.map { raw in
            let field = Self.isFormulaLike(raw) ? "'" + raw : raw
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// Characters that make a spreadsheet read a cell as a formula when they begin it (OWASP).
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    static func isFormulaLike(_ field: String) -> Bool {
        guard let first = field.utf8.first, formulaStarts.contains(first) else { return false }
        return !isNumber(field)
    }

    /// A plain decimal number (`-5`, `+1.25`, `-3e-7`): the figures reports write.
    static func isNumber(_ field: String) -> Bool {
        var bytes = Substring(field).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 &- UInt8(ascii: "0") < 10 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        var count = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            count += digits()
        }
        guard count > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}

/// Optional figures as CSV/table cells: empty for null.
extension Optional where Wrapped == Int64 {
    var cell: String { map { String($0) } ?? "" }
}

extension Optional where Wrapped == Int {
    var cell: String { map { String($0) } ?? "" }
}

extension Optional where Wrapped == Double {
    var cell: String { map { String($0) } ?? "" }
}
