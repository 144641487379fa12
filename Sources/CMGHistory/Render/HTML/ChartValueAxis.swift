/// What a chart's values count, so that its y axis says it: a byte count is scaled to the
/// largest decimal unit that keeps the ticks readable (GB = 10⁹ bytes, as Azure bills).
package enum ChartUnit: Sendable, Equatable {
    case bytes
    case clients
    case requestsPerSecond
    case milliseconds
    /// A share from 0 to 1, shown as a percentage.
    case ratio
    case plain(String)

    /// The unit of a stored metric.
    package static func of(metric: String) -> ChartUnit {
        switch metric {
        case RollupMetric.onlineClients.name: .clients
        case RollupMetric.requests.name: .requestsPerSecond
        case RollupMetric.averageElapsedMilliseconds.name: .milliseconds
        case RollupMetric.requestBytes.name, RollupMetric.responseBytes.name, RollupMetric.egressBytes.name,
             RollupMetric.storageUsedBytes.name: .bytes
        default: .plain(metric)
        }
    }
}

/// The y axis of a chart: its top (a round number of the unit), its five ticks and their labels.
struct ChartValueAxis {
    let unit: ChartUnit
    /// The value the top of the plot stands for, in the chart's own values (bytes, clients …).
    let top: Double
    /// What one shown unit is worth in values, and its name (`GB` is 10⁹ bytes).
    let scale: Double
    let unitName: String

    init(unit: ChartUnit, maximum given: Double) {
        self.unit = unit
        // An empty byte chart reads 0 to 1 GB, not fractions of a byte.
        let maximum = unit == .bytes && !(given > 0) ? 1e9 : given
        switch unit {
        case .bytes:
            let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
            let chosen = units.first { maximum >= $0.0 } ?? (1, "bytes")
            (scale, unitName) = chosen
        case .clients: (scale, unitName) = (1, "clients")
        case .requestsPerSecond: (scale, unitName) = (1, "requests/s")
        case .milliseconds: (scale, unitName) = (1, "ms")
        case .ratio: (scale, unitName) = (0.01, "%")
        case .plain(let name): (scale, unitName) = (1, name)
        }
        let shown = maximum / scale
        top = (unit == .ratio ? max(Self.niceCeiling(shown), 100) : Self.niceCeiling(max(shown, 1))) * scale
    }

    /// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`, so that the four grid steps are round.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 1e-9, value.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude > value { magnitude /= 10 }
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where magnitude * factor >= value { return magnitude * factor }
        return magnitude * 10
    }

    /// The tick values from 0 to the top, in the chart's own values.
    var ticks: [Double] { (0...4).map { top * Double($0) / 4 } }

    /// `12.5 GB`, `1,500`, `40 %`: bytes and shares carry their unit on every tick; other units
    /// are named once at the axis's top (``title``).
    func label(_ value: Double) -> String {
        let shown = value / scale
        let step = top / scale / 4
        let places = step >= 1 && step == step.rounded() ? 0 : step * 10 == (step * 10).rounded() ? 1 : 2
        let number = NumberFormat.decimal(shown, places: places)
        switch unit {
        case .bytes: return number + " " + unitName
        case .ratio: return number + " %"
        default: return number
        }
    }

    /// A single value in its own best unit: `10,000 GB`, `6,000 clients`.
    static func text(_ value: Double, unit: ChartUnit) -> String {
        let axis = ChartValueAxis(unit: unit, maximum: value)
        let shown = NumberFormat.decimal(value / axis.scale, places: unit == .bytes && value / axis.scale < 100 ? 2 : 0)
        return unit == .ratio ? shown + " %" : shown + " " + axis.unitName
    }

    /// The unit, written above the axis.
    var title: String { unitName }
}
