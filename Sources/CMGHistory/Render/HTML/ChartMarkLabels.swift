/// Where the labels of a chart's marks (operations) go: in up to ``rows`` rows above the plot,
/// each label in the first row where it overlaps no other, flipped to the left of its mark
/// near the right edge so it stays inside the plot. A label that fits no row is left out; its
/// mark keeps the text as a tooltip, and the chart says how many were left out.
enum ChartMarkLabels {
    struct Placed: Equatable {
        var mark: Int
        var row: Int
        /// Where the text starts (its left end, `text-anchor: start`).
        var x: Double
        var text: String
    }

    static let rows = 3
    /// The width of one character of the 11-pixel chart font, a little generous so that
    /// estimated boxes never touch.
    static let characterWidth = 6.4
    static let gap = 6.0
    /// Longer labels are cut with an ellipsis (the tooltip keeps the whole text); 48 holds the
    /// longest operation kind with its gateway's short name, `renew_server_certificate (GraniteFalls)`.
    static let maximumCharacters = 48

    static func width(_ text: String) -> Double { Double(text.count) * characterWidth }

    /// `marks` as (x position, label), in any order; the plot spans `left...right`.
    static func place(_ marks: [(x: Double, label: String)], left: Double, right: Double) -> [Placed] {
        var rowEnds = [Double](repeating: -Double.infinity, count: rows)
        var placed: [Placed] = []
        let order = marks.indices.sorted { (marks[$0].x, $0) < (marks[$1].x, $1) }
        for index in order {
            let mark = marks[index]
            let text = mark.label.count > maximumCharacters ? String(mark.label.prefix(maximumCharacters - 1)) + "…" : mark.label
            let w = width(text)
            var start = mark.x + 3
            if start + w > right { start = mark.x - 3 - w }
            start = max(start, left)
            guard start + w <= right else { continue }
            guard let row = rowEnds.firstIndex(where: { $0 + gap <= start }) else { continue }
            rowEnds[row] = start + w
            placed.append(Placed(mark: index, row: row, x: start, text: text))
        }
        return placed
    }
}
