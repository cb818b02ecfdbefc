import Testing

@testable import ChannelCore
@testable import ChannelStore
import ChannelStoreTestSupport

/// Forecast backtests: runs and their series come back as saved, newest first; bad runs and unknown ids are refused.
@Suite struct BacktestStoreTests {
    func run(_ subject: String, at milliseconds: Int64, wape: Double?) -> BacktestRun {
        BacktestRun(
            ranAt: Instant(millisecondsSinceEpoch: milliseconds), actor: "cli", subject: subject, method: "auto", horizon: 28,
            origins: 3, step: 28, seriesCount: 2,
            total: ForecastAccuracy(mase: 0.8, rmsse: nil, smape: 120, wape: wape, bias: -0.1, points: 168))
    }

    @Test(arguments: Backend.allCases)
    func savedRunsComeBackNewestFirstWithTheirSeries(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let series = [
                SeriesAccuracy(seriesID: "b|110000", model: "SBA", accuracy: ForecastAccuracy(mase: nil, rmsse: 0.5, smape: 0, wape: nil, bias: nil, points: 84)),
                SeriesAccuracy(seriesID: "a|110000", model: "ETS(A,N,A)", accuracy: ForecastAccuracy(mase: 0.7, rmsse: 0.6, smape: 90, wape: 0.9, bias: 0.2, points: 84)),
            ]
            let first = try store.saveBacktest(run("sku-province", at: 1_000, wape: 1.1), series: series)
            let second = try store.saveBacktest(run("sku-province", at: 2_000, wape: nil), series: [])
            try store.saveBacktest(run("category-national", at: 3_000, wape: 0.5), series: [])
            #expect(first.id != nil && second.id != nil && first.id != second.id)
            let listed = try store.backtests(subject: "sku-province", limit: 10)
            #expect(listed.map(\.id) == [second.id, first.id])
            #expect(listed[1] == first)
            #expect(try store.backtests(subject: nil, limit: 2).map(\.subject) == ["category-national", "sku-province"])
            let (stored, storedSeries) = try store.backtest(try #require(first.id))
            #expect(stored == first)
            #expect(storedSeries == series.reversed())
        }
    }

    @Test(arguments: Backend.allCases)
    func badRunsAndUnknownIdsAreRefused(_ backend: Backend) throws {
        try backend.withStore { store throws in
            var bad = run("sku-province", at: 0, wape: nil)
            bad.horizon = 0
            #expect(throws: StoreError.self) { try store.saveBacktest(bad, series: []) }
            #expect(try store.backtests(subject: nil, limit: 10).isEmpty)
            let error = #expect(throws: StoreError.self) { try store.backtest(42) }
            #expect(error?.code == .notFound)
        }
    }
}
