public import ChannelCore

/// Forecasts as the API and `qudao forecast --format json` give them: per series its model and, per future date, the
/// forecast with the bounds of the prediction interval.
public struct ForecastDocument: Sendable, Codable, Equatable {
    public struct Point: Sendable, Codable, Equatable {
        public var date: String
        public var forecast: Double
        public var lower: Double
        public var upper: Double
    }

    public struct Series: Sendable, Codable, Equatable {
        public var seriesID: String
        /// The demand level of a database forecast (`sku-province`, ...); nil for a series file.
        public var level: String?
        public var model: String
        public var points: [Point]

        enum CodingKeys: String, CodingKey {
            case level, model, points
            case seriesID = "series_id"
        }

        /// The forecast of a series whose last date is `last`, its dates `frequency` apart.
        public init(id: String, level: String?, last: CalendarDay?, frequency: SeriesFrequency, forecast: SeriesForecast) {
            seriesID = id
            self.level = level
            model = forecast.model
            points = forecast.point.indices.map { step in
                Point(
                    date: last.map { frequency.date($0, plus: step + 1).description } ?? "", forecast: forecast.point[step],
                    lower: forecast.lower[step], upper: forecast.upper[step])
            }
        }
    }

    /// Coverage of the prediction interval (0.8: from the 10% to the 90% quantile).
    public var interval: Double
    public var series: [Series]

    public init(interval: Double, series: [Series]) {
        self.interval = interval
        self.series = series
    }

    /// The forecasts of the database's demand (daily series from `history.start`).
    public init(_ nodes: [DemandForecast.Node], start: CalendarDay, interval: Double) {
        self.interval = interval
        series = nodes.map { node in
            Series(
                id: node.series.id, level: node.level.description, last: start.adding(days: node.series.values.count - 1),
                frequency: .daily, forecast: node.forecast)
        }
    }
}
