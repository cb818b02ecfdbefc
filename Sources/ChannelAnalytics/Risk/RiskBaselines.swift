public import ChannelCore

/// What the rules learn from history before they can judge the present: the demand outlook of the stock rules and
/// the anomaly detector's baselines.
///
/// Learning takes seconds to a minute on large data; judging with what was learnt takes milliseconds. The alert
/// service keeps one set of baselines and relearns it in the background once the data's day moves on, so that the
/// evaluation after a write reads the new stock and orders against baselines at most a day old. Without baselines
/// the evaluator learns what its rules need on the spot.
public struct RiskBaselines: Sendable {
    /// The engine sequence of the snapshot the baselines were learnt from.
    public let sequence: Int64
    /// The business day of the latest order or stock snapshot they saw.
    public let day: CalendarDay?
    /// Demand and lead times for the stock rules (nil when no enabled rule needs them or there is no stock).
    public let demand: DemandOutlook?
    /// The anomaly baselines (nil when no enabled rule watches anomalous orders).
    public let anomalies: AnomalyModel?

    /// Learns what the enabled `rules` need from `snapshot`.
    public static func learn(for rules: [AlertRule], from snapshot: FactSnapshot) throws -> RiskBaselines {
        let enabled = rules.filter(\.isEnabled)
        var demand: DemandOutlook?
        if enabled.contains(where: { if case .stockBelowSafety = $0.condition { true } else { false } }),
            let stockDay = StockPosition(snapshot).day
        {
            demand = try DemandOutlook.learn(from: snapshot, at: stockDay, settings: StockReplenishment.Settings())
        }
        let anomalies = enabled.contains { if case .anomalousOrder = $0.condition { true } else { false } }
            ? AnomalyModel(learning: snapshot) : nil
        return RiskBaselines(sequence: snapshot.sequence, day: dataDay(of: snapshot), demand: demand, anomalies: anomalies)
    }

    /// Whether these baselines should be relearnt for `snapshot`: its data reached a later day than they saw.
    public func isStale(for snapshot: FactSnapshot) -> Bool {
        guard let latest = Self.dataDay(of: snapshot) else { return false }
        return day.map { latest > $0 } ?? true
    }

    /// The latest business day of any order or stock snapshot; nil when there is neither.
    static func dataDay(of snapshot: FactSnapshot) -> CalendarDay? {
        let orders = snapshot.orders
        var latest = Int32.min
        for index in 1..<max(1, orders.count) where orders.day[index] > latest { latest = orders.day[index] }
        let stock = StockPosition(snapshot).day
        let orderDay = latest == Int32.min ? nil : CalendarDay(daysSinceEpoch: latest)
        return [orderDay, stock].compactMap { $0 }.max()
    }
}
