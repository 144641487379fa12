/// A line chart as inline SVG: one line per series over a shared time axis, with vertical marks
/// for events (operations). Empty buckets break the line rather than drawing it to zero.
public struct SVGLineChart {
    public struct Series {
        public var name: String
        public var points: [(x: Int64, y: Double?)]
        public init(name: String, points: [(x: Int64, y: Double?)]) {
            self.name = name
            self.points = points
        }
    }

    public struct Mark {
        public var x: Int64
        public var label: String
        public init(x: Int64, label: String) {
            self.x = x
            self.label = label
        }
    }

    public var series: [Series]
    public var marks: [Mark]
    public var xRange: ClosedRange<Int64>
    public var xLabels: (Int64) -> String
    public var yLabel: String

    static let palette = ["#0063b1", "#d83b01", "#107c10", "#5c2d91", "#b4009e", "#008575", "#767676", "#e81123"]
    static let width = 960.0, plotHeight = 240.0, left = 70.0, right = 20.0, top = 20.0, axis = 40.0, legendLine = 16.0

    public init(series: [Series], marks: [Mark], xRange: ClosedRange<Int64>, yLabel: String, xLabels: @escaping (Int64) -> String) {
        self.series = series
        self.marks = marks
        self.xRange = xRange
        self.yLabel = yLabel
        self.xLabels = xLabels
    }

    /// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`, so that the four grid steps are round.
    static func niceCeiling(_ value: Double) -> Double {
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where magnitude * factor >= value { return magnitude * factor }
        return magnitude * 10
    }

    public func render() -> String {
        let ys = series.flatMap { $0.points.compactMap(\.y) }
        let yMax = Self.niceCeiling(max(ys.max() ?? 1, 1))
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.plotHeight
        let height = Self.top + plotHeight + Self.axis + Self.legendLine * Double(series.count)
        let span = Double(max(xRange.upperBound - xRange.lowerBound, 1))
        func px(_ x: Int64) -> Double { Self.left + Double(x - xRange.lowerBound) / span * plotWidth }
        func py(_ y: Double) -> Double { Self.top + plotHeight - y / yMax * plotHeight }
        func f(_ v: Double) -> String { NumberFormat.decimal(v, places: 1).replacingOccurrences(of: ",", with: "") }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(HTMLPage.escape(yLabel))\">\n"
        svg += "<rect x=\"\(f(Self.left))\" y=\"\(f(Self.top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n"
        for step in 0...4 {
            let value = yMax * Double(step) / 4
            let y = py(value)
            svg += "<line x1=\"\(f(Self.left))\" y1=\"\(f(y))\" x2=\"\(f(Self.width - Self.right))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>"
            svg += "<text x=\"\(f(Self.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTMLPage.escape(NumberFormat.compact(value)))</text>\n"
        }
        for step in 0...4 {
            let x = xRange.lowerBound + Int64(Double(step) / 4 * span)
            let anchor = step == 0 ? "start" : step == 4 ? "end" : "middle"
            svg += "<text x=\"\(f(px(x)))\" y=\"\(f(Self.top + plotHeight + 16))\" text-anchor=\"\(anchor)\">\(HTMLPage.escape(xLabels(x)))</text>\n"
        }
        for mark in marks where xRange.contains(mark.x) {
            let x = px(mark.x)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(Self.top))\" x2=\"\(f(x))\" y2=\"\(f(Self.top + plotHeight))\" stroke=\"#a4262c\" stroke-dasharray=\"3,3\"><title>\(HTMLPage.escape(mark.label))</title></line>"
            svg += "<text x=\"\(f(x + 3))\" y=\"\(f(Self.top + 10))\" fill=\"#a4262c\">\(HTMLPage.escape(mark.label))</text>\n"
        }
        for (index, line) in series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            var segments: [[String]] = [[]]
            for point in line.points {
                if let y = point.y {
                    segments[segments.count - 1].append("\(f(px(point.x))),\(f(py(y)))")
                } else if !(segments.last?.isEmpty ?? true) {
                    segments.append([])
                }
            }
            for segment in segments where !segment.isEmpty {
                svg += segment.count == 1
                    ? "<circle cx=\"\(segment[0].split(separator: ",")[0])\" cy=\"\(segment[0].split(separator: ",")[1])\" r=\"2\" fill=\"\(colour)\"/>\n"
                    : "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\"\(segment.joined(separator: " "))\"/>\n"
            }
            let legendY = Self.top + plotHeight + Self.axis + Self.legendLine * Double(index)
            svg += "<text x=\"\(f(Self.left))\" y=\"\(f(legendY))\" fill=\"\(colour)\">■ \(HTMLPage.escape(line.name))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
