import ChannelCore
import Testing

@testable import ChannelAnalytics

@Suite struct BacktestTests {
    /// A straight line forecast by the naive method from two origins, scored by hand:
    /// origin 1 cuts after [2, 4, 6, 8] and forecasts [8, 8] for [10, 12]; origin 2 cuts after [2, 4, 6] and
    /// forecasts [6, 6] for [8, 10]. Errors (forecast − actual) are −2, −4 at both; the lag-1 naive errors of both
    /// histories are 2 (squared: 4).
    @Test func scoresMatchHandComputedValues() throws {
        let backtest = Backtest(forecaster: Forecaster(horizon: 2, seasonLength: 1), method: .seasonalNaive, origins: 2, step: 1)
        let result = backtest.run([[2, 4, 6, 8, 10, 12]])
        let series = try #require(result.series[0].accuracy)
        #expect(result.series[0].model == "SeasonalNaive")
        #expect(series.points == 4)
        // MASE per origin: mean |error| 3 over scale 2.
        #expect(abs((series.mase ?? 0) - 1.5) < 1e-12)
        // RMSSE per origin: sqrt(mean squared error 10 / scale 4).
        #expect(abs((series.rmsse ?? 0) - 2.5.squareRoot()) < 1e-12)
        // sMAPE: 200 × (2/18 + 4/22 ... ) per point: 2/18, 4/20 at the first origin; 2/14, 4/16 at the second.
        let smape = 200 * (2.0 / 18 + 4.0 / 20 + 2.0 / 14 + 4.0 / 16) / 4
        #expect(abs(series.smape - smape) < 1e-9)
        #expect(abs((series.wape ?? 0) - 12.0 / 40) < 1e-12)
        #expect(abs((series.bias ?? 0) + 12.0 / 40) < 1e-12)
        #expect(result.total == series)
    }

    @Test func totalsAddPointsAndAverageScaledErrorsOverSeries() throws {
        let backtest = Backtest(forecaster: Forecaster(horizon: 2, seasonLength: 1), method: .seasonalNaive, origins: 1)
        // Series one: forecast [8, 8] for [10, 12] (MASE 3/2 = 1.5). Series two: a constant series has no scale.
        let result = backtest.run([[2, 4, 6, 8, 10, 12], [5, 5, 5, 5, 5, 5], [1]])
        #expect(result.series[1].accuracy?.mase == nil)
        #expect(result.series[1].accuracy?.wape == 0)
        #expect(result.series[2].accuracy == nil, "too short for one origin")
        #expect(result.total.points == 4)
        #expect(result.total.mase == 1.5)
        #expect(abs((result.total.wape ?? 0) - 6.0 / 32) < 1e-12)
        #expect(abs((result.total.bias ?? 0) + 6.0 / 32) < 1e-12)
    }

    @Test func aBetterMethodScoresBetterOnSeasonalData() throws {
        let weekly = (0..<140).map { day in Double([10, 12, 11, 13, 30, 45, 20][day % 7] + day % 3) }
        let forecaster = Forecaster(horizon: 7, seasonLength: 7)
        let seasonal = Backtest(forecaster: forecaster, method: .seasonalNaive, origins: 4).run([weekly]).total
        let flat = Backtest(forecaster: forecaster, method: .croston, origins: 4).run([weekly]).total
        let (good, poor) = (try #require(seasonal.mase), try #require(flat.mase))
        #expect(good < 0.5 * poor, "seasonal naive \(good), Croston \(poor)")
        #expect(seasonal.points == 28)
    }

    @Test func recordKeepsTheSeriesWithScores() {
        let backtest = Backtest(forecaster: Forecaster(horizon: 2, seasonLength: 1), method: .seasonalNaive, origins: 1)
        let result = backtest.run([[2, 4, 6, 8, 10, 12], [1]])
        let (run, series) = backtest.record(
            result, subject: "file:x.csv", ids: ["a", "b"], actor: "cli", at: Instant(millisecondsSinceEpoch: 0))
        #expect(series.map(\.seriesID) == ["a"])
        #expect(run.seriesCount == 1 && run.method == "seasonal-naive" && run.horizon == 2 && run.step == 2)
    }

    @Test func dailyRunsLearnTheCalendarBeforeTheEarliestCut() {
        let start = CalendarDay(year: 2025, month: 1, day: 1)!
        let values = (0..<400).map { Double(5 + $0 % 7) }
        let backtest = Backtest(forecaster: Forecaster(horizon: 7, seasonLength: 7), method: .seasonalNaive, origins: 2)
        let result = backtest.run(daily: [(start, values)])
        #expect(result.total.points == 14)
        #expect((result.total.wape ?? 1) < 0.05)
    }
}
