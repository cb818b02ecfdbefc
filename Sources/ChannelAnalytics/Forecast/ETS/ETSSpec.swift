/// One member of the exponential smoothing state-space taxonomy, written ETS(error, trend, season).
///
/// The taxonomy (Hyndman, Koehler, Snyder & Grose 2002; Hyndman & Athanasopoulos, *Forecasting: Principles
/// and Practice*, ch. 8) combines an error type (A, M), a trend type (N, A, Ad, M, Md) and a season type
/// (N, A, M): 2 × 5 × 3 = 30 models, all representable here. ``all(seasonal:positive:multiplicativeTrend:)``
/// returns the subset that automatic selection tries.
public struct ETSSpec: Hashable, Sendable, CustomStringConvertible {
    /// How the innovation enters the observation: added (`y = ŷ + ε`) or relative (`y = ŷ(1 + ε)`).
    public enum Error: Hashable, Sendable {
        case additive, multiplicative
    }

    /// How the growth component combines with the level when forecasting.
    public enum Trend: Hashable, Sendable {
        /// N: no growth.
        case none
        /// A: `ℓ + h·b`.
        case additive
        /// Ad: `ℓ + (φ + … + φʰ)·b`.
        case damped
        /// M: `ℓ·bʰ`.
        case multiplicative
        /// Md: `ℓ·b^(φ + … + φʰ)`.
        case multiplicativeDamped
    }

    /// How the seasonal component combines with level and trend.
    public enum Season: Hashable, Sendable {
        case none, additive, multiplicative
    }

    public var error: Error
    public var trend: Trend
    public var season: Season

    /// Creates a spec; the defaults give simple exponential smoothing, ETS(A,N,N).
    public init(error: Error = .additive, trend: Trend = .none, season: Season = .none) {
        self.error = error
        self.trend = trend
        self.season = season
    }

    /// The literature's short name, for example `ETS(M,Ad,A)`.
    public var description: String {
        let e = error == .additive ? "A" : "M"
        let t: String
        switch trend {
        case .none: t = "N"
        case .additive: t = "A"
        case .damped: t = "Ad"
        case .multiplicative: t = "M"
        case .multiplicativeDamped: t = "Md"
        }
        let s: String
        switch season {
        case .none: s = "N"
        case .additive: s = "A"
        case .multiplicative: s = "M"
        }
        return "ETS(\(e),\(t),\(s))"
    }

    /// True when the model has a trend component (state `b`).
    public var hasTrend: Bool { trend != .none }

    /// True when the trend is damped (parameter `φ`).
    public var isDamped: Bool { trend == .damped || trend == .multiplicativeDamped }

    /// True when the model has a seasonal component (states `s`, parameter `γ`).
    public var hasSeason: Bool { season != .none }

    /// True when any component is multiplicative, which requires strictly positive data.
    public var needsPositiveData: Bool {
        error == .multiplicative || season == .multiplicative
            || trend == .multiplicative || trend == .multiplicativeDamped
    }

    /// True for the models with additive error, additive-or-damped (or no) trend and additive (or no) season.
    ///
    /// These are linear ("class 1" in Hyndman et al. 2008, ch. 6): forecast variances have a closed form.
    public var isLinear: Bool {
        error == .additive && (trend == .none || trend == .additive || trend == .damped) && season != .multiplicative
    }

    /// Every one of the 30 combinations, in a fixed order.
    public static let taxonomy: [ETSSpec] = {
        var specs: [ETSSpec] = []
        for error in [Error.additive, .multiplicative] {
            for trend in [Trend.none, .additive, .damped, .multiplicative, .multiplicativeDamped] {
                for season in [Season.none, .additive, .multiplicative] {
                    specs.append(ETSSpec(error: error, trend: trend, season: season))
                }
            }
        }
        return specs
    }()

    /// The candidate models for automatic selection, following the defaults of R's `forecast::ets`.
    ///
    /// Excluded, and why:
    /// - Any multiplicative component when the data are not strictly positive (`positive == false`): relative
    ///   errors, ratios and seasonal factors are undefined at or below zero.
    /// - Seasonal models when `seasonal == false` (season length 1, or fewer than two full seasons plus a
    ///   few points; the caller decides, see ``ETSModel/auto(_:seasonLength:)``).
    /// - Additive error with multiplicative season, ETS(A,·,M): the state updates divide the additive error
    ///   by a seasonal factor, so a factor near zero blows the states up; the likelihood surface becomes
    ///   numerically unstable (Hyndman et al. 2008, sec. 15.1; `restrict = TRUE` in `forecast::ets`).
    /// - Multiplicative trends (M, Md) unless `multiplicativeTrend` is true: their forecasts grow
    ///   exponentially and they rarely win out of sample. When enabled, ETS(A,M/Md,·) and ETS(M,M/Md,A) stay
    ///   excluded for the same numerical-stability reason as above.
    ///
    /// With positive seasonal data this gives 15 models (19 with multiplicative trends).
    public static func all(seasonal: Bool, positive: Bool, multiplicativeTrend: Bool = false) -> [ETSSpec] {
        taxonomy.filter { spec in
            if spec.hasSeason && !seasonal { return false }
            if spec.needsPositiveData && !positive { return false }
            let multiplicativeTrendSpec = spec.trend == .multiplicative || spec.trend == .multiplicativeDamped
            if multiplicativeTrendSpec && !multiplicativeTrend { return false }
            if spec.error == .additive && (spec.season == .multiplicative || multiplicativeTrendSpec) { return false }
            if spec.error == .multiplicative && multiplicativeTrendSpec && spec.season == .additive { return false }
            return true
        }
    }
}
