public import ChannelCore

/// Multiplicative effects of the Chinese holidays and festivals on daily demand, learnt from history: for each event
/// and each day of its window, the average ratio of the demand on that day to the demand of ordinary days around
/// it. A forecaster divides the history by these factors, forecasts the ordinary demand, and multiplies the forecast
/// back on the days the events fall on.
///
/// Sparse series say little about a festival each, so the effects are learnt from a reference series (the total
/// of the series being forecast) and applied to all of them.
public struct CalendarEffects: Sendable {
    /// Factor per event and offset; 1 for occurrences never seen in the history.
    public let factors: [ChinaCalendar.Occurrence: Double]

    /// Days on either side of a day whose ordinary (non-event) days make its baseline: wide enough to reach past
    /// the Spring Festival's five weeks.
    static let baselineRadius = 35
    /// A baseline needs at least this many ordinary days.
    static let minimumOrdinaryDays = 21

    public init(factors: [ChinaCalendar.Occurrence: Double]) { self.factors = factors }

    /// Learns the effects from a daily series starting at `start`.
    public init(learningFrom values: [Double], start: CalendarDay) {
        let events = ChinaCalendar.occurrences(from: start, count: values.count)
        // Prefix sums over ordinary days only, so a day's baseline is the mean of the ordinary days near it.
        var sums = [0.0]
        var counts = [0]
        for (index, value) in values.enumerated() {
            let ordinary = events[index] == nil
            sums.append(sums[index] + (ordinary ? value : 0))
            counts.append(counts[index] + (ordinary ? 1 : 0))
        }
        var ratios: [ChinaCalendar.Occurrence: (total: Double, count: Int)] = [:]
        for (index, occurrence) in events.enumerated() {
            guard let occurrence else { continue }
            let low = max(0, index - Self.baselineRadius)
            let high = min(values.count, index + Self.baselineRadius + 1)
            let ordinaryDays = counts[high] - counts[low]
            guard ordinaryDays >= Self.minimumOrdinaryDays else { continue }
            let baseline = (sums[high] - sums[low]) / Double(ordinaryDays)
            guard baseline > 0 else { continue }
            ratios[occurrence, default: (0, 0)].total += values[index] / baseline
            ratios[occurrence, default: (0, 0)].count += 1
        }
        factors = ratios.mapValues { max(0.05, $0.total / Double($0.count)) }
    }

    /// The factor of every day from `start` on.
    public func factors(from start: CalendarDay, count: Int) -> [Double] {
        ChinaCalendar.occurrences(from: start, count: count).map { occurrence in occurrence.flatMap { factors[$0] } ?? 1 }
    }
}

/// Calendar factors for a span of days, computed once and shared by every series forecast over that span.
public struct CalendarAdjustment: Sendable {
    private let first: CalendarDay
    private let factors: [Double]

    public init(effects: CalendarEffects, from first: CalendarDay, through last: CalendarDay) {
        self.first = first
        factors = effects.factors(from: first, count: max(0, Int(last.daysSinceEpoch - first.daysSinceEpoch) + 1))
    }

    /// The factors of `count` days from `day` (1 outside the span).
    public func factors(from day: CalendarDay, count: Int) -> [Double] {
        let offset = Int(day.daysSinceEpoch - first.daysSinceEpoch)
        return (offset..<(offset + count)).map { factors.indices.contains($0) ? factors[$0] : 1 }
    }
}

extension CalendarAdjustment {
    /// Effects learnt from the total of daily series (summed by date), for their span and `horizon` days after it;
    /// nil without any values.
    public init?(learningFromTotalOf series: [(start: CalendarDay, values: [Double])], horizon: Int) {
        let spans = series.filter { !$0.values.isEmpty }
        guard let first = spans.map(\.start).min(),
            let last = spans.map({ $0.start.adding(days: $0.values.count - 1) }).max()
        else { return nil }
        var total = [Double](repeating: 0, count: Int(last.daysSinceEpoch - first.daysSinceEpoch) + 1)
        for item in spans {
            let offset = Int(item.start.daysSinceEpoch - first.daysSinceEpoch)
            for (index, value) in item.values.enumerated() { total[offset + index] += value }
        }
        self.init(effects: CalendarEffects(learningFrom: total, start: first), from: first, through: last.adding(days: horizon))
    }
}
