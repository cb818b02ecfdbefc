/// How far forecasts were from what happened, over a set of forecast points (one series or many).
///
/// - `mase`: mean absolute error over the in-sample mean absolute error of the seasonal naive forecast (lag = season
///   length) of the history before each origin; averaged over origins (and, in a total, over series). Nil when the
///   history never changed from one season to the next.
/// - `rmsse`: as MASE with squared errors and the lag-1 naive scale, then the root (the M5 competition's measure).
/// - `smape`: mean of 200 × |actual − forecast| / (|actual| + |forecast|) per point, in percent (0–200); a point where
///   both are 0 counts as 0.
/// - `wape`: sum of absolute errors over the sum of absolute actuals; nil when everything actual was 0.
/// - `bias`: sum of (forecast − actual) over the sum of absolute actuals: positive when forecasts ran high.
public struct ForecastAccuracy: Sendable, Equatable, Codable {
    public var mase: Double?
    public var rmsse: Double?
    public var smape: Double
    public var wape: Double?
    public var bias: Double?
    /// Forecast points compared.
    public var points: Int

    public init(mase: Double?, rmsse: Double?, smape: Double, wape: Double?, bias: Double?, points: Int) {
        self.mase = mase
        self.rmsse = rmsse
        self.smape = smape
        self.wape = wape
        self.bias = bias
        self.points = points
    }
}
