import Foundation
import Testing

@testable import ChannelAnalytics

/// Small numbers worked out by hand.
@Suite struct ETSHandCheckedTests {
    /// SES with α = 0.5 and ℓ₀ = 10 on [10, 12, 11, 13, 12]:
    /// ŷ₁ = 10, ℓ₁ = 10; ŷ₂ = 10, ℓ₂ = 11; ŷ₃ = 11, ℓ₃ = 11; ŷ₄ = 11, ℓ₄ = 12; ŷ₅ = 12, ℓ₅ = 12.
    @Test func simpleExponentialSmoothingFittedValues() throws {
        let fit = try ETSModel.evaluate(
            [10, 12, 11, 13, 12], seasonLength: 1, spec: ETSSpec(), parameters: ETSParameters(alpha: 0.5),
            initialState: ETSState(level: 10))
        #expect(fit.fitted == [10, 10, 11, 11, 12])
        #expect(fit.residuals == [0, 2, 0, 2, 0])
        #expect(fit.finalState.level == 12)
        #expect(fit.forecast(horizon: 3) == [12, 12, 12])
        // SSE = 8, n = 5: −2 log L = 5·log(2π·8/5) + 5; k = 3 (α, ℓ₀, σ).
        let minusTwoLogL = 5 * log(2 * Double.pi * 8 / 5) + 5
        #expect(abs(fit.logLikelihood - (-0.5 * minusTwoLogL)) < 1e-12)
        #expect(fit.parameterCount == 3)
        #expect(abs(fit.aic - (minusTwoLogL + 6)) < 1e-12)
        #expect(abs(fit.aicc - (fit.aic + 2 * 3 * 4 / Double(5 - 3 - 1))) < 1e-12)
        #expect(abs(fit.bic - (minusTwoLogL + 3 * log(5))) < 1e-12)
    }

    /// Holt's linear method, one step: ℓ₀ = 10, b₀ = 1, α = 0.5, β = 0.2, y₁ = 13.
    /// ŷ₁ = 11, ε = 2, ℓ₁ = 11 + 0.5·2 = 12, b₁ = 1 + 0.2·2 = 1.4; next forecast 13.4.
    @Test func holtOneStep() throws {
        let fit = try ETSModel.evaluate(
            [13], seasonLength: 1, spec: ETSSpec(trend: .additive), parameters: ETSParameters(alpha: 0.5, beta: 0.2),
            initialState: ETSState(level: 10, trend: 1))
        #expect(fit.fitted == [11])
        #expect(abs(fit.finalState.level - 12) < 1e-12)
        #expect(abs(fit.finalState.trend - 1.4) < 1e-12)
        #expect(abs((fit.forecast(horizon: 1).first ?? 0) - 13.4) < 1e-12)
    }

    /// Damped trend: the h-step forecast is ℓ + (φ + … + φʰ)·b from the final state.
    @Test func dampedTrendForecastFormula() throws {
        let y = [100.0, 102, 105, 104, 108, 110, 111, 115]
        let fit = try ETSModel.evaluate(
            y, seasonLength: 1, spec: ETSSpec(trend: .damped),
            parameters: ETSParameters(alpha: 0.6, beta: 0.1, phi: 0.9), initialState: ETSState(level: 99, trend: 2))
        let level = fit.finalState.level
        let trend = fit.finalState.trend
        let forecasts = fit.forecast(horizon: 12)
        var weight = 0.0
        for h in 1...12 {
            weight += pow(0.9, Double(h))
            #expect(abs(forecasts[h - 1] - (level + weight * trend)) < 1e-9)
        }
    }

    /// Seasonal forecasts reuse the last season's states in order: ETS(A,N,A) with γ = 0 and α = 0 keeps
    /// level and season fixed, so forecasts repeat ℓ + s.
    @Test func additiveSeasonalForecastsCycle() throws {
        let season = [-1.0, 0, 1]
        let y = [9.0, 10, 11, 9, 10, 11]
        let fit = try ETSModel.evaluate(
            y, seasonLength: 3, spec: ETSSpec(season: .additive), parameters: ETSParameters(alpha: 0, gamma: 0),
            initialState: ETSState(level: 10, season: season))
        #expect(fit.fitted == y)
        #expect(fit.forecast(horizon: 5) == [9, 10, 11, 9, 10])
    }

    /// ETS(M,N,N): relative errors, and the likelihood adds 2 Σ log ŷ.
    @Test func multiplicativeErrorLikelihood() throws {
        let y = [10.0, 11, 9.9]
        let fit = try ETSModel.evaluate(
            y, seasonLength: 1, spec: ETSSpec(error: .multiplicative), parameters: ETSParameters(alpha: 0.5),
            initialState: ETSState(level: 10))
        // ŷ = 10, 10, 10.5; ε = 0, 0.1, −0.0571428…
        #expect(fit.fitted == [10, 10, 10.5])
        let e3 = (9.9 - 10.5) / 10.5
        let sse = 0.01 + e3 * e3
        let expected = 3 * log(2 * Double.pi * sse / 3) + 3 + 2 * (log(10) + log(10) + log(10.5))
        #expect(abs(-2 * fit.logLikelihood - expected) < 1e-9)
    }

    @Test func normalQuantiles() {
        #expect(abs(StandardNormal.quantile(0.9) - 1.2815515655446004) < 1e-9)
        #expect(abs(StandardNormal.quantile(0.975) - 1.959963984540054) < 1e-9)
        #expect(abs(StandardNormal.quantile(0.5)) < 1e-12)
        #expect(abs(StandardNormal.quantile(0.001) + 3.090232306167813) < 1e-8)
    }
}
