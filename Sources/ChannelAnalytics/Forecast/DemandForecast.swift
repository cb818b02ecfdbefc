public import ChannelCore

/// Forecasts of the demand hierarchy from one level up: the series of the level asked for, and with a
/// reconciliation method also every level above it (category, total; province, national), made coherent so that
/// each aggregate equals the sum of its series.
public enum DemandForecast {
    /// How the levels are made coherent.
    public enum Reconciliation: String, CaseIterable, Sendable {
        case bottomUp = "bottom-up"
        /// Ordinary least squares (every node trusted alike).
        case ols
        /// Weighted by each node's error variance.
        case wls
        /// MinT with the shrinkage covariance of the nodes' errors (hierarchies of up to 2,000 series).
        case mint
    }

    /// Outside drivers of the series (weather, promotions, prices): their names and, per series id, their values on
    /// the given days (`[driver][day]`, nil where unknown); it throws when a series lacks values it needs.
    public struct Drivers: Sendable {
        public var names: [String]
        public var values: @Sendable (_ seriesID: String, _ days: [CalendarDay]) throws -> [[Double?]]

        public init(names: [String], values: @escaping @Sendable (_ seriesID: String, _ days: [CalendarDay]) throws -> [[Double?]]) {
            self.names = names
            self.values = values
        }
    }

    public struct Node: Sendable {
        public var level: DemandLevel
        public var series: DemandHistory.Series
        public var forecast: SeriesForecast
    }

    /// The forecasts of `history`'s series, or with `reconciliation` of its whole hierarchy (the bottom level first).
    /// Reconciled bounds move with their point forecast. With `calendar`, the effects of the Chinese holidays and
    /// festivals are learnt from the total of all series and applied to each (`CalendarEffects`). With `drivers`,
    /// their effects are learnt from the series of the level asked for (`RegressorEffects`) and applied to every
    /// node; the return value then also holds the effects.
    public static func run(
        _ history: DemandHistory, forecaster: Forecaster, method: ForecastMethod = .auto, reconciliation: Reconciliation? = nil,
        calendar: Bool = false, drivers: Drivers? = nil
    ) throws -> [Node] {
        try runWithEffects(
            history, forecaster: forecaster, method: method, reconciliation: reconciliation, calendar: calendar, drivers: drivers
        ).nodes
    }

    /// `run`, with the drivers' learnt effects (nil without drivers).
    public static func runWithEffects(
        _ history: DemandHistory, forecaster: Forecaster, method: ForecastMethod = .auto, reconciliation: Reconciliation? = nil,
        calendar: Bool = false, drivers: Drivers? = nil
    ) throws -> (nodes: [Node], effects: RegressorEffects?) {
        let days = (history.series.first?.values.count ?? 0) + forecaster.horizon
        let calendarFactors = calendar
            ? CalendarAdjustment(learningFromTotalOf: history.series.map { (history.start, $0.values) }, horizon: forecaster.horizon)?
                .factors(from: history.start, count: days)
            : nil
        var effects: RegressorEffects?
        var driverValues: (String) throws -> [[Double?]] = { _ in [] }
        if let drivers {
            let span = (0..<days).map { history.start.adding(days: $0) }
            driverValues = { try drivers.values($0, span) }
            effects = RegressorEffects.combined(
                names: drivers.names, series: history.series.map(\.values), drivers: try history.series.map { try driverValues($0.id) },
                base: calendarFactors.map { factors in history.series.map { _ in factors } }, horizon: forecaster.horizon,
                radius: 2 * forecaster.seasonLength
            ).effects
        }
        // Every node's factors over its history and the horizon: calendar × drivers.
        let factorsOf = { (ids: [String]) throws -> [[Double]]? in
            guard calendarFactors != nil || effects != nil else { return nil }
            return try ids.map { id in
                let own = try effects?.factors(driverValues(id), count: days) ?? [Double](repeating: 1, count: days)
                guard let calendarFactors else { return own }
                return zip(own, calendarFactors).map(*)
            }
        }
        let forecastAll = { (histories: [[Double]], factors: [[Double]]?) -> [SeriesForecast] in
            guard let factors else { return forecaster.forecast(all: histories, method: method) }
            return forecaster.forecast(all: histories, method: method, factors: factors)
        }
        guard let reconciliation else {
            let forecasts = forecastAll(history.series.map(\.values), try factorsOf(history.series.map(\.id)))
            return (zip(history.series, forecasts).map { Node(level: history.level, series: $0, forecast: $1) }, effects)
        }
        let bottomIDs = history.series.map(\.id)
        var aggregates: [(level: DemandLevel, series: DemandHistory.Series)] = []
        var definitions: [SummingHierarchy.Aggregate] = []
        for level in history.level.levelsAtOrAbove.dropFirst() {
            for (series, members) in history.aggregated(to: level) {
                let id = "\(level)|\(series.id)"
                aggregates.append((level, series))
                definitions.append(.init(id: id, bottomIDs: members.map { bottomIDs[$0] }))
            }
        }
        let hierarchy = try SummingHierarchy(bottomIDs: bottomIDs, aggregates: definitions)
        // Node order of the hierarchy: aggregates, then bottoms.
        let nodes = aggregates.map { ($0.level, $0.series) } + history.series.map { (history.level, $0) }
        let histories = nodes.map(\.1.values)
        let nodeFactors = try factorsOf(aggregates.map(\.series.id) + bottomIDs)
        let base = forecastAll(histories, nodeFactors)
        let forecastNodes = { (histories: [[Double]]) in forecastAll(histories, nodeFactors) }
        let weights: ReconciliationMethod
        switch reconciliation {
        case .bottomUp: weights = .bottomUp
        case .ols: weights = .ols
        case .wls: weights = .wlsVariance(residuals: errors(histories, horizon: forecaster.horizon, forecastNodes))
        case .mint: weights = .minTShrink(residuals: errors(histories, horizon: forecaster.horizon, forecastNodes))
        }
        let reconciled = try HierarchyReconciler(hierarchy: hierarchy).reconcile(base.map(\.point), method: weights, nonNegative: true)
        var result: [Node] = []
        for (index, node) in nodes.enumerated() {
            var forecast = base[index]
            let point = reconciled.values[index]
            forecast.lower = zip(forecast.lower, zip(point, forecast.point)).map { min($1.0, max(0, $0 + $1.0 - $1.1)) }
            forecast.upper = zip(forecast.upper, zip(point, forecast.point)).map { max($1.0, $0 + $1.0 - $1.1) }
            forecast.point = point
            result.append(Node(level: node.0, series: node.1, forecast: forecast))
        }
        // The level asked for first, as without reconciliation.
        let bottoms = hierarchy.aggregateCount
        return (Array(result[bottoms...]) + result[..<bottoms], effects)
    }

    /// Each node's out-of-sample errors over its last horizon, forecast from the data before it: the error
    /// (co)variances reconciliation weighs the nodes by.
    static func errors(_ histories: [[Double]], horizon: Int, _ forecastAll: ([[Double]]) -> [SeriesForecast]) -> [[Double]] {
        let pasts = histories.map { Array($0.dropLast(horizon)) }
        let forecasts = forecastAll(pasts)
        return zip(histories, forecasts).map { values, forecast in
            let actual = values.suffix(horizon)
            guard actual.count == horizon, values.count > horizon else { return [Double](repeating: .nan, count: horizon) }
            return zip(actual, forecast.point).map { $0 - $1 }
        }
    }
}
