/// Text broken into lines at spaces for a terminal or a page of a given width.
enum TextWrap {
    /// `text` with its spaces turned into line breaks where a line would pass `width` characters;
    /// a word longer than the width keeps a line of its own.
    static func wrap(_ text: String, width: Int) -> String {
        lines(text, width: width).joined(separator: "\n")
    }

    /// Units that stay on the line of the figure before them (`100.0 %`, `2.50 GB`, `6 h 25 min`).
    static let units: Set<Substring> = ["%", "B", "kB", "MB", "GB", "TB", "s", "min", "h", "d", "ms"]

    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line: [Substring] = []
        var length = 0
        for word in text.split(separator: " ") {
            if !line.isEmpty, length + 1 + word.count > width {
                // A unit takes its figure to the next line with it.
                let carried = line.count > 1 && units.contains(word.prefix { $0.isLetter || $0 == "%" }) ? line.removeLast() : nil
                lines.append(line.joined(separator: " "))
                line = carried.map { [$0] } ?? []
                length = carried?.count ?? 0
            }
            length += (line.isEmpty ? 0 : 1) + word.count
            line.append(word)
        }
        if !line.isEmpty { lines.append(line.joined(separator: " ")) }
        return lines
    }
}
