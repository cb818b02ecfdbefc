/// Forecasts for sparse demand: Croston's method, its bias correction by Syntetos and Boylan (SBA), and the
/// demand-probability variant of Teunter, Syntetos and Babai (TSB). Each gives one flat forecast per period.
public enum IntermittentDemand {
    /// Croston: exponential smoothing of the non-zero sizes `z` and of the intervals between them `p`, updated only
    /// in periods with demand; the forecast is z / p. The first demand initialises both (its interval counted from
    /// the start of the series).
    public static func croston(_ values: [Double], alpha: Double = 0.1) -> Double {
        guard let (size, interval) = smoothedSizeAndInterval(values, alpha: alpha) else { return 0 }
        return size / interval
    }

    /// SBA: Croston's forecast times (1 − α/2), which removes most of its upward bias.
    public static func sba(_ values: [Double], alpha: Double = 0.1) -> Double {
        croston(values, alpha: alpha) * (1 - alpha / 2)
    }

    /// TSB: smooths the size in periods with demand (`alphaSize`) and the probability of demand in every period
    /// (`alphaProbability`, towards 1 or 0); the forecast is size × probability, so it decays while no demand comes.
    /// Initial size: the first non-zero demand; initial probability: the share of periods with demand.
    public static func tsb(_ values: [Double], alphaSize: Double = 0.1, alphaProbability: Double = 0.1) -> Double {
        guard let first = values.first(where: { $0 != 0 }) else { return 0 }
        var size = first
        var probability = Double(values.count(where: { $0 != 0 })) / Double(values.count)
        for value in values {
            if value != 0 {
                size += alphaSize * (value - size)
                probability += alphaProbability * (1 - probability)
            } else {
                probability -= alphaProbability * probability
            }
        }
        return size * probability
    }

    /// Smoothed non-zero size and interval after the last period; nil without any demand.
    static func smoothedSizeAndInterval(_ values: [Double], alpha: Double) -> (size: Double, interval: Double)? {
        var size = 0.0
        var interval = 0.0
        var last = -1
        for (period, value) in values.enumerated() where value != 0 {
            let gap = Double(period - last)
            if last < 0 {
                size = value
                interval = gap
            } else {
                size += alpha * (value - size)
                interval += alpha * (gap - interval)
            }
            last = period
        }
        return last < 0 ? nil : (size, interval)
    }
}
