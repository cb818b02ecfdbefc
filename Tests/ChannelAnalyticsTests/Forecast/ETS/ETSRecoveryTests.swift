import Testing

@testable import ChannelAnalytics

/// Simulate long series from known parameters, then check estimation recovers them and selection finds
/// the spec.
@Suite struct ETSRecoveryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var spec: ETSSpec
        var parameters: ETSParameters
        var state: ETSState
        var sigma: Double
        var seasonLength: Int = 1
        var count: Int = 800
        var seed: UInt64
        /// Hard cases: `auto` may pick a near-equivalent spec; the true spec must then be within
        /// `aiccMargin` of the winner.
        var aiccMargin: Double = 0
        var testDescription: String { "\(spec)" }
    }

    static let weekly = [-12.0, -6, 0, 3, 5, 14, -4]
    static let weeklyFactors = [0.85, 0.92, 1.0, 1.03, 1.05, 1.2, 0.95]

    static let cases: [Case] = [
        // A random-walk level shows local drifts, so ETS(A,Ad,N) can edge out ETS(A,N,N) (by 0.14 here).
        Case(
            spec: ETSSpec(error: .additive, trend: .none, season: .none),
            parameters: ETSParameters(alpha: 0.3), state: ETSState(level: 100), sigma: 2, seed: 11, aiccMargin: 4),
        Case(
            spec: ETSSpec(error: .additive, trend: .additive, season: .none),
            parameters: ETSParameters(alpha: 0.3, beta: 0.05), state: ETSState(level: 100, trend: 0.5), sigma: 2,
            seed: 12),
        Case(
            spec: ETSSpec(error: .additive, trend: .damped, season: .none),
            parameters: ETSParameters(alpha: 0.3, beta: 0.1, phi: 0.9), state: ETSState(level: 100, trend: 1),
            sigma: 2, seed: 13),
        Case(
            spec: ETSSpec(error: .additive, trend: .none, season: .additive),
            parameters: ETSParameters(alpha: 0.2, gamma: 0.1), state: ETSState(level: 100, season: weekly), sigma: 2,
            seasonLength: 7, seed: 14),
        Case(
            spec: ETSSpec(error: .additive, trend: .additive, season: .additive),
            parameters: ETSParameters(alpha: 0.2, beta: 0.02, gamma: 0.1),
            state: ETSState(level: 100, trend: 0.3, season: weekly), sigma: 2, seasonLength: 7, seed: 15),
        Case(
            spec: ETSSpec(error: .multiplicative, trend: .none, season: .none),
            parameters: ETSParameters(alpha: 0.3), state: ETSState(level: 100), sigma: 0.05, seed: 16),
        // The trend of ETS(M,A,M) is a random walk scaled by the level, so many seeds drive the series
        // below zero; seed 18 stays positive (the test requires it).
        Case(
            spec: ETSSpec(error: .multiplicative, trend: .additive, season: .multiplicative),
            parameters: ETSParameters(alpha: 0.2, beta: 0.01, gamma: 0.1),
            state: ETSState(level: 100, trend: 0.3, season: weeklyFactors), sigma: 0.03, seasonLength: 7, seed: 18),
        Case(
            spec: ETSSpec(error: .multiplicative, trend: .none, season: .multiplicative),
            parameters: ETSParameters(alpha: 0.2, gamma: 0.1), state: ETSState(level: 100, season: weeklyFactors),
            sigma: 0.05, seasonLength: 7, seed: 18),
    ]

    static func simulate(_ c: Case) -> [Double] {
        var generator = SplitMix64(seed: c.seed)
        return ETSSimulator(spec: c.spec, parameters: c.parameters, sigma: c.sigma)
            .simulate(from: c.state, count: c.count, using: &generator)
    }

    @Test(arguments: cases)
    func recoversParameters(_ c: Case) throws {
        let y = Self.simulate(c)
        try #require(y.allSatisfy { $0.isFinite && (!c.spec.needsPositiveData || $0 > 0) })
        let fit = try ETSModel.estimate(y, seasonLength: c.seasonLength, spec: c.spec)
        #expect(abs(fit.alpha - c.parameters.alpha) < 0.08, "alpha \(fit.alpha)")
        if c.spec.hasTrend {
            let beta = try #require(fit.beta)
            #expect(abs(beta - c.parameters.beta) < 0.05, "beta \(beta)")
        }
        if c.spec.hasSeason {
            let gamma = try #require(fit.gamma)
            #expect(abs(gamma - c.parameters.gamma) < 0.08, "gamma \(gamma)")
        }
        if c.spec.isDamped {
            let phi = try #require(fit.phi)
            #expect(abs(phi - c.parameters.phi) < 0.1, "phi \(phi)")
        }
        // The residual standard deviation estimates the innovation scale.
        #expect(abs(fit.sigma2.squareRoot() / c.sigma - 1) < 0.15, "sigma \(fit.sigma2.squareRoot())")
    }

    @Test(arguments: cases)
    func autoFindsTheSpec(_ c: Case) throws {
        let y = Self.simulate(c)
        let chosen = try ETSModel.select(y, seasonLength: c.seasonLength)
        if c.aiccMargin == 0 {
            #expect(chosen.spec == c.spec, "picked \(chosen.spec)")
        } else if chosen.spec != c.spec {
            let truth = try ETSModel.estimate(y, seasonLength: c.seasonLength, spec: c.spec)
            #expect(truth.aicc - chosen.aicc < c.aiccMargin, "picked \(chosen.spec), true spec \(truth.aicc - chosen.aicc) behind")
        }
    }
}
