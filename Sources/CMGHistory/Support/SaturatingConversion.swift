extension Int64 {
    /// The whole part of `value`, held at `Int64.min` or `.max` when beyond them, 0 for NaN:
    /// `Int64(_:)` traps there, and a value computed from stored figures (a forecast) can be
    /// anything.
    init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_807.0 {
            self = .max
        } else if value <= -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int64(value)
        }
    }
}
