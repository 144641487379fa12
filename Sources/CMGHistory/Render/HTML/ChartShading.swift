/// A stretch of time shaded across a chart: an incident (red) or planned downtime (grey), as
/// the timeline draws them, with what it was as a tooltip.
public struct ChartBand: Sendable, Equatable {
    public var gateway: String
    public var start: UnixSeconds
    /// nil while it is ongoing: shaded to the chart's end.
    public var end: UnixSeconds?
    public var planned: Bool
    /// The tooltip: gateway, states, local start and end.
    public var text: String

    public init(gateway: String, start: UnixSeconds, end: UnixSeconds?, planned: Bool, text: String) {
        self.gateway = gateway
        self.start = start
        self.end = end
        self.planned = planned
        self.text = text
    }

    /// The timeline's colours: red for incidents, grey for planned downtime.
    static let incidentColour = "#d13438", plannedColour = "#8a8886"
    var colour: String { planned ? Self.plannedColour : Self.incidentColour }
}

enum ChartShading {
    /// The bands that overlap `range`, clipped to the plot between `top` and `bottom`.
    static func svg(_ bands: [ChartBand], range: ClosedRange<UnixSeconds>, top: Double, bottom: Double,
                    px: (Int64) -> Double, f: (Double) -> String) -> String {
        var svg = ""
        for band in bands {
            let end = band.end ?? range.upperBound
            guard band.start <= range.upperBound, end >= range.lowerBound else { continue }
            let x1 = px(max(band.start, range.lowerBound)), x2 = px(min(end, range.upperBound))
            svg += "<rect x=\"\(f(x1))\" y=\"\(f(top))\" width=\"\(f(max(x2 - x1, 2)))\" height=\"\(f(bottom - top))\" fill=\"\(band.colour)\" fill-opacity=\"\(band.planned ? "0.22" : "0.16")\">"
                + "<title>\(HTMLPage.escape(band.text))</title></rect>\n"
        }
        return svg
    }
}
