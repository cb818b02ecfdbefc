import Testing

@testable import ChannelAnalytics

@Suite struct StatisticsTests {
    func withBuffer<R>(_ values: [Double], _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        var copy = values
        return copy.withUnsafeMutableBufferPointer { body($0) }
    }

    @Test(arguments: [
        ([3.0], 3.0), ([2.0, 1.0], 1.5), ([5.0, 1.0, 3.0], 3.0), ([1.0, 1.0, 1.0, 2.0], 1.0),
        ([4.0, 2.0, 8.0, 6.0], 5.0),
    ])
    func median(values: [Double], expected: Double) {
        #expect(withBuffer(values) { Selection.median($0) } == expected)
    }

    @Test func quantileInterpolatesBetweenRanks() {
        #expect(withBuffer([1, 2, 3, 4, 5]) { Selection.rank($0, 0.75 * 4) } == 4)
        #expect(withBuffer([10, 40, 20, 30]) { Selection.rank($0, 0.75 * 3) } == 32.5)
    }

    @Test func kthHandlesManyTies() {
        let values = (0..<1_000).map { Double($0 % 3) }
        #expect(withBuffer(values) { Selection.kth($0, 500) } == 1)
    }

    @Test func madBaselineIsScaledToSigma() {
        let b = withBuffer([1, 2, 3, 4, 100]) { RobustBaseline.of($0, spread: .mad) }
        #expect(b.center == 3)
        #expect(b.sigma == 1.4826)
        #expect(b.count == 5)
    }

    @Test func upperQuartileBaselineIgnoresTheLowerSide() {
        let b = withBuffer([-50, -20, 0, 0.6745, 1]) { RobustBaseline.of($0, spread: .upperQuartile) }
        #expect(b.center == 0)
        #expect(abs(b.sigma - 1) < 1e-12)
    }

    @Test func poolingPullsASmallGroupsSpreadTowardsTheWiderOne() {
        let narrow = RobustBaseline(center: 0, sigma: 0.1, count: 10)
        let wide = RobustBaseline(center: 0, sigma: 0.5, count: 1_000)
        let pooled = narrow.pooled(with: wide, weight: 30)
        #expect(abs(pooled.sigma - ((10 * 0.01 + 30 * 0.25) / 40).squareRoot()) < 1e-12)
        #expect(narrow.pooled(with: nil, weight: 30) == narrow)
    }

    @Test func dates() {
        #expect(ReasonText.date(0) == "1970-01-01")
        #expect(ReasonText.date(19_782) == "2024-02-29")
        #expect(ReasonText.date(20_757) == "2026-10-31")
        #expect(ReasonText.date(-1) == "1969-12-31")
    }

    @Test func numbers() {
        #expect(ReasonText.fixed(9.26, 1) == "9.3")
        #expect(ReasonText.fixed(-115.04, 1) == "-115.0")
        #expect(ReasonText.fixed(-0.01, 1) == "0.0")
        #expect(ReasonText.quantity(34) == "34")
        #expect(ReasonText.quantity(7.5) == "7.5")
        #expect(ReasonText.yuan(405_000_000) == "¥4.05")
    }
}
