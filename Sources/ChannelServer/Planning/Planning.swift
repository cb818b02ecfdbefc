import ChannelAnalytics
import ChannelCore
import ChannelStore

/// Forecasts, replenishment and backtests on the analytic engine's latest snapshot, shared by the API and the
/// planning page. Forecast and replenishment answers are kept per snapshot: they take seconds on a large dataset and
/// stay right until the next write.
struct Planning: Sendable {
    let engine: AnalyticsEngine
    let store: any BacktestStore
    let forecasts = SnapshotCache<ForecastQuestion, PlannedForecast>(capacity: 16)
    let replenishment = SnapshotCache<ReplenishmentQuestion, [ReplenishmentRow]>(capacity: 8)

    func forecast(_ question: ForecastQuestion) async throws -> PlannedForecast {
        let snapshot = try await engine.latestSnapshot()
        return try await forecasts.answer(to: question, sequence: snapshot.sequence) {
            let history = try DemandHistory.load(from: snapshot, level: question.level)
            let forecaster = Forecaster(horizon: question.horizon, seasonLength: 7, level: question.interval)
            let nodes = try DemandForecast.run(
                history, forecaster: forecaster, method: question.method, reconciliation: question.reconcile, calendar: true)
            let days = PlannedForecast.recentDays
            return PlannedForecast(
                document: ForecastDocument(nodes, start: history.start, interval: question.interval),
                recent: nodes.map { Array($0.series.values.suffix(days)) },
                recentStart: history.start.adding(days: max(0, (nodes.first?.series.values.count ?? 0) - days)))
        }
    }

    func replenish(_ question: ReplenishmentQuestion) async throws -> [ReplenishmentRow] {
        let snapshot = try await engine.latestSnapshot()
        let rows = try await replenishment.answer(to: ReplenishmentQuestion(serviceLevel: question.serviceLevel, reviewDays: question.reviewDays), sequence: snapshot.sequence) {
            try StockReplenishment.run(on: snapshot, settings: question.settings).map(ReplenishmentRow.init)
        }
        return question.ordersOnly ? rows.filter { $0.suggestedOrder > 0 } : rows
    }

    /// Runs a backtest on the latest snapshot and saves it.
    func backtest(_ question: BacktestQuestion, actor: String, at instant: Instant) async throws -> BacktestRun {
        let (backtest, level) = try question.backtest()
        let snapshot = try await engine.latestSnapshot()
        let store = store
        return try await Offload.run {
            let history = try DemandHistory.load(from: snapshot, level: level)
            let (run, series) = backtest.record(
                backtest.run(history), subject: level.description, ids: history.series.map(\.id), actor: actor, at: instant)
            return try store.saveBacktest(run, series: series)
        }
    }
}

extension ReplenishmentQuestion {
    init(serviceLevel: Double, reviewDays: Double) {
        self.init()
        self.serviceLevel = serviceLevel
        self.reviewDays = reviewDays
    }
}

/// A forecast with the end of the history it was made from (for charts), its series in the document's order.
struct PlannedForecast: Sendable {
    /// Days of history kept per series.
    static let recentDays = 91

    var document: ForecastDocument
    /// The last `recentDays` daily values of each series (fewer when the history is shorter), ending the day before
    /// the forecast's first date.
    var recent: [[Double]]
    /// The first day of `recent`.
    var recentStart: CalendarDay
}
