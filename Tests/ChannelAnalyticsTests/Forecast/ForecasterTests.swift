import ChannelCore
import Testing

@testable import ChannelAnalytics

@Suite struct ForecasterTests {
    @Test func sparseDemandGetsTheHorizonLevel() {
        var random = SplitMix64(seed: 3)
        let values = (0..<300).map { _ in random.nextUnit() < 0.1 ? Double(1 + Int(random.nextUnit() * 20)) : 0 }
        let forecast = Forecaster(horizon: 28, seasonLength: 7).forecast(values)
        #expect(forecast.model == "HorizonLevel")
        #expect(forecast.point.count == 28)
        #expect(forecast.point.allSatisfy { $0 == forecast.point[0] && $0 >= 0 })
        #expect(zip(forecast.lower, forecast.upper).allSatisfy { $0 >= 0 && $0 <= $1 })
    }

    @Test func namedMethodsAreUsedAsNamed() {
        let values: [Double] = [0, 3, 0, 0, 5, 0, 4, 0, 2, 0, 0, 6, 0, 3]
        let forecaster = Forecaster(horizon: 5, seasonLength: 7)
        #expect(forecaster.forecast(values, method: .sba).point == [Double](repeating: IntermittentDemand.sba(values), count: 5))
        #expect(forecaster.forecast(values, method: .croston).model == "Croston")
        #expect(forecaster.forecast(values, method: .seasonalNaive).point == [0, 2, 0, 0, 6])
    }

    @Test func forecastsOfDemandAreNeverNegative() {
        let falling = (0..<60).map { max(0, 100 - 2 * Double($0)) }
        let forecast = Forecaster(horizon: 30, seasonLength: 1).forecast(falling, method: .theta)
        #expect(forecast.point.allSatisfy { $0 >= 0 })
        #expect(forecast.lower.allSatisfy { $0 >= 0 })
    }

    @Test func empiricalIntervalsCoverAboutTheirLevel() {
        // Independent noise around a constant: the mean's 80% interval should hold about 80% of new values.
        var random = SplitMix64(seed: 5)
        var inside = 0
        var total = 0
        let forecaster = Forecaster(horizon: 10, seasonLength: 1)
        for _ in 0..<200 {
            let values = (0..<210).map { _ in 50 + 10 * random.nextGaussian() }
            let forecast = forecaster.forecast(Array(values[..<200]), method: .horizonLevel)
            for step in 0..<10 {
                total += 1
                if forecast.lower[step] <= values[200 + step], values[200 + step] <= forecast.upper[step] { inside += 1 }
            }
        }
        let coverage = Double(inside) / Double(total)
        #expect(coverage > 0.72 && coverage < 0.88)
    }

    @Test func quantileInterpolatesOrderStatistics() {
        #expect(EmpiricalIntervals.quantile([1, 2, 3, 4, 5], 0.5) == 3)
        #expect(EmpiricalIntervals.quantile([1, 2, 3, 4, 5], 0.1) == 1.4)
    }

    @Test func manySeriesComeBackInOrder() {
        let series = (0..<100).map { index in [Double](repeating: Double(index), count: 40) }
        let forecasts = Forecaster(horizon: 3, seasonLength: 7).forecast(all: series, method: .horizonLevel)
        #expect(forecasts.map { $0.point[0] } == (0..<100).map(Double.init))
    }

    @Test func frequenciesAreDetectedAndStepped() throws {
        let day = { (text: String) in try CalendarDay(parsing: text) }
        #expect(SeriesFrequency.detect([try day("2026-01-30"), try day("2026-01-31"), try day("2026-02-01")]) == .daily)
        #expect(SeriesFrequency.detect([try day("2026-01-05"), try day("2026-01-12")]) == .weekly)
        #expect(SeriesFrequency.detect([try day("2026-01-31"), try day("2026-02-28"), try day("2026-03-31")]) == .monthly)
        #expect(SeriesFrequency.detect([try day("2026-01-01"), try day("2026-04-01"), try day("2026-07-01")]) == .quarterly)
        #expect(SeriesFrequency.detect([try day("2024-02-29"), try day("2025-02-28")]) == .yearly)
        #expect(SeriesFrequency.detect([try day("2026-01-01"), try day("2026-01-03")]) == nil)
        #expect(SeriesFrequency.monthly.date(try day("2026-01-31"), plus: 1) == (try day("2026-02-28")))
    }
}
