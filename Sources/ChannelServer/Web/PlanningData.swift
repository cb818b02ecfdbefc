import ChannelAnalytics
import ChannelCore
import ChannelStore
import ChannelWeb

/// The planning page's data: the forecast of the level asked for (kept per snapshot by `Planning`), the series
/// shown, the replenishment orders and the stored backtests.
struct PlanningData {
    /// Series offered in the page's list at most (the largest forecasts first).
    static let listedSeries = 500

    static func page(
        _ planning: Planning, question: ForecastQuestion, series wanted: String?, csrfToken: String, notice: String? = nil,
        error: String? = nil
    ) async throws -> PlanningPage {
        let planned = try await planning.forecast(question)
        let document = planned.document
        let volume = document.series.map { $0.points.reduce(0) { $0 + $1.forecast } }
        let ranked = document.series.indices.sorted { volume[$0] != volume[$1] ? volume[$0] > volume[$1] : $0 < $1 }
        let shown = document.series.firstIndex { $0.seriesID == wanted } ?? ranked.first
        var listed = Array(ranked.prefix(listedSeries))
        if let shown, !listed.contains(shown) { listed.insert(shown, at: 0) }
        var recent: [(date: String, value: Double)] = []
        if let shown {
            recent = planned.recent[shown].enumerated().map { (planned.recentStart.adding(days: $0.offset).description, $0.element) }
        }
        let selected = shown.map { document.series[$0] }
        let rows = try await planning.replenish(ReplenishmentQuestion())
        let orders = rows.filter { $0.suggestedOrder > 0 }.sorted { $0.stockOutRisk != $1.stockOutRisk ? $0.stockOutRisk > $1.stockOutRisk : $0.locationID + $0.sku < $1.locationID + $1.sku }
        let runs = try translatingErrors { try planning.store.backtests(subject: nil, limit: 20) }
        return PlanningPage(
            levels: DemandLevel.allNames, level: question.level.description, methods: ForecastMethod.allCases.map(\.rawValue),
            method: question.method.rawValue, horizon: question.horizon,
            series: listed.map { PlanningPage.Choice(code: document.series[$0].seriesID, label: document.series[$0].seriesID) },
            selected: selected?.seriesID ?? "", model: selected?.model ?? "", recent: recent,
            forecast: selected?.points.map { PlanningPage.ForecastDay(date: $0.date, forecast: $0.forecast, lower: $0.lower, upper: $0.upper) } ?? [],
            interval: document.interval,
            orders: orders.map { row in
                PlanningPage.Order(
                    location: row.locationID, sku: row.sku, position: row.onHandPlusInTransit, reorderPoint: row.reorderPoint,
                    quantity: row.suggestedOrder, daysOfCover: row.daysOfCover, stockOutRisk: row.stockOutRisk,
                    reason: (row.reasonZh, row.reasonEn))
            },
            plannedLines: rows.count,
            runs: runs.map { run in
                PlanningPage.Run(
                    id: run.id.map(String.init) ?? "", ranAt: LocalTime.text(run.ranAt.iso8601), subject: run.subject,
                    method: run.method, horizon: run.horizon, seriesCount: run.seriesCount, mase: run.total.mase,
                    rmsse: run.total.rmsse, wape: run.total.wape, bias: run.total.bias)
            },
            csrfToken: csrfToken, notice: notice, error: error)
    }
}
