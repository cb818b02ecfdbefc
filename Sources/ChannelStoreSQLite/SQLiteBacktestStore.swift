public import ChannelCore
public import ChannelStore
import GRDB

/// Forecast backtests in the SQLite file (tables of migration `0004_forecast_backtests`). They are results, not
/// business records: not audited and not in the change feed.
extension SQLiteChannelStore: BacktestStore {
    @discardableResult
    public func saveBacktest(_ run: BacktestRun, series: [SeriesAccuracy]) throws -> BacktestRun {
        try Self.validate(run)
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
                    try Row.fetchAll(db, sql: "\(Self.backtestSelect) WHERE subject = ? \(order)", arguments: [subject])
                } else {
                    try Row.fetchAll(db, sql: "\(Self.backtestSelect) \(order)")
                }
            return try rows.map(Self.backtest(from:))
        }
    }

    public func backtest(_ id: Int64) throws -> (run: BacktestRun, series: [SeriesAccuracy]) {
        try readAccounts("reading backtest \(id)") { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.backtestSelect) WHERE id = ?", arguments: [id]) else {
                throw StoreError(.notFound, "backtest \(id) does not exist")
            }
            let series = try Row.fetchAll(
                db,
                sql: """
                    SELECT series_id, model, mase, rmsse, smape, wape, bias, points FROM forecast_backtest_series
                    WHERE backtest_id = ? ORDER BY series_id
                    """, arguments: [id]
            ).map { row in
                SeriesAccuracy(seriesID: row[0], model: row[1], accuracy: Self.accuracy(row, from: 2))
            }
            return (try Self.backtest(from: row), series)
        }
    }

    static let backtestSelect = """
        SELECT id, ran_at, actor, subject, method, horizon, origins, step, series_count,
            mase, rmsse, smape, wape, bias, points
        FROM forecast_backtests
        """

    static func backtest(from row: Row) throws -> BacktestRun {
        BacktestRun(
            id: row[0], ranAt: Instant(millisecondsSinceEpoch: row[1]), actor: row[2], subject: row[3], method: row[4],
            horizon: row[5], origins: row[6], step: row[7], seriesCount: row[8], total: accuracy(row, from: 9))
    }

    /// The six accuracy columns `mase, rmsse, smape, wape, bias, points` starting at `first`.
    static func accuracy(_ row: Row, from first: Int) -> ForecastAccuracy {
        ForecastAccuracy(
            mase: row[first], rmsse: row[first + 1], smape: row[first + 2], wape: row[first + 3], bias: row[first + 4],
            points: row[first + 5])
    }

    static func validate(_ run: BacktestRun) throws {
        let subject = "backtest of \(run.subject.isEmpty ? "(no subject)" : run.subject)"
        guard !run.subject.isEmpty, !run.method.isEmpty, !run.actor.isEmpty else {
            throw StoreError(.constraint, "\(subject): the subject, method and actor must not be empty")
        }
        guard run.horizon > 0, run.origins > 0, run.step > 0, run.seriesCount >= 0, run.total.points >= 0 else {
            throw StoreError(.constraint, "\(subject): horizon, origins and step must be positive, counts not negative")
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
