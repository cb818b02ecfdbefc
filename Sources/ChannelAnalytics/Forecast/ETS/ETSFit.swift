import Foundation

/// A fitted ETS model: estimates, information criteria, one-step fitted values and the final state.
///
/// Forecasts run the model's recursion forward from ``finalState`` with the future errors set to zero; see
/// ``forecast(horizon:)`` and ``interval(horizon:level:)`` in `ETSFit+Forecast.swift`.
public struct ETSFit: Sendable {
    public let spec: ETSSpec
    public let seasonLength: Int
    /// Level smoothing, `0 < α < 1`.
    public let alpha: Double
    /// Trend smoothing in error-correction form (`β ≤ α`); nil without a trend.
    public let beta: Double?
    /// Seasonal smoothing in error-correction form (`γ ≤ 1 − α`); nil without a season.
    public let gamma: Double?
    /// Damping, `0.8 ≤ φ ≤ 0.98` when estimated; nil for undamped models.
    public let phi: Double?
    /// Maximised Gaussian log-likelihood, including constants (see ``ETSModel``).
    public let logLikelihood: Double
    public let aic: Double
    /// AIC with the small-sample correction `2k(k + 1)/(n − k − 1)`; `.infinity` when `n ≤ k + 1`.
    public let aicc: Double
    public let bic: Double
    /// Residual variance `Σε²/(n − p)` with `p` the estimated parameters and initial states; the errors are
    /// relative (`(y − ŷ)/ŷ`) for multiplicative-error models. Used for prediction intervals.
    public let sigma2: Double
    /// One-step-ahead forecasts `ŷₜ`, aligned with the input series.
    public let fitted: [Double]
    /// Innovations `εₜ`: `yₜ − ŷₜ`, or `(yₜ − ŷₜ)/ŷₜ` for multiplicative error.
    public let residuals: [Double]
    /// The state before the first observation (estimated or given).
    public let initialState: ETSState
    /// The state after the last observation, the origin of forecasts.
    public let finalState: ETSState
    /// `k` in the information criteria: smoothing parameters + free initial states + 1 for the variance.
    public let parameterCount: Int

    /// The smoothing parameters as one value (unused ones are 0, or 1 for `φ`).
    public var parameters: ETSParameters {
        ETSParameters(alpha: alpha, beta: beta ?? 0, gamma: gamma ?? 0, phi: phi ?? 1)
    }

    /// Number of observations the model was fitted to.
    public var observationCount: Int { fitted.count }

    init(
        spec: ETSSpec,
        seasonLength: Int,
        parameters: ETSParameters,
        minusTwoLogLikelihood: Double,
        sumOfSquares: Double,
        fitted: [Double],
        residuals: [Double],
        initialState: ETSState,
        finalState: ETSState
    ) {
        self.spec = spec
        self.seasonLength = seasonLength
        alpha = parameters.alpha
        beta = spec.hasTrend ? parameters.beta : nil
        gamma = spec.hasSeason ? parameters.gamma : nil
        phi = spec.isDamped ? parameters.phi : nil
        self.fitted = fitted
        self.residuals = residuals
        self.initialState = initialState
        self.finalState = finalState
        let k = Self.parameterCount(spec: spec, seasonLength: seasonLength)
        parameterCount = k
        let n = Double(fitted.count)
        let kk = Double(k)
        logLikelihood = -0.5 * minusTwoLogLikelihood
        aic = minusTwoLogLikelihood + 2 * kk
        aicc = n - kk - 1 > 0 ? aic + 2 * kk * (kk + 1) / (n - kk - 1) : .infinity
        bic = minusTwoLogLikelihood + Foundation.log(n) * kk
        let dof = n - kk + 1
        sigma2 = dof > 0 ? sumOfSquares / dof : sumOfSquares / Swift.max(n, 1)
    }

    /// `k` for a spec: α (+β, +γ, +φ), ℓ₀ (+b₀, + m − 1 seasonal states), + 1 for the innovation variance.
    static func parameterCount(spec: ETSSpec, seasonLength m: Int) -> Int {
        var k = 2
        if spec.hasTrend { k += 2 }
        if spec.isDamped { k += 1 }
        if spec.hasSeason { k += 1 + (m - 1) }
        return k + 1
    }
}
