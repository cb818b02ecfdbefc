/// Heuristic initial states from the first few seasons, the starting point for maximum likelihood.
///
/// Follows the classical-decomposition recipe of Hyndman et al. (2008, sec. 2.6.1), in outline:
/// 1. seasonal indices: a centred moving average of order `m` (2×m for even `m`) over the first two to
///    four full seasons; the detrended values (differences, or ratios for a multiplicative season) are
///    averaged per season position and normalised to sum 0 (or average 1);
/// 2. level and trend: a least-squares line through the first few seasonally adjusted values gives the
///    intercept (level just before the first observation) and the slope (additive growth, or `1 + slope/level`
///    for a multiplicative trend). Without a trend the level is the mean of the first few adjusted values.
enum ETSStartingValues {
    static func initialState(_ y: [Double], seasonLength m: Int, spec: ETSSpec) -> ETSState {
        let n = y.count
        let multiplicativeSeason = spec.season == .multiplicative
        var season: [Double] = []
        if spec.hasSeason && m > 1 {
            season = seasonalIndices(y, seasonLength: m, multiplicative: multiplicativeSeason)
        }
        // Seasonally adjusted head of the series.
        let headCount = Swift.min(n, spec.hasSeason ? Swift.max(2 * m, 10) : 10)
        var adjusted = [Double](repeating: 0, count: headCount)
        for t in 0..<headCount {
            if season.isEmpty {
                adjusted[t] = y[t]
            } else if multiplicativeSeason {
                adjusted[t] = y[t] / season[t % m]
            } else {
                adjusted[t] = y[t] - season[t % m]
            }
        }
        guard spec.hasTrend, headCount >= 2 else {
            let count = Swift.max(1, Swift.min(headCount, spec.hasSeason ? m : 5))
            let mean = adjusted.prefix(count).reduce(0, +) / Double(count)
            return ETSState(level: mean, trend: spec.hasTrend ? defaultTrend(spec) : 0, season: season)
        }
        // Least squares on t = 1 ... headCount; the intercept is the value at t = 0.
        let count = Double(headCount)
        let meanT = (count + 1) / 2
        let meanY = adjusted.reduce(0, +) / count
        var sxy = 0.0
        var sxx = 0.0
        for t in 0..<headCount {
            let dt = Double(t + 1) - meanT
            sxy += dt * (adjusted[t] - meanY)
            sxx += dt * dt
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        var level = meanY - slope * meanT
        switch spec.trend {
        case .multiplicative, .multiplicativeDamped:
            if level <= 0 { level = adjusted[0] }
            let growth = level > 0 ? 1 + slope / level : 1
            return ETSState(level: level, trend: Swift.min(Swift.max(growth, 0.5), 1.5), season: season)
        case .none, .additive, .damped:
            return ETSState(level: level, trend: slope, season: season)
        }
    }

    private static func defaultTrend(_ spec: ETSSpec) -> Double {
        spec.trend == .multiplicative || spec.trend == .multiplicativeDamped ? 1 : 0
    }

    /// Normalised seasonal indices, `result[j]` for season position `j` (observation `t` has position `t % m`).
    static func seasonalIndices(_ y: [Double], seasonLength m: Int, multiplicative: Bool) -> [Double] {
        let seasons = Swift.min(y.count / m, 4)
        let neutral = multiplicative ? 1.0 : 0.0
        guard seasons >= 2 else {
            // One season only: deviations from its own mean.
            let head = Array(y.prefix(m))
            guard head.count == m else { return [Double](repeating: neutral, count: m) }
            let mean = head.reduce(0, +) / Double(m)
            return head.map { multiplicative ? ($0 / mean) : ($0 - mean) }
        }
        let length = seasons * m
        let half = m / 2
        var sums = [Double](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: m)
        for t in half..<(length - half) {
            var average: Double
            if m % 2 == 1 {
                average = 0
                for j in (t - half)...(t + half) { average += y[j] }
                average /= Double(m)
            } else {
                // 2×m moving average: half weight on the two end points.
                average = 0.5 * (y[t - half] + y[t + half])
                for j in (t - half + 1)..<(t + half) { average += y[j] }
                average /= Double(m)
            }
            let detrended = multiplicative ? y[t] / average : y[t] - average
            guard detrended.isFinite else { continue }
            sums[t % m] += detrended
            counts[t % m] += 1
        }
        var indices = [Double](repeating: neutral, count: m)
        for j in 0..<m where counts[j] > 0 { indices[j] = sums[j] / Double(counts[j]) }
        let mean = indices.reduce(0, +) / Double(m)
        if multiplicative {
            if mean > 0 { indices = indices.map { Swift.max($0 / mean, 1e-3) } }
        } else {
            indices = indices.map { $0 - mean }
        }
        return indices
    }
}
