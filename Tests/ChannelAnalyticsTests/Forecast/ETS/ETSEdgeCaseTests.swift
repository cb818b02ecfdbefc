import Testing

@testable import ChannelAnalytics

@Suite struct ETSEdgeCaseTests {
    @Test func constantSeries() throws {
        let y = [Double](repeating: 42, count: 30)
        let fit = try ETSModel.select(y, seasonLength: 7)
        #expect(fit.spec == ETSSpec())
        #expect(fit.forecast(horizon: 3) == [42, 42, 42])
        let (lower, upper) = fit.interval(horizon: 2, level: 0.8)
        #expect(lower == [42, 42] && upper == [42, 42])
        // Fitting a spec directly also works and reproduces the constant.
        let direct = try ETSModel.estimate(y, seasonLength: 1, spec: ETSSpec(trend: .additive))
        for value in direct.forecast(horizon: 3) { #expect(abs(value - 42) < 1e-6) }
    }

    @Test func zerosRuleOutMultiplicativeSpecs() throws {
        var generator = SplitMix64(seed: 5)
        let y = (0..<60).map { t in t % 5 == 0 ? 0 : 10 + generator.nextGaussian() }
        #expect(ETSSpec.all(seasonal: true, positive: false).allSatisfy { !$0.needsPositiveData })
        let fit = try ETSModel.select(y, seasonLength: 7)
        #expect(fit.spec.error == .additive && fit.spec.season != .multiplicative)
        #expect(throws: ETSError.nonPositiveData(ETSSpec(error: .multiplicative))) {
            try ETSModel.estimate(y, seasonLength: 1, spec: ETSSpec(error: .multiplicative))
        }
        #expect(ETSModel.fit(y, seasonLength: 7, spec: ETSSpec(error: .multiplicative, season: .multiplicative)) == nil)
    }

    @Test func tooShortSeries() throws {
        #expect(throws: ETSError.seriesTooShort(ETSSpec(), count: 3, required: 6)) {
            try ETSModel.estimate([1, 2, 3], seasonLength: 1, spec: ETSSpec())
        }
        #expect(throws: ETSError.seriesTooShort(ETSSpec(), count: 3, required: 6)) {
            try ETSModel.select([1, 2, 3], seasonLength: 1)
        }
        #expect(ETSModel.auto([1, 2, 3], seasonLength: 1) == nil)
        #expect(throws: ETSError.emptySeries) { try ETSModel.select([], seasonLength: 1) }
        // Seasonal specs need two full seasons plus three points; auto falls back to non-seasonal specs.
        let twelve = (0..<12).map { Double($0 % 7) + 10 }
        #expect(throws: ETSError.seriesTooShort(ETSSpec(season: .additive), count: 12, required: 17)) {
            try ETSModel.estimate(twelve, seasonLength: 7, spec: ETSSpec(season: .additive))
        }
        let fallback = try ETSModel.select(twelve, seasonLength: 7)
        #expect(!fallback.spec.hasSeason)
        // The error says what to do.
        #expect(ETSError.seriesTooShort(ETSSpec(), count: 3, required: 6).description.contains("at least 6"))
    }

    @Test func seasonLengthOne() throws {
        var generator = SplitMix64(seed: 8)
        let y = (0..<80).map { _ in 20 + generator.nextGaussian() }
        let fit = try ETSModel.select(y, seasonLength: 1)
        #expect(!fit.spec.hasSeason)
        #expect(throws: ETSError.seasonalSpecWithoutSeason(ETSSpec(season: .additive))) {
            try ETSModel.estimate(y, seasonLength: 1, spec: ETSSpec(season: .additive))
        }
        #expect(throws: ETSError.invalidSeasonLength(0)) { try ETSModel.select(y, seasonLength: 0) }
        #expect(throws: ETSError.nonFiniteObservation(index: 2)) {
            try ETSModel.select([1, 2, .nan, 4, 5, 6, 7], seasonLength: 1)
        }
    }
}
