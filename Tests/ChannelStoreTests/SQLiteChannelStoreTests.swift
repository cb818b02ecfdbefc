import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// What only SQLite does; the contract tests (ChannelStoreContractTests) cover the rest on every backend.
@Suite struct SQLiteChannelStoreTests {
    @Test func reopeningKeepsDataAndMigrations() throws {
        try withTemporaryDatabase { path throws in
            _ = try withExtendedLifetime(try openStore(path)) { store in try store.write(SampleData()) }
            let reopened = try openStore(path)
            #expect(try reopened.appliedMigrations() == ["0001_initial_schema", "0002_accounts", "0003_audit_chain", "0004_forecast_backtests", "0005_alerts", "0006_contingency_plans", "0007_webhooks"])
            #expect(try reopened.rowCounts() == SampleData().counts)
        }
    }

    @Test func openingADirectoryFailsAsUnavailable() throws {
        try withTemporaryDatabase { path throws in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let error = #expect(throws: StoreError.self) { try openStore(path) }
            #expect(error?.code == .unavailable)
        }
    }
}

@Suite struct BacktestStoreTests {
    func run(_ subject: String, at milliseconds: Int64, wape: Double?) -> BacktestRun {
        BacktestRun(
            ranAt: Instant(millisecondsSinceEpoch: milliseconds), actor: "cli", subject: subject, method: "auto", horizon: 28,
            origins: 3, step: 28, seriesCount: 2,
            total: ForecastAccuracy(mase: 0.8, rmsse: nil, smape: 120, wape: wape, bias: -0.1, points: 168))
    }

    @Test func savedRunsComeBackNewestFirstWithTheirSeries() throws {
        try withTemporaryStore { store, _ throws in
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

    @Test func badRunsAndUnknownIdsAreRefused() throws {
        try withTemporaryStore { store, _ throws in
            var bad = run("sku-province", at: 0, wape: nil)
            bad.horizon = 0
            #expect(throws: StoreError.self) { try store.saveBacktest(bad, series: []) }
            #expect(try store.backtests(subject: nil, limit: 10).isEmpty)
            let error = #expect(throws: StoreError.self) { try store.backtest(42) }
            #expect(error?.code == .notFound)
        }
    }
}
