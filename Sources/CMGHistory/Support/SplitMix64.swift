/// SplitMix64: a tiny seeded generator, good enough for synthetic noise and property tests,
/// and the same sequence on every platform (the system generator is neither seeded nor stable).
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    package mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Roughly normal with mean 0 and standard deviation 1 (Irwin–Hall of four uniforms).
    package mutating func gauss() -> Double {
        (unit() + unit() + unit() + unit() - 2.0) * 1.732_050_8
    }

    /// Uniform in 0..<bound (bound > 0).
    package mutating func below(_ bound: Int64) -> Int64 { Int64(next() % UInt64(bound)) }
}
