import Foundation

/// The one-step recursion shared by fitting, forecasting and simulation.
///
/// Written in the "smoothing" form, which for a given observation `y` does not depend on the error type
/// (the error type only changes the likelihood and how simulated observations are drawn). With `q` the
/// level-and-trend part of the forecast (`ℓ`, `ℓ + φb` or `ℓ·b^φ`) and `s` the seasonal state of the same
/// season one cycle ago:
///
/// - forecast: `ŷ = q`, `q + s` or `q·s`;
/// - level: `ℓ' = q + α(p − q)` with `p` the deseasonalised observation (`y`, `y − s` or `y / s`);
/// - trend: `b' = φb + (β/α)(ℓ' − q)` (additive), `b' = b^φ + (β/α)(ℓ' − q)/ℓ` (multiplicative);
/// - season: `s' = s + γ(y − q − s)` (additive), `s' = s + γ(y/q − s)` (multiplicative).
///
/// Substituting `ε = y − ŷ` (or `(y − ŷ)/ŷ`) gives the error-correction equations of Hyndman &
/// Athanasopoulos, *Forecasting: Principles and Practice*, ch. 8 (Table 8.7 in the 3rd edition).
struct ETSDynamics: Sendable {
    enum Form: Sendable {
        case none, additive, multiplicative
    }

    let trendForm: Form
    let damped: Bool
    let seasonForm: Form
    let alpha: Double
    /// Trend smoothing in error-correction form, `β = α·(β/α)`.
    let beta: Double
    let gamma: Double
    /// 1 for undamped trends.
    let phi: Double

    init(spec: ETSSpec, alpha: Double, betaOverAlpha: Double, gamma: Double, phi: Double) {
        switch spec.trend {
        case .none: trendForm = .none
        case .additive, .damped: trendForm = .additive
        case .multiplicative, .multiplicativeDamped: trendForm = .multiplicative
        }
        damped = spec.isDamped
        switch spec.season {
        case .none: seasonForm = .none
        case .additive: seasonForm = .additive
        case .multiplicative: seasonForm = .multiplicative
        }
        self.alpha = alpha
        self.beta = spec.hasTrend ? alpha * betaOverAlpha : 0
        self.gamma = spec.hasSeason ? gamma : 0
        self.phi = damped ? phi : 1
    }

    init(spec: ETSSpec, parameters: ETSParameters) {
        let ratio = parameters.alpha > 0 ? parameters.beta / parameters.alpha : 0
        self.init(spec: spec, alpha: parameters.alpha, betaOverAlpha: ratio, gamma: parameters.gamma, phi: parameters.phi)
    }

    /// Level-and-trend part of the one-step forecast.
    @inline(__always)
    func base(level: Double, trend: Double) -> Double {
        switch trendForm {
        case .none: return level
        case .additive: return level + phi * trend
        case .multiplicative: return damped ? level * Foundation.pow(trend, phi) : level * trend
        }
    }

    /// One-step forecast from the base and the seasonal state.
    @inline(__always)
    func forecast(base q: Double, season s: Double) -> Double {
        switch seasonForm {
        case .none: return q
        case .additive: return q + s
        case .multiplicative: return q * s
        }
    }

    /// Updates level and trend with observation `y` and returns the new seasonal state.
    ///
    /// Written in terms of the additive innovation `a = y − ŷ`, which keeps the chain of dependent
    /// floating-point operations per step short (the filter is latency-bound): with `p` the deseasonalised
    /// observation, `p − q` is `a` for no or additive season and `a/s` for a multiplicative one, so
    /// `ℓ' = q + α(p − q)`, `b' = φb + β(p − q)` (or `b^φ + β(p − q)/ℓ`), and the seasonal corrections
    /// `γ(y − q − s)` and `γ(y/q − s)` become `γa` and `γa/q`.
    @inline(__always)
    func update(
        observation y: Double,
        forecast yHat: Double,
        base q: Double,
        season s: Double,
        level: inout Double,
        trend: inout Double
    ) -> Double {
        let a = y - yHat
        let correction = seasonForm == .multiplicative ? a / s : a
        switch trendForm {
        case .none:
            break
        case .additive:
            trend = phi * trend + beta * correction
        case .multiplicative:
            let grown = damped ? Foundation.pow(trend, phi) : trend
            trend = grown + beta * correction / level
        }
        level = q + alpha * correction
        switch seasonForm {
        case .none: return s
        case .additive: return s + gamma * a
        case .multiplicative: return s + gamma * a / q
        }
    }

    /// True when the state can produce a valid forecast for a model with multiplicative parts.
    @inline(__always)
    func isAdmissible(level: Double, trend: Double, season s: Double) -> Bool {
        if trendForm == .multiplicative && (level <= 0 || trend <= 0) { return false }
        if seasonForm == .multiplicative && (level <= 0 || s <= 0) { return false }
        return true
    }
}
