/// A plain-text table with aligned columns, for terminals and for pasting into mail. Control
/// characters in cells are shown as escapes (``VisibleText``).
package struct TextTable: Sendable {
    package enum Alignment: Sendable { case left, right }

    package var headers: [String]
    package var alignments: [Alignment]
    package var rows: [[String]] = []

    package init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    package mutating func append(_ row: [String]) { rows.append(row) }

    /// Columns that give up width when the table is wider than the screen, first to last:
    /// message-like columns belong first. Empty: the widest left-aligned column goes first.
    package var shrinkOrder: [Int] = []

    /// The narrowest a shrinking column gets (its header's width if longer), unless
    /// ``minimumWidths`` names another for it, kept until the droppable columns are gone.
    package static let minimumShrunkWidth = 8
    package var minimumWidths: [Int: Int] = [:]

    /// Columns left out, first to last, when cutting every column in ``shrinkOrder`` is not
    /// enough: evidence a reader can get with `--wide`, or a time shown twice.
    package var dropOrder: [Int] = []

    /// The table as lines joined by newlines, with a final newline; each line indented by `indent`.
    ///
    /// With `width`, columns in ``shrinkOrder`` are cut (ending in `…`) until each line fits in
    /// `width` characters, or they reach ``minimumShrunkWidth``; nil keeps every cell whole.
    package func render(indent: String = "", showHeaders: Bool = true, width: Int? = nil) -> String {
        // A cell is one line of visible characters: a name or message can neither break the
        // table nor send escape sequences to the terminal.
        let all = (showHeaders ? [headers] + rows : rows).map { $0.map { VisibleText.escape($0) } }
        let natural = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        let (widths, shown) = width.map { fitted(natural, into: $0 - indent.count) } ?? (natural, Array(headers.indices))
        var out = ""
        for row in all {
            let cells = shown.map { column -> String in
                var text = row.indices.contains(column) ? row[column] : ""
                if text.count > widths[column] { text = String(text.prefix(max(0, widths[column] - 1))) + "…" }
                let pad = String(repeating: " ", count: max(0, widths[column] - text.count))
                return alignments[column] == .right ? pad + text : text + pad
            }
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// Whether the table is wider than `width` with every cell whole, so ``render(indent:showHeaders:width:)`` cuts it.
    package func isCut(width: Int, indent: String = "") -> Bool {
        let all = [headers] + rows
        let natural = headers.indices.map { column in all.map { $0.indices.contains(column) ? VisibleText.escape($0[column]).count : 0 }.max() ?? 0 }
        return natural.reduce(0, +) + 2 * max(0, natural.count - 1) > width - indent.count
    }

    /// Column widths cut, in shrink order, until the columns and their gaps fit in `available`;
    /// then columns dropped in drop order (their width given back to the cut ones) if need be.
    /// Returns the widths of every column and the columns shown.
    func fitted(_ natural: [Int], into available: Int) -> (widths: [Int], shown: [Int]) {
        var shown = Array(headers.indices)
        let order = shrinkOrder.isEmpty
            ? headers.indices.filter { alignments[$0] == .left }.sorted { natural[$0] > natural[$1] }
            : shrinkOrder.filter { headers.indices.contains($0) }
        func cut(_ shown: [Int], keepingMinimums: Bool = true) -> (widths: [Int], excess: Int) {
            var widths = natural
            var excess = shown.reduce(0) { $0 + widths[$1] } + 2 * max(0, shown.count - 1) - available
            for column in order where excess > 0 && shown.contains(column) {
                let minimum = keepingMinimums ? minimumWidths[column] ?? Self.minimumShrunkWidth : Self.minimumShrunkWidth
                let floor = min(widths[column], max(minimum, headers[column].count))
                let cut = min(excess, widths[column] - floor)
                widths[column] -= cut
                excess -= cut
            }
            return (widths, excess)
        }
        var result = cut(shown)
        for column in dropOrder where result.excess > 0 && shown.count > 1 {
            shown.removeAll { $0 == column }
            result = cut(shown)
        }
        // Still too wide with every column dropped that may be: the minimums give way too.
        if result.excess > 0 { result = cut(shown, keepingMinimums: false) }
        return (result.widths, shown)
    }
}

/// Formats numbers the way the reports show them to people.
package enum NumberFormat {
    /// `1234567` → `1,234,567`.
    package static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    package static func grouped(_ value: Int) -> String { grouped(Int64(value)) }

    /// `1834.25` with `places` digits after the point, rounded half away from zero; no exponent.
    package static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let whole = Int64(scaled) / Int64(scale)
        let fraction = Int64(scaled) % Int64(scale)
        var text = grouped(whole)
        if places > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }

    /// A ratio as a percentage: `0.99931` → `99.931 %`.
    package static func percent(_ ratio: Double, places: Int = 1) -> String {
        decimal(ratio * 100, places: places) + " %"
    }

    /// A short axis label: `950`, `12.5k`, `3.2M`, `1.1G`.
    package static func compact(_ value: Double) -> String {
        let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where abs(value) >= scale {
            return decimal(value / scale, places: 1) + suffix
        }
        return decimal(value, places: 0)
    }

    /// Bytes as decimal gigabytes (10⁹ bytes, as Azure bills): `1.29 GB`.
    package static func gigabytes(_ bytes: Int64, places: Int = 2) -> String {
        decimal(Double(bytes) / 1e9, places: places) + " GB"
    }

    /// A byte count in the largest decimal unit that keeps it readable: `1.29 GB`, `512 kB`.
    package static func bytes(_ value: Int64) -> String {
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
