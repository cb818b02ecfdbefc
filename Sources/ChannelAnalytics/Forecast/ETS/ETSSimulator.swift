/// Draws sample paths from an ETS model with Gaussian innovations.
///
/// Each step forms the one-step forecast `ŷ` from the current state, draws `ε ~ N(0, σ²)`, sets
/// `y = ŷ + ε` (additive error) or `y = ŷ(1 + ε)` (multiplicative error) and updates the state with `y`
/// by the same recursion used for fitting. Used for prediction intervals of the non-linear models and for
/// simulation studies (tests that recover known parameters).
public struct ETSSimulator: Sendable {
    public let spec: ETSSpec
    public let parameters: ETSParameters
    /// Standard deviation of the innovations (relative for multiplicative error).
    public let sigma: Double

    public init(spec: ETSSpec, parameters: ETSParameters, sigma: Double) {
        self.spec = spec
        self.parameters = parameters
        self.sigma = sigma
    }

    /// `count` observations following `state`; the seasonal period is `state.season.count`.
    ///
    /// A path that leaves the admissible region (a multiplicative model reaching a non-positive forecast)
    /// keeps going with whatever values result, possibly non-finite; callers summarising many paths should
    /// skip those.
    public func simulate(from state: ETSState, count: Int, using generator: inout SplitMix64) -> [Double] {
        guard count > 0 else { return [] }
        let dynamics = ETSDynamics(spec: spec, parameters: parameters)
        var level = state.level
        var trend = state.trend
        var season = spec.hasSeason ? state.season : []
        let m = season.count
        var index = 0
        var path = [Double](repeating: 0, count: count)
        for t in 0..<count {
            let s = m > 0 ? season[index] : 0
            let q = dynamics.base(level: level, trend: trend)
            let yHat = dynamics.forecast(base: q, season: s)
            let e = sigma * generator.nextGaussian()
            let y = spec.error == .multiplicative ? yHat * (1 + e) : yHat + e
            path[t] = y
            let newSeason = dynamics.update(observation: y, forecast: yHat, base: q, season: s, level: &level, trend: &trend)
            if m > 0 {
                season[index] = newSeason
                index = (index + 1) % m
            }
        }
        return path
    }
}
