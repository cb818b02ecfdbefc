/// Effects of outside drivers (weather, promotions, prices) on demand, learnt from history and shared by every series.
///
/// The model is multiplicative around each series' local level: demand ≈ level × (1 + Σₖ βₖ (xₖ − x̄ₖ)), where the
/// level at a period is the mean, over the periods within `radius` of it, of the series with the drivers' effects
/// taken out (found by backfitting; the level absorbs trend and season, not the drivers) and x̄ₖ is driver k's mean
/// over the history. β is
/// fitted by least squares pooled over all series and periods, each period weighted by its level, so big series
/// count more and the many sparse ones do not add noise one by one. A period without a driver's value counts as its
/// mean (no effect) and teaches nothing about it.
///
/// A forecaster divides each history by its periods' factors, forecasts the demand without the drivers, and multiplies
/// the forecast by the factors of the periods ahead, computed from the drivers' planned or forecast values.
public struct RegressorEffects: Sendable, Equatable {
    public let names: [String]
    /// Relative change in demand per unit of each driver above its mean.
    public let coefficients: [Double]
    public let means: [Double]

    /// Factors never go below this (a driver far outside its history cannot turn demand negative).
    static let minimumFactor = 0.05
    /// A small ridge on the normal equations, relative to their scale: keeps a driver that never varies at 0.
    static let ridge = 1e-9

    public init(names: [String], coefficients: [Double], means: [Double]) {
        self.names = names
        self.coefficients = coefficients
        self.means = means
    }

    /// Learns the effects from series and their drivers: `drivers[k][t]` is driver k at period t of the series (nil
    /// where unknown; arrays may be longer than the history). `radius` is the half-width of the local level.
    public init(names: [String], learningFrom series: [(values: [Double], drivers: [[Double?]])], radius: Int) {
        let k = names.count
        var sums = [Double](repeating: 0, count: k)
        var counts = [Int](repeating: 0, count: k)
        for item in series {
            for driver in 0..<k where driver < item.drivers.count {
                for value in item.drivers[driver].prefix(item.values.count) {
                    if let value {
                        sums[driver] += value
                        counts[driver] += 1
                    }
                }
            }
        }
        let means = (0..<k).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
        // Deviations from the means per series, period and driver (0 where unknown).
        let deviations = series.map { item in
            (0..<k).map { driver in
                item.values.indices.map { t in
                    let x = driver < item.drivers.count && t < item.drivers[driver].count ? item.drivers[driver][t] : nil
                    return x.map { $0 - means[driver] } ?? 0
                }
            }
        }
        // Backfitting: the local level is taken from the series with the drivers' current effects removed, so a
        // driver that moves slowly (temperature over a season) is not absorbed into the level; a few rounds settle.
        var coefficients = [Double](repeating: 0, count: k)
        for _ in 0..<Self.rounds {
            let next = Self.fit(series.map(\.values), deviations, coefficients: coefficients, radius: max(1, radius))
            let change = zip(next, coefficients).map { abs($0 - $1) }.max() ?? 0
            coefficients = next
            if change < 1e-7 { break }
        }
        self.init(names: names, coefficients: coefficients, means: means)
    }

    /// Rounds of backfitting at most.
    static let rounds = 30

    /// One least-squares fit of the coefficients against local levels of the series divided by the factors of
    /// `coefficients`: minimises Σ (y − level × (1 + β·d))², each period weighted by its level.
    static func fit(_ series: [[Double]], _ deviations: [[[Double]]], coefficients: [Double], radius: Int) -> [Double] {
        let k = coefficients.count
        var normal = [Double](repeating: 0, count: k * k)
        var right = [Double](repeating: 0, count: k)
        for (index, values) in series.enumerated() {
            let d = deviations[index]
            let adjusted = values.indices.map { t in
                values[t] / max(minimumFactor, 1 + (0..<k).reduce(0) { $0 + coefficients[$1] * d[$1][t] })
            }
            let levels = localLevels(adjusted, radius: radius)
            for (t, value) in values.enumerated() where levels[t] > 0 {
                let level = levels[t]
                for i in 0..<k where d[i][t] != 0 {
                    right[i] += level * (value - level) * d[i][t]
                    for j in 0...i { normal[i * k + j] += level * level * d[i][t] * d[j][t] }
                }
            }
        }
        let scale = (0..<k).map { normal[$0 * k + $0] }.max() ?? 0
        guard scale > 0 else { return [Double](repeating: 0, count: k) }
        for i in 0..<k { normal[i * k + i] += ridge * scale }
        return (try? CholeskyFactor(symmetric: normal, dimension: k))?.solve(right) ?? [Double](repeating: 0, count: k)
    }

    /// The factor of each period from the drivers' values (`drivers[k][t]`; nil counts as the mean), `count` periods.
    public func factors(_ drivers: [[Double?]], count: Int) -> [Double] {
        (0..<count).map { t in
            var effect = 0.0
            for (driver, coefficient) in coefficients.enumerated() where driver < drivers.count && t < drivers[driver].count {
                if let x = drivers[driver][t] { effect += coefficient * (x - means[driver]) }
            }
            return max(Self.minimumFactor, 1 + effect)
        }
    }

    /// The mean of the values within `radius` periods of each period (fewer at the ends), by prefix sums.
    static func localLevels(_ values: [Double], radius: Int) -> [Double] {
        var prefix = [0.0]
        prefix.reserveCapacity(values.count + 1)
        for value in values { prefix.append(prefix[prefix.count - 1] + value) }
        return values.indices.map { t in
            let low = max(0, t - radius)
            let high = min(values.count, t + radius + 1)
            return (prefix[high] - prefix[low]) / Double(high - low)
        }
    }
}

extension RegressorEffects {
    /// Learns the drivers' effects from series already divided by `base` factors (the calendar's, say), and returns
    /// them with each series' combined factors (base × drivers) over its history and `horizon` periods after it.
    /// `drivers[i]` are series i's drivers over that span; `base[i]`, when given, its factors over the same span.
    public static func combined(
        names: [String], series: [[Double]], drivers: [[[Double?]]], base: [[Double]]?, horizon: Int, radius: Int
    ) -> (effects: RegressorEffects, factors: [[Double]]) {
        let adjusted = series.enumerated().map { index, values in
            guard let base else { return values }
            return values.enumerated().map { position, value in
                let factor = position < base[index].count ? base[index][position] : 1
                return factor > 0 ? value / factor : value
            }
        }
        let effects = RegressorEffects(names: names, learningFrom: Array(zip(adjusted, drivers)), radius: radius)
        let factors = series.indices.map { index in
            let span = series[index].count + horizon
            let own = effects.factors(drivers[index], count: span)
            guard let base else { return own }
            return own.enumerated().map { position, factor in factor * (position < base[index].count ? base[index][position] : 1) }
        }
        return (effects, factors)
    }
}
