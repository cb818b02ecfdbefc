import Foundation

/// A small, fast, seedable pseudo-random generator (Steele, Lea & Flood 2014, "SplitMix").
///
/// Deterministic for a given seed and a value type, so each caller owns its stream (no global state).
/// Good enough for simulation and tests; not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in the open interval (0, 1).
    public mutating func nextUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard normal draw (Box–Muller, using one of the pair).
    public mutating func nextGaussian() -> Double {
        let u = nextUnit()
        let v = nextUnit()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
