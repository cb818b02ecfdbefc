import ChannelCore

/// Replenishment suggestions for every location × SKU on the latest stock snapshot, from the engine's facts.
///
/// A location serves the province whose region code ends its id (`WH-440000` serves 广东省 440000); its demand is the
/// daily units of that SKU's live orders in the province, forecast with the Chinese calendar effects by the unbiased
/// automatic choice (`ForecastMethod.autoUnbiased`). The lead time
/// (mean and spread, days from shipped to delivered) is measured on the province's orders of the last 91 days unless
/// given. A location tied to no province gets no demand, and its reason says so.
public enum StockReplenishment {
    public struct Settings: Sendable {
        public var serviceLevel = 0.95
        public var reviewDays = 1.0
        /// Days of history the forecasts learn from.
        public var historyDays = 365
        /// Overrides of the measured lead time.
        public var leadTimeDays: Double?
        public var leadTimeStandardDeviationDays: Double?
        /// Yuan per order, for the economic order quantity (with the products' unit cost).
        public var orderingCost: Double? = 200
        public var annualHoldingRate: Double? = 0.25
        public var minimumOrderQuantity = 0.0
        public var packSize = 1.0

        public init() {}
    }

    public struct Line: Sendable {
        public var location: String
        public var sku: String
        /// The province the location serves; nil when none.
        public var province: String?
        public var leadTimeDays: Double
        public var forecastModel: String
        public var plan: ReplenishmentPlan

        /// The plan's reason, led by a note when the location serves no province (so no demand is mapped to it).
        public var reason: ReplenishmentReason {
            guard province == nil else { return plan.reason }
            return ReplenishmentReason(
                chinese: "该库位不对应任何省份，未归集需求。" + plan.reason.chinese,
                english: "This location serves no province, so no demand is mapped to it. " + plan.reason.english)
        }
    }

    /// Lead times assumed where a province has no delivered orders to measure.
    static let fallbackLeadTime = (mean: 3.0, deviation: 1.0)

    public static func run(on snapshot: FactSnapshot, settings: Settings = Settings()) throws -> [Line] {
        let stock = StockPosition(snapshot)
        guard let stockDay = stock.day else { return [] }
        let regions = snapshot.dimensions.regions
        var provinceCodes = Set<String>()
        for index in 0..<regions.count where regions.level[index] == .province { provinceCodes.insert(regions.code[index]) }
        func province(of location: String) -> String? {
            let code = location.split(separator: "-").last.map(String.init) ?? location
            return provinceCodes.contains(code) ? code : nil
        }

        // Demand: SKU × province, the last `historyDays` days up to the stock day, forecast over lead time + review.
        let leadTimes = measuredLeadTimes(snapshot, until: stockDay)
        let longestLead = settings.leadTimeDays ?? leadTimes.values.map(\.mean).max() ?? fallbackLeadTime.mean
        let horizon = max(28, Int((longestLead + settings.reviewDays).rounded(.up)) + 7)
        let history = try DemandHistory.load(
            from: snapshot, level: DemandLevel(product: .sku, geography: .province),
            period: stockDay.adding(days: -(settings.historyDays - 1))...stockDay)
        let forecaster = Forecaster(horizon: horizon, seasonLength: 7)
        // Stock must cover demand on average: the unbiased choice, not the horizon level (see `ForecastMethod`).
        let nodes = try DemandForecast.run(history, forecaster: forecaster, method: .autoUnbiased, calendar: true)
        var forecasts: [String: SeriesForecast] = [:]
        for node in nodes { forecasts[node.series.id] = node.forecast }

        let products = snapshot.dimensions.products
        var unitCosts: [String: Double] = [:]
        for index in 0..<products.count { unitCosts[products.sku[index]] = Double(products.unitCostMinor[index]) / 100 }
        // The 80% interval spans ±1.2816 standard deviations of a normal error.
        let z80 = StandardNormal.quantile(0.9)

        return try stock.entries.map { entry in
            let served = province(of: entry.location)
            let forecast = served.flatMap { forecasts["\(entry.sku)|\($0)"] }
            let daily = forecast?.point ?? [Double](repeating: 0, count: horizon)
            let spread = max(0, forecast.map { f in zip(f.lower, f.upper).map { ($1 - $0) / (2 * z80) }.reduce(0, +) / Double(horizon) } ?? 0)
            let measured = served.flatMap { leadTimes[$0] } ?? fallbackLeadTime
            let lead = settings.leadTimeDays ?? measured.mean
            let input = ReplenishmentInput(
                dailyForecast: daily, dailyDemandStandardDeviation: spread, leadTimeDays: lead,
                leadTimeStandardDeviationDays: settings.leadTimeStandardDeviationDays ?? measured.deviation,
                reviewPeriodDays: settings.reviewDays, serviceLevel: settings.serviceLevel, onHand: Double(entry.onHand),
                onOrder: Double(entry.inTransit), unitCost: unitCosts[entry.sku], orderingCost: settings.orderingCost,
                annualHoldingRate: settings.annualHoldingRate, minimumOrderQuantity: settings.minimumOrderQuantity,
                packSize: settings.packSize)
            return Line(
                location: entry.location, sku: entry.sku, province: served, leadTimeDays: lead,
                forecastModel: forecast?.model ?? "-", plan: try Replenishment.plan(input))
        }
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
