public import ChannelCore
public import ChannelStore
import GRDB

/// Forecast backtests in the SQLite file (tables of migration `0004_forecast_backtests`). They are results, not
/// business records: not audited and not in the change feed.
extension SQLiteChannelStore: BacktestStore {
    @discardableResult
    public func saveBacktest(_ run: BacktestRun, series: [SeriesAccuracy]) throws -> BacktestRun {
        try BacktestRows.validate(run)
        return try writeAccounts("saving a backtest of \(run.subject)") { db in
            let accuracy = run.total
            try db.execute(
                sql: """
                    INSERT INTO forecast_backtests (ran_at, actor, subject, method, horizon, origins, step, series_count,
                        mase, rmsse, smape, wape, bias, points)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.ranAt.millisecondsSinceEpoch, run.actor, run.subject, run.method, run.horizon, run.origins, run.step,
                    run.seriesCount, accuracy.mase, accuracy.rmsse, accuracy.smape, accuracy.wape, accuracy.bias,
                    accuracy.points,
                ])
            let id = db.lastInsertedRowID
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO forecast_backtest_series (backtest_id, series_id, model, mase, rmsse, smape, wape, bias, points)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for item in series {
                let scores = item.accuracy
                try insert.execute(arguments: [
                    id, item.seriesID, item.model, scores.mase, scores.rmsse, scores.smape, scores.wape, scores.bias,
                    scores.points,
                ])
            }
            var saved = run
            saved.id = id
            return saved
        }
    }

    public func backtests(subject: String?, limit: Int) throws -> [BacktestRun] {
        try readAccounts("listing backtests") { db in
            let order = "ORDER BY ran_at DESC, id DESC LIMIT \(max(0, limit))"
            let rows =
                if let subject {
                    try Row.fetchAll(db, sql: "\(BacktestRows.backtestSelect) WHERE subject = ? \(order)", arguments: [subject])
                } else {
                    try Row.fetchAll(db, sql: "\(BacktestRows.backtestSelect) \(order)")
                }
            return try rows.map(BacktestRows.backtest)
        }
    }

    public func backtest(_ id: Int64) throws -> (run: BacktestRun, series: [SeriesAccuracy]) {
        try readAccounts("reading backtest \(id)") { db in
            guard let row = try Row.fetchOne(db, sql: "\(BacktestRows.backtestSelect) WHERE id = ?", arguments: [id]) else {
                throw BacktestRows.unknownBacktest(id)
            }
            let series = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(BacktestRows.seriesColumns) FROM forecast_backtest_series
                    WHERE backtest_id = ? ORDER BY series_id
                    """, arguments: [id]
            ).map(BacktestRows.series)
            return (try BacktestRows.backtest(row), series)
        }
    }
}

/// Migration `0004_forecast_backtests`.
enum SQLiteBacktestSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                -- One rolling-origin evaluation and its total scores (NULL where a measure is undefined).
                CREATE TABLE forecast_backtests (
                    id INTEGER PRIMARY KEY,
                    ran_at INTEGER NOT NULL,
                    actor TEXT NOT NULL CHECK (actor <> ''),
                    subject TEXT NOT NULL CHECK (subject <> ''),
                    method TEXT NOT NULL CHECK (method <> ''),
                    horizon INTEGER NOT NULL CHECK (horizon > 0),
                    origins INTEGER NOT NULL CHECK (origins > 0),
                    step INTEGER NOT NULL CHECK (step > 0),
                    series_count INTEGER NOT NULL CHECK (series_count >= 0),
                    mase REAL, rmsse REAL, smape REAL NOT NULL, wape REAL, bias REAL,
                    points INTEGER NOT NULL CHECK (points >= 0)
                );
                CREATE INDEX forecast_backtests_subject ON forecast_backtests(subject, ran_at);

                -- The scores of each series of a run.
                CREATE TABLE forecast_backtest_series (
                    backtest_id INTEGER NOT NULL REFERENCES forecast_backtests(id),
                    series_id TEXT NOT NULL,
                    model TEXT NOT NULL,
                    mase REAL, rmsse REAL, smape REAL NOT NULL, wape REAL, bias REAL,
                    points INTEGER NOT NULL CHECK (points >= 0),
                    PRIMARY KEY (backtest_id, series_id)
                ) WITHOUT ROWID;
                """)
    }
}
