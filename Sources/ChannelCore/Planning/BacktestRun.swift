/// One stored rolling-origin evaluation: what was forecast, how, when, and how accurate it was in total.
public struct BacktestRun: Sendable, Equatable, Encodable {
    /// The store's id of the run; nil before it is saved.
    public var id: Int64?
    public var ranAt: Instant
    /// Who ran it (a user id, or `cli`).
    public var actor: String
    /// What was forecast: a demand level such as `sku-province`, or the name of a series file.
    public var subject: String
    /// The forecasting method as asked for (`auto`, `ets`, ...).
    public var method: String
    public var horizon: Int
    /// Forecast origins per series, `step` periods apart, the last `horizon` periods before the end of the data.
    public var origins: Int
    public var step: Int
    public var seriesCount: Int
    public var total: ForecastAccuracy

    enum CodingKeys: String, CodingKey {
        case id, actor, subject, method, horizon, origins, step, total
        case ranAt = "ran_at"
        case seriesCount = "series_count"
    }

    /// Snake-case keys, the instant as ISO 8601 text (the API's shape).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ranAt.iso8601, forKey: .ranAt)
        try container.encode(actor, forKey: .actor)
        try container.encode(subject, forKey: .subject)
        try container.encode(method, forKey: .method)
        try container.encode(horizon, forKey: .horizon)
        try container.encode(origins, forKey: .origins)
        try container.encode(step, forKey: .step)
        try container.encode(seriesCount, forKey: .seriesCount)
        try container.encode(total, forKey: .total)
    }

    public init(
        id: Int64? = nil, ranAt: Instant, actor: String, subject: String, method: String, horizon: Int, origins: Int,
        step: Int, seriesCount: Int, total: ForecastAccuracy
    ) {
        self.id = id
        self.ranAt = ranAt
        self.actor = actor
        self.subject = subject
        self.method = method
        self.horizon = horizon
        self.origins = origins
        self.step = step
        self.seriesCount = seriesCount
        self.total = total
    }
}

/// The accuracy of one series in a backtest, with the model the method chose for it at the last origin.
public struct SeriesAccuracy: Sendable, Equatable, Codable {
    public var seriesID: String
    public var model: String
    public var accuracy: ForecastAccuracy

    enum CodingKeys: String, CodingKey {
        case model, accuracy
        case seriesID = "series_id"
    }

    public init(seriesID: String, model: String, accuracy: ForecastAccuracy) {
        self.seriesID = seriesID
        self.model = model
        self.accuracy = accuracy
    }
}
