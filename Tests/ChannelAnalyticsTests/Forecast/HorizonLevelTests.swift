import Testing

@testable import ChannelAnalytics

@Suite struct HorizonLevelTests {
    /// Σ over windows of the root mean squared error of a flat forecast `f`, computed directly.
    func loss(_ values: [Double], _ horizon: Int, _ f: Double) -> Double {
        let windows = min(values.count - horizon + 1, HorizonLevel.maximumWindows)
        return (0..<windows).reduce(0) { total, window in
            let slice = values[(values.count - window - horizon)..<(values.count - window)]
            return total + (slice.reduce(0) { $0 + ($1 - f) * ($1 - f) } / Double(horizon)).squareRoot()
        }
    }

    @Test func levelMinimisesTheWindowedError() {
        var random = SplitMix64(seed: 7)
        let values = (0..<400).map { _ in random.nextUnit() < 0.15 ? Double(Int(random.nextUnit() * 30)) : 0 }
        let level = HorizonLevel.level(values, horizon: 28)
        let best = loss(values, 28, level)
        // No point of a fine grid does better.
        for step in 0...400 {
            #expect(loss(values, 28, Double(step) * 0.01) >= best - 1e-9)
        }
        // Below the mean: lumpy demand.
        #expect(level < values.reduce(0, +) / Double(values.count))
    }

    @Test func constantSeriesGivesItsValue() {
        #expect(abs(HorizonLevel.level([Double](repeating: 4, count: 100), horizon: 7) - 4) < 1e-9)
    }

    @Test func shortSeriesUsesWhatThereIs() {
        #expect(abs(HorizonLevel.level([2, 4], horizon: 28) - 3) < 1e-9)
        #expect(HorizonLevel.level([], horizon: 28) == 0)
    }
}
