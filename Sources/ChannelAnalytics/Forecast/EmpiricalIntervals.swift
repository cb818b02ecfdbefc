/// Prediction intervals from a method's own out-of-sample errors: the method forecasts from earlier origins (every
/// `horizon` periods back), its errors against what came next are pooled over origins and steps, and their quantiles
/// are added to the forecast. Works for any point method, the flat ones for sparse demand included, whose errors
/// are far from normal.
public enum EmpiricalIntervals {
    /// Origins used at most.
    public static let maximumOrigins = 8

    /// Lower and upper bounds at `level` (e.g. 0.8) around `forecast`; nil when the series is too short for one
    /// origin with at least `horizon` periods before it.
    public static func bounds(
        _ values: [Double], forecast: [Double], horizon: Int, level: Double, method: ([Double]) -> [Double]
    ) -> (lower: [Double], upper: [Double])? {
        var errors: [Double] = []
        var origin = values.count - horizon
        var origins = 0
        while origin >= horizon, origins < maximumOrigins {
            let past = Array(values[..<origin])
            let predicted = method(past)
            for step in 0..<horizon { errors.append(values[origin + step] - predicted[step]) }
            origin -= horizon
            origins += 1
        }
        guard !errors.isEmpty else { return nil }
        errors.sort()
        let tail = (1 - level) / 2
        let low = quantile(errors, tail)
        let high = quantile(errors, 1 - tail)
        return (forecast.map { $0 + low }, forecast.map { $0 + high })
    }

    /// Linear interpolation between order statistics of sorted `values`.
    static func quantile(_ values: [Double], _ p: Double) -> Double {
        let position = p * Double(values.count - 1)
        let below = Int(position)
        let above = min(below + 1, values.count - 1)
        let weight = position - Double(below)
        return values[below] * (1 - weight) + values[above] * weight
    }
}
