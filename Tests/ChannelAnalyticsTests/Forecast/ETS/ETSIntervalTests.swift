import Testing

@testable import ChannelAnalytics

@Suite struct ETSIntervalTests {
    /// 80 % intervals of a fitted ETS(A,N,N) should contain about 80 % of future values.
    @Test func simpleExponentialSmoothingCoverage() throws {
        var generator = SplitMix64(seed: 2024)
        let spec = ETSSpec()
        let simulator = ETSSimulator(spec: spec, parameters: ETSParameters(alpha: 0.3), sigma: 1)
        let replications = 200
        let horizon = 5
        var hits = [Int](repeating: 0, count: horizon)
        for _ in 0..<replications {
            let path = simulator.simulate(from: ETSState(level: 50), count: 150 + horizon, using: &generator)
            let fit = try ETSModel.estimate(Array(path.prefix(150)), seasonLength: 1, spec: spec)
            let (lower, upper) = fit.interval(horizon: horizon, level: 0.8)
            for h in 0..<horizon where lower[h] <= path[150 + h] && path[150 + h] <= upper[h] { hits[h] += 1 }
        }
        let rates = hits.map { Double($0) / Double(replications) }
        let overall = rates.reduce(0, +) / Double(horizon)
        #expect(overall > 0.70 && overall < 0.90, "coverage \(rates)")
        #expect(rates[0] > 0.70 && rates[0] < 0.90, "one-step coverage \(rates[0])")
    }

    /// Simulated intervals (non-linear model): coverage on ETS(M,N,N) data, and reproducible for a seed.
    @Test func multiplicativeCoverageAndDeterminism() throws {
        var generator = SplitMix64(seed: 99)
        let spec = ETSSpec(error: .multiplicative)
        let simulator = ETSSimulator(spec: spec, parameters: ETSParameters(alpha: 0.3), sigma: 0.05)
        let replications = 150
        var hits = 0
        var total = 0
        for _ in 0..<replications {
            let path = simulator.simulate(from: ETSState(level: 100), count: 153, using: &generator)
            let fit = try ETSModel.estimate(Array(path.prefix(150)), seasonLength: 1, spec: spec)
            let (lower, upper) = fit.interval(horizon: 3, level: 80, paths: 300, seed: 7)
            for h in 0..<3 {
                total += 1
                if lower[h] <= path[150 + h] && path[150 + h] <= upper[h] { hits += 1 }
            }
        }
        let rate = Double(hits) / Double(total)
        #expect(rate > 0.70 && rate < 0.90, "coverage \(rate)")

        let y = simulator.simulate(from: ETSState(level: 100), count: 100, using: &generator)
        let fit = try ETSModel.estimate(y, seasonLength: 1, spec: spec)
        let first = fit.interval(horizon: 4, level: 0.9)
        let second = fit.interval(horizon: 4, level: 0.9)
        #expect(first.lower == second.lower && first.upper == second.upper)
        let point = fit.forecast(horizon: 4)
        for h in 0..<4 { #expect(first.lower[h] < point[h] && point[h] < first.upper[h]) }
    }

    /// Linear-model intervals widen with the horizon as σ²(1 + Σ cⱼ²) says: for SES, cⱼ = α.
    @Test func analyticVarianceForSES() throws {
        let fit = try ETSModel.evaluate(
            [10, 12, 11, 13, 12, 11, 12, 13], seasonLength: 1, spec: ETSSpec(), parameters: ETSParameters(alpha: 0.4),
            initialState: ETSState(level: 11))
        let (lower, upper) = fit.interval(horizon: 3, level: 0.95)
        let z = StandardNormal.quantile(0.975)
        for h in 1...3 {
            let variance = fit.sigma2 * (1 + Double(h - 1) * 0.16)
            #expect(abs((upper[h - 1] - lower[h - 1]) / 2 - z * variance.squareRoot()) < 1e-9)
        }
        #expect(fit.interval(horizon: 3, level: 100).lower.isEmpty)
        #expect(fit.interval(horizon: 0, level: 0.8).lower.isEmpty)
        // Percentages are accepted.
        #expect(fit.interval(horizon: 3, level: 95).upper == upper)
    }
}
