/// Ordinary least squares fit of y = intercept + slope · x.
public struct LinearFit: Sendable, Equatable {
    public var slope: Double
    public var intercept: Double

    /// nil for fewer than two points or when every x is the same.
    public init?(x: [Double], y: [Double]) {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
    }

    public func value(at x: Double) -> Double { intercept + slope * x }

    /// The first whole x in `from...through` where the line reaches `limit`, or nil.
    public func firstReach(of limit: Double, from: Int, through: Int) -> Int? {
        if value(at: Double(from)) >= limit { return from }
        guard slope > 0 else { return nil }
        // Compared as a double before it becomes an Int: a limit far beyond the data (or NaN)
        // would not fit one.
        let exact = ((limit - intercept) / slope).rounded(.up)
        guard exact <= Double(through) else { return nil }
        return exact <= Double(from) ? from : Int(exact)
    }
}
