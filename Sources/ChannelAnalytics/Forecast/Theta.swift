import Foundation

/// The Theta method of Assimakopoulos and Nikolopoulos in the form Hyndman and Billah showed it equals: simple
/// exponential smoothing with a drift of half the slope of the series' linear trend. A seasonal series (by the
/// autocorrelation at the season lag, as in the M3 setup) is first divided by classical multiplicative seasonal
/// indices and multiplied back after; only strictly positive series are adjusted.
public enum Theta {
    public struct Fit: Sendable {
        public let alpha: Double
        public let level: Double
        /// Half the slope of the least-squares line through the (adjusted) series.
        public let drift: Double
        public let seasonal: [Double]?
        public let count: Int
        let lastPhase: Int

        public func forecast(horizon: Int) -> [Double] {
            (0..<horizon).map { index in
                let step = index + 1
                let h = Double(step)
                let trend = drift * ((h - 1) + 1 / alpha - pow(1 - alpha, Double(count)) / alpha)
                let value = level + trend
                guard let seasonal else { return value }
                return value * seasonal[(lastPhase + step) % seasonal.count]
            }
        }
    }

    /// Nil for fewer than 3 values.
    public static func fit(_ values: [Double], seasonLength: Int) -> Fit? {
        let n = values.count
        guard n >= 3 else { return nil }
        var adjusted = values
        var seasonal: [Double]?
        if seasonLength > 1, n >= 2 * seasonLength, values.allSatisfy({ $0 > 0 }), isSeasonal(values, seasonLength) {
            let indices = multiplicativeIndices(values, seasonLength)
            seasonal = indices
            for index in 0..<n { adjusted[index] /= indices[index % seasonLength] }
        }
        let slope = leastSquaresSlope(adjusted)
        let (alpha, level) = SimpleSmoothing.fit(adjusted)
        return Fit(alpha: alpha, level: level, drift: slope / 2, seasonal: seasonal, count: n, lastPhase: (n - 1) % max(1, seasonLength))
    }

    /// The 90% test of the M3 Theta setup: |r_m| > 1.645 √((1 + 2 Σ_{k<m} r_k²) / n).
    static func isSeasonal(_ values: [Double], _ m: Int) -> Bool {
        let n = values.count
        let mean = values.reduce(0, +) / Double(n)
        let denominator = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard denominator > 0 else { return false }
        func autocorrelation(_ lag: Int) -> Double {
            var total = 0.0
            for index in lag..<n { total += (values[index] - mean) * (values[index - lag] - mean) }
            return total / denominator
        }
        var sum = 0.0
        for lag in 1..<m { sum += pow(autocorrelation(lag), 2) }
        return abs(autocorrelation(m)) > 1.645 * ((1 + 2 * sum) / Double(n)).squareRoot()
    }

    /// Classical decomposition: a centred moving average of one season, the ratios to it averaged by phase and
    /// normalised to mean 1.
    static func multiplicativeIndices(_ values: [Double], _ m: Int) -> [Double] {
        let n = values.count
        var totals = [Double](repeating: 0, count: m)
        var counts = [Double](repeating: 0, count: m)
        let half = m / 2
        for center in half..<(n - half) {
            var average: Double
            if m % 2 == 1 {
                average = values[(center - half)...(center + half)].reduce(0, +) / Double(m)
            } else {
                // A 2×m moving average: half weight on the two ends.
                average = values[(center - half + 1)..<(center + half)].reduce(0, +)
                average += (values[center - half] + values[center + half]) / 2
                average /= Double(m)
            }
            guard average > 0 else { continue }
            totals[center % m] += values[center] / average
            counts[center % m] += 1
        }
        var indices = (0..<m).map { counts[$0] > 0 ? totals[$0] / counts[$0] : 1 }
        let mean = indices.reduce(0, +) / Double(m)
        if mean > 0 { indices = indices.map { $0 / mean } }
        return indices
    }

    static func leastSquaresSlope(_ values: [Double]) -> Double {
        let n = Double(values.count)
        let meanX = (n - 1) / 2
        let meanY = values.reduce(0, +) / n
        var covariance = 0.0
        var variance = 0.0
        for (index, value) in values.enumerated() {
            let dx = Double(index) - meanX
            covariance += dx * (value - meanY)
            variance += dx * dx
        }
        return variance > 0 ? covariance / variance : 0
    }
}

/// Simple exponential smoothing fitted by least squares: for each α the best initial level has a closed form (the
/// one-step errors are linear in it), and α itself is found by golden-section search on the concentrated sum of
/// squares.
public enum SimpleSmoothing {
    /// The fitted α and the level after the last value.
    public static func fit(_ values: [Double]) -> (alpha: Double, level: Double) {
        var best = (alpha: 0.5, level: values.last ?? 0, sse: Double.infinity)
        let evaluate = { (alpha: Double) -> Double in
            let (level, sse) = concentrated(values, alpha: alpha)
            if sse < best.sse { best = (alpha, level, sse) }
            return sse
        }
        var low = 0.0001
        var high = 0.9999
        let ratio = (5.0.squareRoot() - 1) / 2
        var left = high - ratio * (high - low)
        var right = low + ratio * (high - low)
        var leftValue = evaluate(left)
        var rightValue = evaluate(right)
        for _ in 0..<40 {
            if leftValue < rightValue {
                high = right
                right = left
                rightValue = leftValue
                left = high - ratio * (high - low)
                leftValue = evaluate(left)
            } else {
                low = left
                left = right
                leftValue = rightValue
                right = low + ratio * (high - low)
                rightValue = evaluate(right)
            }
        }
        return (best.alpha, best.level)
    }

    /// For one α: the initial level minimising the sum of squared one-step errors, the final level and that sum.
    /// The fitted value at t is (1−α)^t·ℓ₀ + c_t, with c_t the recursion started from ℓ₀ = 0.
    static func concentrated(_ values: [Double], alpha: Double) -> (level: Double, sse: Double) {
        var weight = 1.0
        var partial = 0.0
        var sww = 0.0
        var swr = 0.0
        for value in values {
            let residual = value - partial
            sww += weight * weight
            swr += weight * residual
            partial += alpha * residual
            weight *= 1 - alpha
        }
        let initial = sww > 0 ? swr / sww : 0
        var level = initial
        var sse = 0.0
        for value in values {
            let error = value - level
            sse += error * error
            level += alpha * error
        }
        return (level, sse)
    }
}
