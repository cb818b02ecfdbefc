public import ChannelCore

/// What stock planning learns from history, apart from the stock itself: the daily demand forecast of every
/// SKU × province and the measured lead time of every province, as of one stock day.
///
/// Learning it forecasts thousands of series (seconds to a minute on large data); applying it to a stock
/// position costs microseconds per location × SKU. So an outlook learnt once can serve many evaluations: the alert
/// service keeps one and relearns it in the background (see ``RiskBaselines``), while `qudao replenish` and the
/// planning page learn a fresh one per snapshot.
public struct DemandOutlook: Sendable {
    /// The stock day the outlook was learnt at: history up to and including it.
    public let day: CalendarDay
    /// Days of history the forecasts learnt from.
    public let historyDays: Int
    /// Days forecast.
    public let horizon: Int
    /// Daily forecast by `"SKU|province"`.
    let forecasts: [String: SeriesForecast]
    /// Mean and standard deviation of days from shipped to delivered, by province code.
    let leadTimes: [String: (mean: Double, deviation: Double)]
    /// The codes of the provinces: a location serves the province whose code ends its id.
    let provinces: Set<String>

    /// Lead times assumed where a province has no delivered orders to measure.
    static let fallbackLeadTime = (mean: 3.0, deviation: 1.0)

    /// Learns the outlook at `day` (the latest stock snapshot's) for a replenishment with `settings`: the daily units
    /// of each SKU's live orders per province over `settings.historyDays` days, forecast by the unbiased automatic
    /// choice with the Chinese calendar effects, over lead time + review + a week (at least 28 days); lead times
    /// measured on the orders of the last 91 days.
    public static func learn(from snapshot: FactSnapshot, at day: CalendarDay, settings: StockReplenishment.Settings) throws -> DemandOutlook {
        let leadTimes = measuredLeadTimes(snapshot, until: day)
        let history = try DemandHistory.load(
            from: snapshot, level: DemandLevel(product: .sku, geography: .province),
            period: day.adding(days: -(settings.historyDays - 1))...day)
        let horizon = horizon(for: settings, leadTimes: leadTimes)
        // Stock must cover demand on average: the unbiased choice, not the horizon level (see `ForecastMethod`).
        let nodes = try DemandForecast.run(
            history, forecaster: Forecaster(horizon: horizon, seasonLength: 7), method: .autoUnbiased, calendar: true)
        var forecasts: [String: SeriesForecast] = [:]
        for node in nodes { forecasts[node.series.id] = node.forecast }
        let regions = snapshot.dimensions.regions
        var provinces = Set<String>()
        for index in 0..<regions.count where regions.level[index] == .province { provinces.insert(regions.code[index]) }
        return DemandOutlook(
            day: day, historyDays: settings.historyDays, horizon: horizon, forecasts: forecasts, leadTimes: leadTimes,
            provinces: provinces)
    }

    /// Whether this outlook answers a replenishment with `settings`: the same history and horizon. (Its day may be
    /// older than the stock's; whoever keeps it decides how old is too old.)
    public func fits(_ settings: StockReplenishment.Settings) -> Bool {
        settings.historyDays == historyDays && Self.horizon(for: settings, leadTimes: leadTimes) == horizon
    }

    /// Forecast days: the longest lead time plus the review period, a week more, at least 28.
    static func horizon(for settings: StockReplenishment.Settings, leadTimes: [String: (mean: Double, deviation: Double)]) -> Int {
        let longestLead = settings.leadTimeDays ?? leadTimes.values.map(\.mean).max() ?? fallbackLeadTime.mean
        return max(28, Int((longestLead + settings.reviewDays).rounded(.up)) + 7)
    }

    /// The province a location serves: the one whose code ends the location's id (`WH-440000` → 440000); nil when
    /// none does.
    func province(of location: String) -> String? {
        let code = location.split(separator: "-").last.map(String.init) ?? location
        return provinces.contains(code) ? code : nil
    }

    /// The forecast of a SKU in a province, when it has one.
    func forecast(sku: String, province: String) -> SeriesForecast? { forecasts["\(sku)|\(province)"] }

    /// The measured lead time of a province, or the fallback.
    func leadTime(of province: String?) -> (mean: Double, deviation: Double) {
        province.flatMap { leadTimes[$0] } ?? Self.fallbackLeadTime
    }

    /// Mean and standard deviation of days from shipped to delivered, by province of the order's outlet, over the
    /// orders of the 91 days up to `day`.
    static func measuredLeadTimes(_ snapshot: FactSnapshot, until day: CalendarDay) -> [String: (mean: Double, deviation: Double)] {
        let orders = snapshot.orders
        let dimensions = snapshot.dimensions
        let first = day.daysSinceEpoch - 90
        var sums: [Int32: (count: Double, total: Double, squares: Double)] = [:]
        for index in 0..<orders.count {
            let orderDay = orders.day[index]
            guard orderDay >= first, orderDay <= day.daysSinceEpoch, orders.shippedAt[index] != noInstant,
                orders.deliveredAt[index] != noInstant
            else { continue }
            let outlet = Int(orders.outlet[index])
            guard dimensions.outlets.region.indices.contains(outlet) else { continue }
            let region = Int(dimensions.outlets.region[outlet])
            guard dimensions.regions.province.indices.contains(region) else { continue }
            let days = Double(orders.deliveredAt[index] - orders.shippedAt[index]) / 86_400_000
            let province = dimensions.regions.province[region]
            sums[province, default: (0, 0, 0)].count += 1
            sums[province, default: (0, 0, 0)].total += days
            sums[province, default: (0, 0, 0)].squares += days * days
        }
        var result: [String: (mean: Double, deviation: Double)] = [:]
        for (province, sum) in sums where sum.count >= 2 && dimensions.regions.code.indices.contains(Int(province)) {
            let mean = sum.total / sum.count
            let variance = max(0, (sum.squares - sum.count * mean * mean) / (sum.count - 1))
            result[dimensions.regions.code[Int(province)]] = (mean, variance.squareRoot())
        }
        return result
    }
}
