/// The forecasting methods a planner can ask for by name; `auto` chooses per series.
public enum ForecastMethod: String, CaseIterable, Sendable, Codable {
    /// Sparse series (by `DemandClass`): `horizonLevel`. Others: the best by rolling-origin validation of ETS
    /// (its own choice by AICc), Theta and `horizonLevel`.
    case auto
    /// For quantities that must be right on average, such as stock to order: sparse series get SBA (Croston with
    /// its bias removed); others the better of ETS and Theta in the same validation as `auto`. `auto`'s horizon
    /// level sits below the mean for lumpy demand, which suits the error of a forecast but would under-stock.
    case autoUnbiased = "auto-unbiased"
    case seasonalNaive = "seasonal-naive"
    /// The exponential smoothing state-space model with the lowest AICc among the admissible ones.
    case ets
    case theta
    case croston
    case sba
    case tsb
    case horizonLevel = "horizon-level"
}

/// One series' forecast: a point per future period, the bounds of its prediction interval, and the model used.
public struct SeriesForecast: Sendable, Equatable {
    public var point: [Double]
    public var lower: [Double]
    public var upper: [Double]
    /// The model as planners see it: "ETS(A,N,A)", "Theta", "SBA", "HorizonLevel", ...
    public var model: String

    public init(point: [Double], lower: [Double], upper: [Double], model: String) {
        self.point = point
        self.lower = lower
        self.upper = upper
        self.model = model
    }
}
