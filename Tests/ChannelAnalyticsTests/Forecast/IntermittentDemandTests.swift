import Testing

@testable import ChannelAnalytics

@Suite struct IntermittentDemandTests {
    // Demands of 3, 5 and 4 in periods 1, 4 and 6, α = 0.5. By hand: sizes 3 → 4 → 4, intervals 2 → 2.5 → 2.25.
    let series: [Double] = [0, 3, 0, 0, 5, 0, 4]

    @Test func crostonMatchesHandComputation() {
        #expect(abs(IntermittentDemand.croston(series, alpha: 0.5) - 4 / 2.25) < 1e-12)
    }

    @Test func sbaCorrectsCrostonByOneMinusHalfAlpha() {
        #expect(abs(IntermittentDemand.sba(series, alpha: 0.5) - 4 / 2.25 * 0.75) < 1e-12)
    }

    @Test func tsbMatchesHandComputation() {
        // Probability from 3/7, halved towards 0 or 1 each period: 3/14, 0.607143, 0.303571, 0.151786, 0.575893,
        // 0.287946, 0.643973; size 3 → 4 → 4.
        let forecast = IntermittentDemand.tsb(series, alphaSize: 0.5, alphaProbability: 0.5)
        #expect(abs(forecast - 4 * 0.643_973_214_285_714_3) < 1e-9)
    }

    @Test func noDemandForecastsZero() {
        let zeros = [Double](repeating: 0, count: 10)
        #expect(IntermittentDemand.croston(zeros) == 0)
        #expect(IntermittentDemand.sba(zeros) == 0)
        #expect(IntermittentDemand.tsb(zeros) == 0)
    }

    @Test func tsbDecaysWhileNoDemandComes() {
        let recent = IntermittentDemand.tsb([5, 0, 5, 0, 5, 0, 5])
        let stale = IntermittentDemand.tsb([5, 0, 5, 0, 5, 0, 5] + [Double](repeating: 0, count: 20))
        #expect(stale < recent)
        // Croston does not see the silence at all.
        #expect(IntermittentDemand.croston([5, 0, 5, 0, 5, 0, 5] + [Double](repeating: 0, count: 20)) == IntermittentDemand.croston([5, 0, 5, 0, 5, 0, 5]))
    }

    @Test func demandClassesFollowTheCutOffs() {
        #expect(DemandClass([5, 6, 5, 6, 5, 6]) == .smooth)
        #expect(DemandClass([1, 20, 2, 30, 1, 25]) == .erratic)
        #expect(DemandClass([0, 0, 5, 0, 0, 5, 0, 6]) == .intermittent)
        #expect(DemandClass([0, 0, 1, 0, 0, 40, 0, 2]) == .lumpy)
        #expect(DemandClass([0, 0, 0]) == .intermittent)
    }
}
