public import ChannelCore

/// Rolling-origin evaluation of a forecasting method: each series is cut at `origins` points, `step` periods apart
/// (the last cut `horizon` periods before its end), forecast from the history before each cut, and the forecast
/// compared with what followed. Scores per series and in total are `ForecastAccuracy`'s.
///
/// Forecasts are points only (no intervals). With calendar effects, the effects are learnt from the history before
/// the earliest cut, so no forecast sees the future it is scored on.
public struct Backtest: Sendable {
    public var forecaster: Forecaster
    public var method: ForecastMethod
    public var origins: Int
    public var step: Int

    public init(forecaster: Forecaster, method: ForecastMethod, origins: Int = 3, step: Int? = nil) {
        var pointsOnly = forecaster
        pointsOnly.intervals = false
        self.forecaster = pointsOnly
        self.method = method
        self.origins = max(1, origins)
        self.step = max(1, step ?? forecaster.horizon)
    }

    public struct Result: Sendable {
        /// Per series, in the order given: the model chosen at the last origin, and the scores (nil for a series too
        /// short for one origin).
        public var series: [(model: String, accuracy: ForecastAccuracy?)]
        public var total: ForecastAccuracy
    }

    /// Evaluates plain series.
    public func run(_ series: [[Double]]) -> Result {
        evaluate(series.map { values in { forecaster.forecast($0, method: method) } as Cut }, series)
    }

    /// Evaluates daily series (each with its first day) with calendar effects learnt from their total before the
    /// earliest cut.
    public func run(daily series: [(start: CalendarDay, values: [Double])]) -> Result {
        let earliest = series.map { item in (item.start, Array(item.values.prefix(max(0, item.values.count - span)))) }
        let adjustment = CalendarAdjustment(learningFromTotalOf: earliest, horizon: span)
        let cuts: [Cut] = series.map { item in
            { past in
                guard let adjustment else { return forecaster.forecast(past, method: method) }
                return forecaster.forecast(all: [(item.start, past)], method: method, calendar: adjustment)[0]
            }
        }
        return evaluate(cuts, series.map(\.values))
    }

    /// Periods from the earliest cut to the end of a series.
    private var span: Int { (origins - 1) * step + forecaster.horizon }

    private typealias Cut = @Sendable ([Double]) -> SeriesForecast

    private func evaluate(_ cuts: [Cut], _ series: [[Double]]) -> Result {
        let scored: [(model: String, score: Score)] = Parallel.array(count: series.count, chunkSize: 8) { chunk, output in
            for index in (chunk * 8)..<min(series.count, (chunk + 1) * 8) {
                output.set(index, score(series[index], cuts[index]))
            }
        }
        var total = Score()
        for item in scored { total.add(item.score) }
        return Result(
            series: scored.map { ($0.model, $0.score.points > 0 ? $0.score.accuracy : nil) }, total: total.accuracy)
    }

    private func score(_ values: [Double], _ cut: Cut) -> (model: String, score: Score) {
        let horizon = forecaster.horizon
        let season = forecaster.seasonLength
        var score = Score()
        var model = ""
        for origin in 0..<origins {
            let end = values.count - horizon - origin * step
            guard end >= max(2 * season, 2) else { break }
            let past = Array(values[..<end])
            let forecast = cut(past)
            if origin == 0 { model = forecast.model }
            score.add(actual: values[end..<(end + horizon)], forecast: forecast.point, history: past, season: season)
        }
        return (model, score)
    }
}

/// Sums of errors, from which every measure follows; added over origins and over series.
private struct Score: Sendable {
    var absoluteErrors = 0.0
    var absoluteActuals = 0.0
    var errors = 0.0
    var smapes = 0.0
    var points = 0
    /// Scaled errors of each origin (a series) or of each series (a total), with how many there are.
    var mases = (sum: 0.0, count: 0)
    var rmsses = (sum: 0.0, count: 0)

    mutating func add(actual: ArraySlice<Double>, forecast: [Double], history: [Double], season: Int) {
        var absolute = 0.0
        var squares = 0.0
        for (actual, forecast) in zip(actual, forecast) {
            let error = forecast - actual
            absolute += abs(error)
            squares += error * error
            errors += error
            absoluteActuals += abs(actual)
            let denominator = abs(actual) + abs(forecast)
            if denominator > 0 { smapes += 200 * abs(error) / denominator }
        }
        absoluteErrors += absolute
        points += forecast.count
        let count = Double(forecast.count)
        let naive = Self.meanNaiveError(history, lag: season, squared: false)
        let naive1 = Self.meanNaiveError(history, lag: 1, squared: true)
        // Like the M5 scoring, an origin counts only when both scales are positive.
        if naive > 0, naive1 > 0 {
            mases.sum += absolute / count / naive
            mases.count += 1
            rmsses.sum += (squares / count / naive1).squareRoot()
            rmsses.count += 1
        }
    }

    /// Adds a series' score to a total: sums add; MASE and RMSSE are averaged over series.
    mutating func add(_ series: Score) {
        absoluteErrors += series.absoluteErrors
        absoluteActuals += series.absoluteActuals
        errors += series.errors
        smapes += series.smapes
        points += series.points
        if let mase = series.mase {
            mases.sum += mase
            mases.count += 1
        }
        if let rmsse = series.rmsse {
            rmsses.sum += rmsse
            rmsses.count += 1
        }
    }

    var mase: Double? { mases.count > 0 ? mases.sum / Double(mases.count) : nil }
    var rmsse: Double? { rmsses.count > 0 ? rmsses.sum / Double(rmsses.count) : nil }

    var accuracy: ForecastAccuracy {
        ForecastAccuracy(
            mase: mase, rmsse: rmsse, smape: points > 0 ? smapes / Double(points) : 0,
            wape: absoluteActuals > 0 ? absoluteErrors / absoluteActuals : nil,
            bias: absoluteActuals > 0 ? errors / absoluteActuals : nil, points: points)
    }

    /// In-sample mean absolute (or squared) difference between each value and the one `lag` periods before; 0 when
    /// the history is not longer than the lag.
    static func meanNaiveError(_ history: [Double], lag: Int, squared: Bool) -> Double {
        guard history.count > lag else { return 0 }
        var sum = 0.0
        for index in lag..<history.count {
            let difference = history[index] - history[index - lag]
            sum += squared ? difference * difference : abs(difference)
        }
        return sum / Double(history.count - lag)
    }
}

extension Backtest {
    /// Evaluates the daily demand of `history`'s series with the calendar effects the database forecast uses.
    public func run(_ history: DemandHistory) -> Result {
        run(daily: history.series.map { (history.start, $0.values) })
    }

    /// The run as stored: `subject` names what was forecast, `ids` the series in the order evaluated (series too
    /// short for one origin are left out).
    public func record(
        _ result: Result, subject: String, ids: [String], actor: String, at instant: Instant
    ) -> (run: BacktestRun, series: [SeriesAccuracy]) {
        let series = zip(ids, result.series).compactMap { id, item in
            item.accuracy.map { SeriesAccuracy(seriesID: id, model: item.model, accuracy: $0) }
        }
        let run = BacktestRun(
            ranAt: instant, actor: actor, subject: subject, method: method.rawValue, horizon: forecaster.horizon,
            origins: origins, step: step, seriesCount: series.count, total: result.total)
        return (run, series)
    }
}
