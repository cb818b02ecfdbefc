import Foundation

extension ETSFit {
    /// Default seed of the simulated prediction intervals, so repeated calls agree.
    public static let defaultIntervalSeed: UInt64 = 0x5EED_E75F_0000_0001

    /// Point forecasts for steps 1 … `horizon` after the last observation.
    ///
    /// The recursion run forward with all future errors set to zero: for example
    /// `ℓ + (φ + … + φʰ)·b` (+ the matching seasonal state) for a damped trend. For linear models and
    /// multiplicative-error models with additive components this is the forecast mean; with multiplicative
    /// trend or season it is the usual point forecast, which is not exactly the mean beyond one season.
    /// Empty when `horizon ≤ 0`.
    public func forecast(horizon: Int) -> [Double] {
        guard horizon > 0 else { return [] }
        let dynamics = ETSDynamics(spec: spec, parameters: parameters)
        var level = finalState.level
        var trend = finalState.trend
        let season = finalState.season
        let m = season.count
        var result = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            let s = m > 0 ? season[h % m] : 0
            let q = dynamics.base(level: level, trend: trend)
            let yHat = dynamics.forecast(base: q, season: s)
            result[h] = yHat
            // With y = ŷ the seasonal state stays put, so `season` needs no update.
            _ = dynamics.update(observation: yHat, forecast: yHat, base: q, season: s, level: &level, trend: &trend)
        }
        return result
    }

    /// Central prediction intervals with coverage `level` for steps 1 … `horizon`.
    ///
    /// Linear models (additive error, no/additive/damped trend, no/additive season) use the closed-form
    /// variance `σ²(1 + Σⱼ₌₁^{h−1} cⱼ²)` with `cⱼ = α + β·(φ + … + φʲ) + γ·[j ≡ 0 mod m]` (Hyndman et al.
    /// 2008, ch. 6, class 1; FPP ch. 8.7), around the point forecast. Every other model uses empirical
    /// quantiles of 500 simulated paths with a fixed seed (see ``interval(horizon:level:paths:seed:)``).
    ///
    /// `level` is a probability in (0, 1); values in [1, 100) are read as percentages (80 → 0.8). Anything
    /// else gives empty arrays. Bounds are not clipped at zero.
    public func interval(horizon: Int, level: Double) -> (lower: [Double], upper: [Double]) {
        interval(horizon: horizon, level: level, paths: 500, seed: Self.defaultIntervalSeed)
    }

    /// Prediction intervals as in ``interval(horizon:level:)``, with control over the simulation used for
    /// non-linear models (`paths` sample paths from generator seed `seed`; ignored for linear models).
    public func interval(horizon: Int, level: Double, paths: Int, seed: UInt64) -> (lower: [Double], upper: [Double]) {
        let coverage = level >= 1 && level < 100 ? level / 100 : level
        guard horizon > 0, coverage > 0, coverage < 1 else { return ([], []) }
        if spec.isLinear {
            return analyticInterval(horizon: horizon, coverage: coverage)
        }
        return simulatedInterval(horizon: horizon, coverage: coverage, paths: Swift.max(paths, 2), seed: seed)
    }

    private func analyticInterval(horizon: Int, coverage: Double) -> (lower: [Double], upper: [Double]) {
        let mean = forecast(horizon: horizon)
        let z = StandardNormal.quantile(0.5 + coverage / 2)
        let a = alpha
        let b = beta ?? 0
        let g = gamma ?? 0
        let damping = spec.trend == .damped ? (phi ?? 1) : 1
        var lower = [Double](repeating: 0, count: horizon)
        var upper = [Double](repeating: 0, count: horizon)
        var sumOfSquares = 0.0
        var trendWeight = 0.0  // φ + φ² + … + φʲ
        var power = 1.0
        for h in 1...horizon {
            if h > 1 {
                let j = h - 1
                power *= damping
                trendWeight += power
                let seasonal = spec.hasSeason && seasonLength > 0 && j % seasonLength == 0 ? g : 0
                let c = a + (spec.hasTrend ? b * trendWeight : 0) + seasonal
                sumOfSquares += c * c
            }
            let halfWidth = z * (sigma2 * (1 + sumOfSquares)).squareRoot()
            lower[h - 1] = mean[h - 1] - halfWidth
            upper[h - 1] = mean[h - 1] + halfWidth
        }
        return (lower, upper)
    }

    private func simulatedInterval(horizon: Int, coverage: Double, paths: Int, seed: UInt64) -> (
        lower: [Double], upper: [Double]
    ) {
        let simulator = ETSSimulator(spec: spec, parameters: parameters, sigma: sigma2.squareRoot())
        var generator = SplitMix64(seed: seed)
        // Column-wise storage: draws[h] holds the simulated values of step h + 1.
        var draws = [[Double]](repeating: [], count: horizon)
        for h in 0..<horizon { draws[h].reserveCapacity(paths) }
        for _ in 0..<paths {
            let path = simulator.simulate(from: finalState, count: horizon, using: &generator)
            for h in 0..<horizon where path[h].isFinite { draws[h].append(path[h]) }
        }
        let tail = (1 - coverage) / 2
        var lower = [Double](repeating: .nan, count: horizon)
        var upper = [Double](repeating: .nan, count: horizon)
        for h in 0..<horizon where !draws[h].isEmpty {
            draws[h].sort()
            lower[h] = Self.quantile(ofSorted: draws[h], tail)
            upper[h] = Self.quantile(ofSorted: draws[h], 1 - tail)
        }
        return (lower, upper)
    }

    /// Linear interpolation between order statistics (R's default, "type 7").
    static func quantile(ofSorted values: [Double], _ p: Double) -> Double {
        guard let first = values.first, let last = values.last else { return .nan }
        guard values.count > 1 else { return first }
        let position = p * Double(values.count - 1)
        let below = Int(position.rounded(.down))
        guard below < values.count - 1 else { return last }
        let fraction = position - Double(below)
        return values[below] + fraction * (values[below + 1] - values[below])
    }
}
