/// A stretch of time shaded across a chart: an incident (red) or planned downtime (grey), as
/// the timeline draws them, with what it was as a tooltip.
public struct ChartBand: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// When the period starts.
    public var start: UnixSeconds
    /// nil while it is ongoing: shaded to the chart's end.
    public var end: UnixSeconds?
    /// Whether it was a planned stop (shaded apart from incidents).
    public var planned: Bool
    /// The tooltip: gateway, states, local start and end.
    public var text: String

    /// A band over `[start, end)` (to the chart's end when `end` is nil), labelled `text`.
    public init(gateway: String, start: UnixSeconds, end: UnixSeconds?, planned: Bool, text: String) {
        self.gateway = gateway
        self.start = start
        self.end = end
        self.planned = planned
        self.text = text
    }

    /// The timeline's colours: red for incidents, grey for planned downtime.
    static let incidentColour = "#d13438", plannedColour = "#8a8886"
    /// One opacity for a band and its legend swatch, so the legend shows the shade the chart draws.
    static let incidentOpacity = "0.2", plannedOpacity = "0.35"
    var colour: String { planned ? Self.plannedColour : Self.incidentColour }
    var opacity: String { planned ? Self.plannedOpacity : Self.incidentOpacity }
}

enum ChartShading {
    /// Pixels a band is drawn at least: narrower, a grey band hides under an operation's mark.
    static let minimumWidth = 8.0

    /// The bands that overlap `range`, clipped to the plot between `top` and `bottom`.
    static func svg(_ bands: [ChartBand], range: ClosedRange<UnixSeconds>, top: Double, bottom: Double,
                    px: (Int64) -> Double, f: (Double) -> String) -> String {
        var svg = ""
        for band in bands {
            let end = band.end ?? range.upperBound
            guard band.start <= range.upperBound, end >= range.lowerBound else { continue }
            var x1 = px(max(band.start, range.lowerBound)), x2 = px(min(end, range.upperBound))
            if x2 - x1 < minimumWidth {
                // A few hours on a two-month chart: widened about its middle so that what the
                // legend names can be found (the tooltip keeps its real times).
                let middle = (x1 + x2) / 2
                (x1, x2) = (middle - minimumWidth / 2, middle + minimumWidth / 2)
            }
            svg += "<rect x=\"\(f(x1))\" y=\"\(f(top))\" width=\"\(f(x2 - x1))\" height=\"\(f(bottom - top))\" fill=\"\(band.colour)\" fill-opacity=\"\(band.opacity)\">"
                + "<title>\(HTMLPage.escape(band.text))</title></rect>\n"
        }
        return svg
    }
}
