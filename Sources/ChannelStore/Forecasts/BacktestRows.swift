package import ChannelCore

/// What every backend's `BacktestStore` shares: the check of a run before it is saved, and how rows become runs and
/// series scores.
package enum BacktestRows {
    /// The runs' columns: `backtest(_:)` reads its rows.
    package static let backtestSelect = """
        SELECT id, ran_at, actor, subject, method, horizon, origins, step, series_count,
            mase, rmsse, smape, wape, bias, points
        FROM forecast_backtests
        """

    /// The series' columns: `series(_:)` reads its rows.
    package static let seriesColumns = "series_id, model, mase, rmsse, smape, wape, bias, points"

    package static func backtest(_ row: some StoreRow) throws -> BacktestRun {
        BacktestRun(
            id: try row.integer(at: 0), ranAt: try row.instant(at: 1), actor: try row.text(at: 2), subject: try row.text(at: 3),
            method: try row.text(at: 4), horizon: Int(try row.integer(at: 5)), origins: Int(try row.integer(at: 6)),
            step: Int(try row.integer(at: 7)), seriesCount: Int(try row.integer(at: 8)), total: try accuracy(row, from: 9))
    }

    package static func series(_ row: some StoreRow) throws -> SeriesAccuracy {
        SeriesAccuracy(seriesID: try row.text(at: 0), model: try row.text(at: 1), accuracy: try accuracy(row, from: 2))
    }

    /// The six accuracy columns `mase, rmsse, smape, wape, bias, points` starting at `first`.
    private static func accuracy(_ row: some StoreRow, from first: Int) throws -> ForecastAccuracy {
        ForecastAccuracy(
            mase: try row.optionalReal(at: first), rmsse: try row.optionalReal(at: first + 1), smape: try row.real(at: first + 2),
            wape: try row.optionalReal(at: first + 3), bias: try row.optionalReal(at: first + 4), points: Int(try row.integer(at: first + 5)))
    }

    package static func unknownBacktest(_ id: Int64) -> StoreError { StoreError(.notFound, "backtest \(id) does not exist") }

    package static func validate(_ run: BacktestRun) throws {
        let subject = "backtest of \(run.subject.isEmpty ? "(no subject)" : run.subject)"
        guard !run.subject.isEmpty, !run.method.isEmpty, !run.actor.isEmpty else {
            throw StoreError(.constraint, "\(subject): the subject, method and actor must not be empty")
        }
        guard run.horizon > 0, run.origins > 0, run.step > 0, run.seriesCount >= 0, run.total.points >= 0 else {
            throw StoreError(.constraint, "\(subject): horizon, origins and step must be positive, counts not negative")
        }
    }
}
