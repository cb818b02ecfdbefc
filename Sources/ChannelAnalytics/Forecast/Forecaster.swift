public import ChannelCore

/// Forecasts one series at a time with a named method or the automatic choice, with prediction intervals.
///
/// Non-negative series (demand) get non-negative forecasts and bounds. Intervals come from the model itself where
/// it has a distribution (ETS), else from the method's own out-of-sample errors (`EmpiricalIntervals`).
public struct Forecaster: Sendable {
    public var horizon: Int
    public var seasonLength: Int
    /// Coverage of the prediction interval (0.8: from the 10% to the 90% quantile).
    public var level: Double
    /// Whether to compute prediction intervals; without them the bounds equal the point forecast and the forecast
    /// costs a fraction (empirical intervals forecast again from up to eight earlier origins). Backtests need points only.
    public var intervals: Bool

    public init(horizon: Int, seasonLength: Int, level: Double = 0.8, intervals: Bool = true) {
        self.horizon = max(1, horizon)
        self.seasonLength = max(1, seasonLength)
        self.level = level
        self.intervals = intervals
    }

    public func forecast(_ values: [Double], method: ForecastMethod = .auto) -> SeriesForecast {
        guard !values.isEmpty else {
            let zeros = [Double](repeating: 0, count: horizon)
            return SeriesForecast(point: zeros, lower: zeros, upper: zeros, model: "Empty")
        }
        var result = forecastUnclipped(values, method: method)
        if values.allSatisfy({ $0 >= 0 }) {
            result.point = result.point.map { max(0, $0) }
            result.lower = result.lower.map { max(0, $0) }
            result.upper = result.upper.map { max(0, $0) }
        }
        return result
    }

    private func forecastUnclipped(_ values: [Double], method: ForecastMethod) -> SeriesForecast {
        switch method {
        case .auto: return automatic(values, unbiased: false)
        case .autoUnbiased: return automatic(values, unbiased: true)
        case .ets:
            if let fit = ETSModel.auto(values, seasonLength: seasonLength) { return etsForecast(fit) }
            return withEmpiricalBounds(values, name: "Theta") { pointForecast($0, .theta) }
        default:
            return withEmpiricalBounds(values, name: Self.name(method)) { pointForecast($0, method) }
        }
    }

    /// Sparse demand: the horizon level. Otherwise the candidate with the lowest root mean squared error over the
    /// last few horizon-long windows, each forecast from the data before it: ETS (its form chosen by AICc on the
    /// whole series, refitted at each origin), Theta and the horizon level.
    private func automatic(_ values: [Double], unbiased: Bool) -> SeriesForecast {
        if DemandClass(values).isSparse { return forecastUnclipped(values, method: unbiased ? .sba : .horizonLevel) }
        let ets = ETSModel.auto(values, seasonLength: seasonLength)
        var candidates: [(name: String, method: ([Double]) -> [Double])] = [("Theta", { pointForecast($0, .theta) })]
        if !unbiased { candidates.append(("HorizonLevel", { pointForecast($0, .horizonLevel) })) }
        if let ets {
            let spec = ets.spec
            let fallback = candidates[0].method
            candidates.insert((spec.description, { past in
                ETSModel.fit(past, seasonLength: seasonLength, spec: spec)?.forecast(horizon: horizon) ?? fallback(past)
            }), at: 0)
        }
        var best = (index: 0, loss: Double.infinity)
        for (index, candidate) in candidates.enumerated() {
            guard let loss = validationLoss(values, candidate.method) else { continue }
            if loss < best.loss { best = (index, loss) }
        }
        if let ets, best.index == 0 { return etsForecast(ets) }
        let chosen = candidates[best.index]
        return withEmpiricalBounds(values, name: chosen.name, chosen.method)
    }

    private func etsForecast(_ fit: ETSFit) -> SeriesForecast {
        let point = fit.forecast(horizon: horizon)
        guard intervals else { return SeriesForecast(point: point, lower: point, upper: point, model: fit.spec.description) }
        let bounds = fit.interval(horizon: horizon, level: level)
        return SeriesForecast(point: point, lower: bounds.lower, upper: bounds.upper, model: fit.spec.description)
    }

    /// Origins for validating the automatic choice.
    static let validationOrigins = 3

    private func validationLoss(_ values: [Double], _ method: ([Double]) -> [Double]) -> Double? {
        var total = 0.0
        var origins = 0
        var origin = values.count - horizon
        while origins < Self.validationOrigins, origin >= max(2 * seasonLength, horizon) {
            let predicted = method(Array(values[..<origin]))
            var squares = 0.0
            for step in 0..<horizon { squares += (values[origin + step] - predicted[step]) * (values[origin + step] - predicted[step]) }
            total += (squares / Double(horizon)).squareRoot()
            origins += 1
            origin -= horizon
        }
        return origins > 0 ? total / Double(origins) : nil
    }

    /// Point forecasts only, for validation and empirical intervals.
    func pointForecast(_ values: [Double], _ method: ForecastMethod) -> [Double] {
        let flat = { (value: Double) in [Double](repeating: value, count: horizon) }
        switch method {
        case .auto: return automatic(values, unbiased: false).point
        case .autoUnbiased: return automatic(values, unbiased: true).point
        case .seasonalNaive: return SeasonalNaive.forecast(values, seasonLength: seasonLength, horizon: horizon)
        case .ets:
            if let fit = ETSModel.auto(values, seasonLength: seasonLength) { return fit.forecast(horizon: horizon) }
            return pointForecast(values, .theta)
        case .theta:
            if let fit = Theta.fit(values, seasonLength: seasonLength) { return fit.forecast(horizon: horizon) }
            return SeasonalNaive.forecast(values, seasonLength: 1, horizon: horizon)
        case .croston: return flat(IntermittentDemand.croston(values))
        case .sba: return flat(IntermittentDemand.sba(values))
        case .tsb: return flat(IntermittentDemand.tsb(values))
        case .horizonLevel: return flat(HorizonLevel.level(values, horizon: horizon))
        }
    }

    private func withEmpiricalBounds(_ values: [Double], name: String, _ method: ([Double]) -> [Double]) -> SeriesForecast {
        let point = method(values)
        guard intervals else { return SeriesForecast(point: point, lower: point, upper: point, model: name) }
        let bounds = EmpiricalIntervals.bounds(values, forecast: point, horizon: horizon, level: level, method: method)
        return SeriesForecast(point: point, lower: bounds?.lower ?? point, upper: bounds?.upper ?? point, model: name)
    }

    static func name(_ method: ForecastMethod) -> String {
        switch method {
        case .auto: "Auto"
        case .autoUnbiased: "AutoUnbiased"
        case .seasonalNaive: "SeasonalNaive"
        case .ets: "ETS"
        case .theta: "Theta"
        case .croston: "Croston"
        case .sba: "SBA"
        case .tsb: "TSB"
        case .horizonLevel: "HorizonLevel"
        }
    }
}

extension Forecaster {
    /// Forecasts many series on every core; results in the order of `series`.
    public func forecast(all series: [[Double]], method: ForecastMethod = .auto) -> [SeriesForecast] {
        let forecaster = self
        return Parallel.array(count: series.count, chunkSize: 16) { chunk, output in
            for index in (chunk * 16)..<min(series.count, (chunk + 1) * 16) {
                output.set(index, forecaster.forecast(series[index], method: method))
            }
        }
    }
}

extension Forecaster {
    /// Forecasts series with multiplicative effects known per period: each history is divided by its periods'
    /// factors, forecast, and the forecast multiplied by the factors of the periods ahead. `factors[i]` covers series
    /// `i`'s history and then `horizon` periods (1 where it is short).
    public func forecast(all series: [[Double]], method: ForecastMethod = .auto, factors: [[Double]]) -> [SeriesForecast] {
        let factor = { (index: Int, position: Int) in
            let row = factors[index]
            return row.indices.contains(position) && row[position] > 0 ? row[position] : 1
        }
        let adjusted = series.enumerated().map { index, values in
            values.enumerated().map { $1 / factor(index, $0) }
        }
        var forecasts = forecast(all: adjusted, method: method)
        for index in series.indices {
            let ahead = (0..<horizon).map { factor(index, series[index].count + $0) }
            forecasts[index].point = zip(forecasts[index].point, ahead).map(*)
            forecasts[index].lower = zip(forecasts[index].lower, ahead).map(*)
            forecasts[index].upper = zip(forecasts[index].upper, ahead).map(*)
        }
        return forecasts
    }

    /// Forecasts daily series with calendar effects. `series` holds each series' first day and values.
    public func forecast(
        all series: [(start: CalendarDay, values: [Double])], method: ForecastMethod = .auto, calendar: CalendarAdjustment
    ) -> [SeriesForecast] {
        forecast(
            all: series.map(\.values), method: method,
            factors: series.map { calendar.factors(from: $0.start, count: $0.values.count + horizon) })
    }
}
