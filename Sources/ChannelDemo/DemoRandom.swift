import Foundation

/// A seeded xoshiro256** generator with the few distributions the demo data needs.
///
/// The system generator is never used: the same seed and stream always give the same
/// sequence, which is what makes the demo files byte-identical between runs.
struct DemoRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates an independent stream for one part of the dataset, so that changing how one
    /// file is generated does not shift the numbers used by the others.
    init(seed: UInt64, stream: UInt64) {
        var state = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03
        s0 = Self.splitMix(&state)
        s1 = Self.splitMix(&state)
        s2 = Self.splitMix(&state)
        s3 = Self.splitMix(&state)
        if s0 | s1 | s2 | s3 == 0 {
            s0 = 1
        }
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// The next 64 random bits.
    ///
    /// Shifts use the masking operators with `UInt64` amounts: the plain `<<`/`>>` with an
    /// `Int` amount go through generic code that is slow in debug builds.
    mutating func next() -> UInt64 {
        let times5 = s1 &* 5
        let result = (times5 &<< 7 | times5 &>> 57) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 &<< 45 | s3 &>> 19
        return result
    }

    /// A uniform double in `[0, 1)` with 52 random mantissa bits.
    mutating func unit() -> Double {
        // Built from the bit pattern of a double in [1, 2): `Double(UInt64)` is generic (slow) in debug builds.
        Double(bitPattern: 0x3FF0_0000_0000_0000 | next() &>> 12) - 1
    }

    /// A uniform double in `[lower, upper)`.
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// A uniform integer in `0..<bound`; `bound` must be positive (0 is returned otherwise).
    mutating func int(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// A standard normal variate (Box–Muller, one value per call).
    mutating func normal() -> Double {
        let u1 = 1 - unit()
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A log-normal variate whose logarithm has mean `mu` and standard deviation `sigma`.
    mutating func logNormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * normal())
    }

    /// Number of successes in `trials` Bernoulli trials of `probability` (waiting-time method,
    /// so the cost grows with the number of successes, not with `trials`).
    mutating func binomial(trials: Int, probability: Double) -> Int {
        guard trials > 0, probability > 0 else { return 0 }
        guard probability < 1 else { return trials }
        let logQ = log(1 - probability)
        var successes = 0
        var position = 0
        while true {
            position += Int(log(1 - unit()) / logQ) + 1
            if position > trials { return successes }
            successes += 1
        }
    }
}
