/// The last season repeated: the forecast for a period is the value one season earlier (the last value when the
/// season length is 1, or when the series is shorter than a season).
public enum SeasonalNaive {
    public static func forecast(_ values: [Double], seasonLength: Int, horizon: Int) -> [Double] {
        guard !values.isEmpty else { return Array(repeating: 0, count: horizon) }
        let season = values.count >= seasonLength ? max(1, seasonLength) : 1
        let last = values.suffix(season)
        return (0..<horizon).map { step in last[last.startIndex + step % season] }
    }
}
