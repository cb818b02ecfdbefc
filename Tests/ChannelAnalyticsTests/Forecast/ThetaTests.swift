import Testing

@testable import ChannelAnalytics

@Suite struct ThetaTests {
    @Test func simpleSmoothingRecoversAlphaOfALocalLevelSeries() {
        // y_t = ℓ_{t−1} + e_t, ℓ_t = ℓ_{t−1} + α e_t with α = 0.3.
        var random = SplitMix64(seed: 11)
        var level = 100.0
        var values: [Double] = []
        for _ in 0..<2_000 {
            let error = random.nextGaussian()
            values.append(level + error)
            level += 0.3 * error
        }
        let (alpha, final) = SimpleSmoothing.fit(values)
        #expect(abs(alpha - 0.3) < 0.05)
        #expect(abs(final - level) < 1)
    }

    @Test func concentratedInitialLevelIsTheLeastSquaresOne() {
        // With α = 0.5 on [4, 6, 5]: fitted values ℓ₀, (4 + ℓ₀)/2, (6 + (4 + ℓ₀)/2)/2; by hand the best ℓ₀ is 100/21.
        let (_, sse) = SimpleSmoothing.concentrated([4, 6, 5], alpha: 0.5)
        func sseAt(_ l0: Double) -> Double {
            let l1 = l0 + 0.5 * (4 - l0)
            let l2 = l1 + 0.5 * (6 - l1)
            return (4 - l0) * (4 - l0) + (6 - l1) * (6 - l1) + (5 - l2) * (5 - l2)
        }
        #expect(abs(sse - sseAt(100.0 / 21)) < 1e-9)
        #expect(sseAt(4.7) > sse && sseAt(4.85) > sse)
    }

    @Test func thetaFollowsHalfTheTrend() throws {
        // A clean line of slope 2: SES tracks the last value (α near 1) and Theta adds half the slope per period.
        let values = (0..<50).map { 10 + 2 * Double($0) }
        let fit = try #require(Theta.fit(values, seasonLength: 1))
        #expect(abs(fit.drift - 1) < 1e-9)
        let forecast = fit.forecast(horizon: 3)
        #expect(abs(forecast[1] - forecast[0] - 1) < 1e-6)
        #expect(forecast[0] > values[49])
    }

    @Test func seasonalSeriesIsAdjusted() throws {
        let pattern: [Double] = [1.5, 1, 0.5, 1]
        let values = (0..<48).map { 100 * pattern[$0 % 4] }
        let fit = try #require(Theta.fit(values, seasonLength: 4))
        let indices = try #require(fit.seasonal)
        for phase in 0..<4 { #expect(abs(indices[phase] - pattern[phase]) < 1e-6) }
        let forecast = fit.forecast(horizon: 4)  // periods 48...51: phases 0...3
        for phase in 0..<4 { #expect(abs(forecast[phase] - 100 * pattern[phase]) < 1) }
    }

    @Test func seasonalNaiveRepeatsTheLastSeason() {
        #expect(SeasonalNaive.forecast([1, 2, 3, 4, 5, 6, 7], seasonLength: 3, horizon: 5) == [5, 6, 7, 5, 6])
        #expect(SeasonalNaive.forecast([1, 2], seasonLength: 3, horizon: 2) == [2, 2])
    }
}
