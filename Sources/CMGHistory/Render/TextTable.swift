/// A plain-text table with aligned columns, for terminals and for pasting into mail.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines joined by newlines, with a final newline; each line indented by `indent`.
    public func render(indent: String = "", showHeaders: Bool = true) -> String {
        let all = showHeaders ? [headers] + rows : rows
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        var out = ""
        for row in all {
            let cells = headers.indices.map { column -> String in
                let text = row.indices.contains(column) ? row[column] : ""
                let pad = String(repeating: " ", count: widths[column] - text.count)
                return alignments[column] == .right ? pad + text : text + pad
            }
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

/// Formats numbers the way the reports show them to people.
public enum NumberFormat {
    /// `1234567` → `1,234,567`.
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    public static func grouped(_ value: Int) -> String { grouped(Int64(value)) }

    /// A byte count in the largest decimal unit that keeps it readable: `1.29 GB`, `512 kB`.
    public static func bytes(_ value: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var scaled = Double(value)
        var unit = 0
        while scaled >= 1000, unit < units.count - 1 {
            scaled /= 1000
            unit += 1
        }
        if unit == 0 { return "\(value) bytes" }
        let rounded = (scaled * 100).rounded() / 100
        return "\(rounded) \(units[unit])"
    }
}
