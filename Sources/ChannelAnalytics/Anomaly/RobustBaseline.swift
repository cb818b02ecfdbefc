/// The typical value of a group on a log scale: its median and a robust standard deviation, both insensitive to
/// the outliers they are used to find.
struct RobustBaseline: Sendable, Hashable {
    /// How σ is estimated from the values.
    enum Spread: Sendable {
        /// 1.4826 × the median absolute deviation: two-sided, for prices.
        case mad
        /// (upper quartile − median) / 0.6745: one-sided, for quantities, whose spikes are upward and whose lower
        /// side is coarse (1 unit against 2 is a factor of two) and clamped at one unit, which inflates the MAD.
        case upperQuartile
    }

    /// Consistency factor making the MAD estimate σ for normally distributed values.
    static let madToSigma = 1.4826
    /// The upper quartile of a standard normal distribution.
    static let normalUpperQuartile = 0.6745

    /// Median of the log values.
    var center: Double
    /// Robust estimate of the standard deviation of the log values (0 when most values are equal).
    var sigma: Double
    /// Number of values the baseline was computed from.
    var count: Int

    /// The baseline of no values, standing for a group that has no lines.
    static let empty = RobustBaseline(center: 0, sigma: 0, count: 0)

    /// The baseline of a buffer of log values (count 0 when empty); reorders and overwrites the buffer.
    static func of(_ values: UnsafeMutableBufferPointer<Double>, spread: Spread) -> RobustBaseline {
        guard !values.isEmpty else { return empty }
        let center = Selection.median(values)
        let sigma: Double
        switch spread {
        case .mad:
            for i in values.indices { values[i] = abs(values[i] - center) }
            sigma = madToSigma * Selection.median(values)
        case .upperQuartile:
            // The median's selection left the upper half from `count / 2` on; the quartile lies there (n >= 3).
            let position = 0.75 * Double(values.count - 1)
            let first = Int(position) >= values.count / 2 ? values.count / 2 : 0
            sigma = (Selection.rank(values, position, searchingFrom: first) - center) / normalUpperQuartile
        }
        return RobustBaseline(center: center, sigma: sigma, count: values.count)
    }

    /// This baseline with σ pooled with a wider group's: σ² = (n σ² + k σ_wider²) / (n + k), k = `weight` lines.
    ///
    /// A spread from a dozen lines is mostly noise, and testing many small groups picks exactly those whose spread
    /// came out too small; pooling with the wider group (same partner, other SKUs) steadies it.
    func pooled(with wider: RobustBaseline?, weight: Int) -> RobustBaseline {
        guard let wider, wider.count > 0, weight > 0 else { return self }
        let n = Double(count)
        let k = Double(weight)
        var result = self
        result.sigma = ((n * sigma * sigma + k * wider.sigma * wider.sigma) / (n + k)).squareRoot()
        return result
    }

    /// Robust z-score of a log value: the distance from the median over σ (raised to `minSigma` when the group
    /// barely varies), widened by the median's own uncertainty (variance π σ² / 2n), so that small groups are not
    /// overconfident.
    func z(_ value: Double, minSigma: Double) -> Double {
        let s = max(sigma, minSigma)
        let medianVariance = count > 0 ? Double.pi / (2 * Double(count)) : 0
        return (value - center) / (s * (1 + medianVariance).squareRoot())
    }
}
