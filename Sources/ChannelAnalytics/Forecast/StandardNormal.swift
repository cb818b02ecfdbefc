import Foundation

/// The standard normal distribution N(0, 1): its cumulative distribution and its quantile (inverse CDF).
///
/// Replenishment uses it to turn a cycle service level into a safety factor z and to turn an inventory
/// position into a stock-out probability.
public enum StandardNormal {
    /// P(Z ≤ x) for a standard normal Z, computed from the complementary error function.
    ///
    /// Φ(x) = ½·erfc(−x/√2); using erfc keeps full relative accuracy far out in the lower tail.
    public static func cumulativeProbability(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The value z with Φ(z) = p, accurate to near double precision over (0, 1).
    ///
    /// A rational approximation (P. J. Acklam's coefficients, relative error below 1.15e-9) gives a first
    /// estimate; one Halley step against the erfc-based CDF then brings it to double precision.
    /// Edge cases: p ≤ 0 gives −∞, p ≥ 1 gives +∞ and NaN gives NaN, so callers that need a finite
    /// safety factor must check the range themselves.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }

        let estimate = rationalEstimate(p)
        // Halley refinement: e is the CDF error, u = e / φ(x); the step x − u / (1 + x·u/2) converges cubically.
        let error = cumulativeProbability(estimate) - p
        let u = error * (2 * Double.pi).squareRoot() * exp(estimate * estimate / 2)
        return estimate - u / (1 + estimate * u / 2)
    }

    /// Acklam's piecewise rational approximation of the normal quantile (central region and two tails).
    private static func rationalEstimate(_ p: Double) -> Double {
        let lowerBreak = 0.02425
        if p < lowerBreak {
            let q = (-2 * log(p)).squareRoot()
            return tailNumerator(q) / tailDenominator(q)
        }
        if p > 1 - lowerBreak {
            let q = (-2 * log1p(-p)).squareRoot()
            return -tailNumerator(q) / tailDenominator(q)
        }
        let q = p - 0.5
        let r = q * q
        let numerator = horner(
            [
                -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
            ],
            r
        )
        let denominator = horner(
            [
                -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01, 1,
            ],
            r
        )
        return numerator * q / denominator
    }

    private static func tailNumerator(_ q: Double) -> Double {
        horner(
            [
                -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
            ],
            q
        )
    }

    private static func tailDenominator(_ q: Double) -> Double {
        horner([7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00, 1], q)
    }

    /// Evaluates a polynomial whose coefficients are listed from the highest power down to the constant.
    private static func horner(_ coefficients: [Double], _ x: Double) -> Double {
        coefficients.reduce(0) { $0 * x + $1 }
    }
}
