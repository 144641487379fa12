/// A line chart over time as inline SVG, made to be read in a mail: one colour per gateway and
/// one dash pattern per statistic, a legend that matches the lines, a time axis at round times
/// of the report's zone (``ChartTimeAxis``), a y axis that names its unit (``ChartUnit``),
/// incidents and planned downtime shaded (``ChartBand``), operations marked with labels that
/// never overlap (``ChartMarkLabels``), and lines thinned to the plot's pixel columns
/// (``ChartDownsampling``). Empty buckets break a line rather than drawing it to zero.
///
/// Coloured text uses `style`: the page's `svg text { fill }` rule would override a `fill`
/// attribute. The output is a pure function of the value: same chart, same bytes.
package struct SVGLineChart {
    /// How a statistic is drawn: the mean solid, p95 dashed, the peak dotted.
    package enum LineStyle: Sendable {
        case solid, dashed, dotted

        var dash: String? {
            switch self {
            case .solid: nil
            case .dashed: "7,4"
            case .dotted: "2,3"
            }
        }
    }

    package struct Series {
        package var name: String
        package var colour: String
        package var style: LineStyle
        package var points: [(x: Int64, y: Double?)]
        /// A limit drawn for comparison (capacity, threshold): it sets the scale only when it is
        /// within ``SVGLineChart/levelScaleFactor`` of the data, else it is named in the legend
        /// as above the scale, so that 35 GB against a 10 TB threshold is not a flat line at 0.
        package var isLevel: Bool
        package init(name: String, colour: String, style: LineStyle = .solid, isLevel: Bool = false, points: [(x: Int64, y: Double?)]) {
            self.name = name
            self.colour = colour
            self.style = style
            self.isLevel = isLevel
            self.points = points
        }
    }

    package struct Mark {
        package var x: Int64
        package var label: String
        package init(x: Int64, label: String) {
            self.x = x
            self.label = label
        }
    }

    package var title: String
    package var series: [Series]
    package var marks: [Mark]
    package var bands: [ChartBand]
    package var xRange: ClosedRange<Int64>
    package var unit: ChartUnit
    package var zone: ReportZone

    /// Gateway colours, none of them the red of incidents, the grey of planned downtime or the
    /// orange and dark red of warning and critical levels.
    static let palette = ["#0063b1", "#107c10", "#5c2d91", "#008575", "#b4009e", "#8e562e", "#002050", "#498205"]
    /// Threshold lines: the limit itself, its warning level, its critical level.
    package static let limitColour = "#323130", warningColour = "#ca5010", criticalColour = "#a4262c"
    static let markColour = "#8764b8"
    /// How far above the data a level may be and still set the scale: on the capacity page,
    /// capacity at ten times the peak stays on the chart, a threshold hundreds of times the
    /// traffic does not. A trend page, about the data's shape, passes a smaller factor.
    package var levelScaleFactor = 20.0
    static let width = 960.0, plotHeight = 240.0, left = 78.0, right = 20.0, axis = 40.0, labelRow = 13.0

    /// The colour of the `index`th gateway.
    package static func colour(_ index: Int) -> String { palette[index % palette.count] }

    package init(title: String, series: [Series], marks: [Mark] = [], bands: [ChartBand] = [], xRange: ClosedRange<Int64>,
                unit: ChartUnit, zone: ReportZone, levelScaleFactor: Double = 20) {
        self.levelScaleFactor = levelScaleFactor
        self.title = title
        self.series = series
        self.marks = marks
        self.bands = bands
        self.xRange = xRange
        self.unit = unit
        self.zone = zone
    }

    static func f(_ v: Double) -> String { NumberFormat.decimal(v, places: 1).replacingOccurrences(of: ",", with: "") }

    package func render() -> String {
        let f = Self.f
        let plotWidth = Self.width - Self.left - Self.right
        let plotRight = Self.width - Self.right
        let span = Double(max(xRange.upperBound - xRange.lowerBound, 1))
        func px(_ x: Int64) -> Double { Self.left + Double(x - xRange.lowerBound) / span * plotWidth }

        let shownMarks = marks.filter { xRange.contains($0.x) }
        let placed = ChartMarkLabels.place(shownMarks.map { (px($0.x), $0.label) }, left: Self.left, right: plotRight)
        let labelRows = (placed.map(\.row).max() ?? -1) + 1
        let top = 20 + Self.labelRow * Double(labelRows)
        let bottom = top + Self.plotHeight
        let yAxis = valueAxis()
        let offScale = series.filter { $0.isLevel && $0.points.allSatisfy { ($0.y ?? .infinity) > yAxis.top } }
        let drawn = series.filter { line in !offScale.contains { $0.name == line.name } }
        let legend = legendEntries(hiddenLabels: shownMarks.count - placed.count, offScale: offScale)
        let legendTop = bottom + Self.axis + 8
        let height = legendTop + ChartLegend.rowHeight * Double(ChartLegend.rowCount(legend, width: plotWidth))
        func py(_ y: Double) -> Double { bottom - min(max(y, 0), yAxis.top) / yAxis.top * Self.plotHeight }

        var svg = HTMLPage.svgOpen(width: Int(Self.width), height: Int(height), label: title) + "\n"
        svg += "<rect x=\"\(f(Self.left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(Self.plotHeight))\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n"
        svg += ChartShading.svg(bands, range: xRange, top: top, bottom: bottom, px: px, f: f)
        svg += "<text x=\"\(f(Self.left - 6))\" y=\"\(f(top - 8))\" text-anchor=\"end\" style=\"font-weight:600\">\(HTMLPage.escape(yAxis.title))</text>\n"
        for value in yAxis.ticks {
            let y = py(value)
            svg += "<line x1=\"\(f(Self.left))\" y1=\"\(f(y))\" x2=\"\(f(plotRight))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>"
            svg += "<text x=\"\(f(Self.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTMLPage.escape(yAxis.label(value)))</text>\n"
        }
        svg += timeAxis(top: top, bottom: bottom, px: px)
        if !series.contains(where: { !$0.isLevel && $0.points.contains { $0.y != nil } }) {
            svg += "<text x=\"\(f(Self.left + plotWidth / 2))\" y=\"\(f(top + Self.plotHeight / 2))\" text-anchor=\"middle\" style=\"font-size:14px\">no data in this period</text>\n"
        }
        for (index, mark) in shownMarks.enumerated() {
            let x = px(mark.x)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(bottom))\" stroke=\"\(Self.markColour)\" stroke-dasharray=\"3,3\">"
                + "<title>\(HTMLPage.escape(mark.label))</title></line>\n"
            for label in placed where label.mark == index {
                let y = 20 + Self.labelRow * Double(label.row) - 4
                svg += "<line x1=\"\(f(x))\" y1=\"\(f(y + 2))\" x2=\"\(f(x))\" y2=\"\(f(top))\" stroke=\"\(Self.markColour)\" stroke-opacity=\"0.4\"/>"
                svg += "<text x=\"\(f(label.x))\" y=\"\(f(y))\" style=\"fill:\(Self.markColour)\"><title>\(HTMLPage.escape(mark.label))</title>\(HTMLPage.escape(label.text))</text>\n"
            }
        }
        for line in drawn {
            let columns = Int(plotWidth)
            // A level is not drawn where it is above the scale: clamped to the top it would lie.
            let shown = line.isLevel ? line.points.map { ($0.x, $0.y.flatMap { $0 > yAxis.top ? nil : $0 }) } : line.points
            let points = ChartDownsampling.perColumn(shown, columns: columns) { Int(min(max(px($0) - Self.left, 0), plotWidth - 1)) }
            var segments: [[(Double, Double)]] = [[]]
            for point in points {
                if let y = point.y {
                    segments[segments.count - 1].append((px(point.x), py(y)))
                } else if !(segments.last?.isEmpty ?? true) {
                    segments.append([])
                }
            }
            let dash = line.style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            for segment in segments where !segment.isEmpty {
                if segment.count == 1 {
                    svg += "<circle cx=\"\(f(segment[0].0))\" cy=\"\(f(segment[0].1))\" r=\"2\" fill=\"\(line.colour)\"/>\n"
                } else {
                    svg += "<polyline fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"1.5\"\(dash) points=\""
                        + segment.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ") + "\"/>\n"
                }
            }
        }
        svg += ChartLegend.svg(legend, left: Self.left, top: legendTop, width: plotWidth, f: f)
        return svg + "</svg>\n"
    }

    /// Ticks at round local times, with the date under the first hour of each day.
    private func timeAxis(top: Double, bottom: Double, px: (Int64) -> Double) -> String {
        let f = Self.f
        var svg = ""
        for tick in ChartTimeAxis(zone: zone).ticks(xRange) {
            let x = px(tick.instant)
            let text = tick.date.map { [tick.label, $0] } ?? [tick.label]
            let widest = text.map(ChartMarkLabels.width).max() ?? 0
            let anchor = x - widest / 2 < Self.left - 30 ? "start" : x + widest / 2 > Self.width - 2 ? "end" : "middle"
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(bottom + 4))\" stroke=\"#e5e5e5\"/>"
            for (line, words) in text.enumerated() {
                svg += "<text x=\"\(f(x))\" y=\"\(f(bottom + 16 + 13 * Double(line)))\" text-anchor=\"\(anchor)\">\(HTMLPage.escape(words))</text>"
            }
            svg += "\n"
        }
        return svg
    }

    /// Scaled to the data, and to the levels too when they are near enough to it.
    private func valueAxis() -> ChartValueAxis {
        let data = series.filter { !$0.isLevel }.flatMap { $0.points.compactMap(\.y) }.max() ?? 0
        let near = series.filter(\.isLevel).flatMap { $0.points.compactMap(\.y) }.filter { data == 0 || $0 <= data * levelScaleFactor }
        return ChartValueAxis(unit: unit, maximum: max(data, near.max() ?? 0))
    }

    private func legendEntries(hiddenLabels: Int, offScale: [Series]) -> [ChartLegend.Entry] {
        var entries = series.map { line in
            let value = offScale.contains { $0.name == line.name } ? line.points.compactMap(\.y).last : nil
            return ChartLegend.Entry(swatch: .line(colour: line.colour, dash: line.style.dash),
                                     name: line.name + (value.map { " \(ChartValueAxis.text($0, unit: unit)), above the scale" } ?? ""))
        }
        let inRange = bands.filter { $0.start <= xRange.upperBound && ($0.end ?? xRange.upperBound) >= xRange.lowerBound }
        if inRange.contains(where: { !$0.planned }) {
            entries.append(.init(swatch: .band(colour: ChartBand.incidentColour, opacity: ChartBand.incidentOpacity), name: "incident"))
        }
        if inRange.contains(where: \.planned) {
            entries.append(.init(swatch: .band(colour: ChartBand.plannedColour, opacity: ChartBand.plannedOpacity), name: "planned downtime"))
        }
        if marks.contains(where: { xRange.contains($0.x) }) {
            entries.append(.init(swatch: .line(colour: Self.markColour, dash: "3,3"),
                                 name: "operation" + (hiddenLabels > 0 ? " (\(hiddenLabels) more in tooltips)" : "")))
        }
        return entries
    }
}
