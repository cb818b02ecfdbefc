public import ChannelCore
public import ChannelStore

/// Forecast backtests in PostgreSQL (tables of migration `0004_forecast_backtests`): results, not business records, so
/// neither audited nor in the change feed, as in SQLite.
extension PostgresChannelStore: BacktestStore {
    @discardableResult
    public func saveBacktest(_ run: BacktestRun, series: [SeriesAccuracy]) throws -> BacktestRun {
        try BacktestRows.validate(run)
        return try writing("saving a backtest of \(run.subject)") { session in
            let accuracy = run.total
            let inserted = try session.query(
                """
                INSERT INTO forecast_backtests (ran_at, actor, subject, method, horizon, origins, step, series_count,
                    mase, rmsse, smape, wape, bias, points)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::float8, $10::float8, $11::float8, $12::float8, $13::float8, $14)
                RETURNING id
                """,
                [
                    .integer(run.ranAt.millisecondsSinceEpoch), .text(run.actor), .text(run.subject), .text(run.method),
                    .integer(Int64(run.horizon)), .integer(Int64(run.origins)), .integer(Int64(run.step)), .integer(Int64(run.seriesCount)),
                ] + Self.scores(accuracy), context: "saving a backtest")
            guard let id = try inserted.first?.integer(at: 0) else { throw StoreError(.corrupt, "a saved backtest has no id") }
            for item in series {
                try session.run(
                    """
                    INSERT INTO forecast_backtest_series (backtest_id, series_id, model, mase, rmsse, smape, wape, bias, points)
                    VALUES ($1, $2, $3, $4::float8, $5::float8, $6::float8, $7::float8, $8::float8, $9)
                    """, [.integer(id), .text(item.seriesID), .text(item.model)] + Self.scores(item.accuracy),
                    context: "saving the scores of series \(item.seriesID)")
            }
            var saved = run
            saved.id = id
            return saved
        }
    }

    public func backtests(subject: String?, limit: Int) throws -> [BacktestRun] {
        try reading("listing backtests") { session in
            let order = "ORDER BY ran_at DESC, id DESC LIMIT \(max(0, limit))"
            let rows =
                if let subject {
                    try session.query(
                        "\(BacktestRows.backtestSelect) WHERE subject = $1 \(order)", [.text(subject)], context: "listing backtests")
                } else {
                    try session.query("\(BacktestRows.backtestSelect) \(order)", context: "listing backtests")
                }
            return try rows.map(BacktestRows.backtest)
        }
    }

    public func backtest(_ id: Int64) throws -> (run: BacktestRun, series: [SeriesAccuracy]) {
        try reading("reading backtest \(id)") { session in
            guard
                let row = try session.query(
                    "\(BacktestRows.backtestSelect) WHERE id = $1", [.integer(id)], context: "reading backtest \(id)"
                ).first
            else { throw BacktestRows.unknownBacktest(id) }
            let series = try session.query(
                """
                SELECT \(BacktestRows.seriesColumns) FROM forecast_backtest_series
                WHERE backtest_id = $1 ORDER BY series_id COLLATE "C"
                """, [.integer(id)], context: "reading the series of backtest \(id)"
            ).map(BacktestRows.series)
            return (try BacktestRows.backtest(row), series)
        }
    }

    /// `mase, rmsse, smape, wape, bias, points` as bound parameters.
    private static func scores(_ accuracy: ForecastAccuracy) -> [DBValue] {
        [
            real(accuracy.mase), real(accuracy.rmsse), real(accuracy.smape), real(accuracy.wape), real(accuracy.bias),
            .integer(Int64(accuracy.points)),
        ]
    }
}
