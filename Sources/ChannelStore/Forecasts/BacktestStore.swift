public import ChannelCore

/// Stored forecast backtests, so that accuracy can be followed from run to run.
///
/// Runs are kept as written (never updated); errors are `StoreError`s (`.constraint` for a run that breaks a rule,
/// `.notFound` for an unknown run id).
public protocol BacktestStore: Sendable {
    /// Saves a run and the accuracy of each of its series in one transaction; returns the run with its new id.
    @discardableResult
    func saveBacktest(_ run: BacktestRun, series: [SeriesAccuracy]) throws -> BacktestRun

    /// The latest runs first, of one subject or of all; at most `limit`.
    func backtests(subject: String?, limit: Int) throws -> [BacktestRun]

    /// The run with this id and its series (by series id); throws `.notFound` for an unknown id.
    func backtest(_ id: Int64) throws -> (run: BacktestRun, series: [SeriesAccuracy])
}
