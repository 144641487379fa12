import Foundation

/// RFC 4180 CSV: a header row, fields quoted only when they must be, CRLF line ends (what
/// Excel and `Import-Csv` expect).
public struct CSVRender {
    private var lines: [String] = []

    public init(header: [String]) { lines.append(Self.line(header)) }

    public mutating func append(_ fields: [String]) { lines.append(Self.line(fields)) }

    public var text: String { lines.map { $0 + "\r\n" }.joined() }

    static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}

/// Optional figures as CSV/table cells: empty for null.
extension Optional where Wrapped == Int64 {
    var cell: String { map { String($0) } ?? "" }
}

extension Optional where Wrapped == Double {
    var cell: String { map { String($0) } ?? "" }
}
