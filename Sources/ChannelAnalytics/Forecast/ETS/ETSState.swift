/// The state vector of an ETS model at one time point.
///
/// `season` holds the last `m` seasonal states in time order: `season[0]` is the oldest and is the one
/// used for the next observation, `season[m − 1]` the most recent. Empty for non-seasonal models.
/// `trend` is ignored without a trend component (use 0 for additive and 1 for multiplicative trends).
public struct ETSState: Hashable, Sendable {
    public var level: Double
    public var trend: Double
    public var season: [Double]

    public init(level: Double, trend: Double = 0, season: [Double] = []) {
        self.level = level
        self.trend = trend
        self.season = season
    }
}
