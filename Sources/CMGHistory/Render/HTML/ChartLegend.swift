/// The legend under a chart: a short stroke of each line in its colour and dash pattern (a
/// `<line>`, which the page's text colour cannot grey out), then its name; the shading and
/// marks the chart uses. Entries flow left to right and wrap to new rows.
enum ChartLegend {
    enum Swatch {
        case line(colour: String, dash: String?)
        case band(colour: String, opacity: String)
    }

    struct Entry {
        var swatch: Swatch
        var name: String
    }

    static let rowHeight = 18.0, swatchWidth = 24.0

    /// The rows the entries take on a legend `width` wide.
    static func layout(_ entries: [Entry], width: Double) -> [(entry: Entry, x: Double, row: Int)] {
        var out: [(Entry, Double, Int)] = []
        var x = 0.0, row = 0
        for entry in entries {
            let w = swatchWidth + 6 + ChartMarkLabels.width(entry.name) + 18
            if x > 0, x + w > width { x = 0; row += 1 }
            out.append((entry, x, row))
            x += w
        }
        return out
    }

    static func rowCount(_ entries: [Entry], width: Double) -> Int {
        (layout(entries, width: width).map(\.row).max() ?? -1) + 1
    }

    static func svg(_ entries: [Entry], left: Double, top: Double, width: Double, f: (Double) -> String) -> String {
        var svg = ""
        for (entry, x, row) in layout(entries, width: width) {
            let x0 = left + x, y = top + Double(row) * rowHeight
            switch entry.swatch {
            case .line(let colour, let dash):
                svg += "<line x1=\"\(f(x0))\" y1=\"\(f(y - 4))\" x2=\"\(f(x0 + swatchWidth))\" y2=\"\(f(y - 4))\" stroke=\"\(colour)\" stroke-width=\"2.5\""
                    + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
            case .band(let colour, let opacity):
                svg += "<rect x=\"\(f(x0))\" y=\"\(f(y - 10))\" width=\"\(f(swatchWidth))\" height=\"10\" fill=\"\(colour)\" fill-opacity=\"\(opacity)\"/>"
            }
            svg += "<text x=\"\(f(x0 + swatchWidth + 6))\" y=\"\(f(y))\">\(HTMLPage.escape(entry.name))</text>\n"
        }
        return svg
    }
}
