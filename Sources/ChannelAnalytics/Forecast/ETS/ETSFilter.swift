import Foundation

/// Runs the ETS recursion over a series and accumulates what the likelihood needs.
///
/// Allocation-free: the caller owns every buffer. Used once per likelihood evaluation, so it is the hot
/// loop of fitting.
enum ETSFilter {
    /// Totals of one pass over the data.
    struct Pass {
        /// Sum of squared innovations (absolute for additive error, relative for multiplicative error).
        var sumOfSquares: Double
        /// `Σ log|ŷₜ|`, only accumulated for multiplicative error.
        var sumLogForecast: Double
        /// False when some step left the admissible region (non-positive forecast, level, growth or
        /// seasonal factor in a model that needs it, or a non-finite value).
        var admissible: Bool
    }

    /// Filters `y` starting from the given state; on return `level`, `trend` and `season` hold the state
    /// after the last observation, with `season` rotated so that index 0 is again the next one used.
    ///
    /// - Parameters:
    ///   - fitted: when not nil, receives the one-step forecasts `ŷₜ` (same count as `y`).
    ///   - residuals: when not nil, receives the innovations `εₜ`.
    @inline(__always)
    static func run(
        _ dynamics: ETSDynamics,
        multiplicativeError: Bool,
        checkPositivity: Bool,
        y: UnsafeBufferPointer<Double>,
        level: inout Double,
        trend: inout Double,
        season: UnsafeMutableBufferPointer<Double>,
        fitted: UnsafeMutableBufferPointer<Double>?,
        residuals: UnsafeMutableBufferPointer<Double>?
    ) -> Pass {
        let m = season.count
        var index = 0
        var l = level
        var b = trend
        var sse = 0.0
        var sumLog = 0.0
        // Σ log|ŷ| via a running product, taking the log only when it leaves a safe range: one log call
        // every many steps instead of one per step.
        var product = 1.0
        for t in 0..<y.count {
            let s = m > 0 ? season[index] : 0
            let q = dynamics.base(level: l, trend: b)
            let yHat = dynamics.forecast(base: q, season: s)
            let observed = y[t]
            let e: Double
            if multiplicativeError {
                if !(yHat > 0) { return Pass(sumOfSquares: .infinity, sumLogForecast: 0, admissible: false) }
                e = (observed - yHat) / yHat
                product *= yHat
                if product > 1e200 || product < 1e-200 {
                    sumLog += Foundation.log(product)
                    product = 1
                }
            } else {
                e = observed - yHat
            }
            if checkPositivity && !(yHat > 0 && dynamics.isAdmissible(level: l, trend: b, season: s)) {
                return Pass(sumOfSquares: .infinity, sumLogForecast: 0, admissible: false)
            }
            sse += e * e
            fitted?[t] = yHat
            residuals?[t] = e
            let newSeason = dynamics.update(observation: observed, forecast: yHat, base: q, season: s, level: &l, trend: &b)
            if m > 0 {
                season[index] = newSeason
                index += 1
                if index == m { index = 0 }
            }
        }
        if multiplicativeError { sumLog += Foundation.log(product) }
        level = l
        trend = b
        if m > 0 && index != 0 {
            // Rotate left by `index` in place (three reversals) so the next state to be used is first.
            reverse(season, from: 0, to: index)
            reverse(season, from: index, to: m)
            reverse(season, from: 0, to: m)
        }
        let finite = sse.isFinite && l.isFinite && b.isFinite
        return Pass(sumOfSquares: sse, sumLogForecast: sumLog, admissible: finite)
    }

    @inline(__always)
    private static func reverse(_ buffer: UnsafeMutableBufferPointer<Double>, from start: Int, to end: Int) {
        var i = start
        var j = end - 1
        while i < j {
            buffer.swapAt(i, j)
            i += 1
            j -= 1
        }
    }

    /// `−2 log L` of the Gaussian innovations model with the variance concentrated out (`σ̂² = SSE/n`).
    ///
    /// Additive error: `n·log(2π σ̂²) + n`. Multiplicative error adds `2 Σ log|ŷₜ|`, the Jacobian of
    /// `y = ŷ(1 + ε)` (Hyndman et al. 2002). `varianceFloor` keeps a perfect fit finite.
    static func minusTwoLogLikelihood(_ pass: Pass, count n: Int, varianceFloor: Double) -> Double {
        guard pass.admissible else { return .infinity }
        let nn = Double(n)
        let variance = Swift.max(pass.sumOfSquares / nn, varianceFloor)
        return nn * (Foundation.log(2 * Double.pi * variance) + 1) + 2 * pass.sumLogForecast
    }
}
