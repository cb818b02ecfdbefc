import ChannelCore

/// Replenishment suggestions for every location × SKU on the latest stock snapshot, from the engine's facts.
///
/// A location serves the province whose region code ends its id (`WH-440000` serves 广东省 440000); its demand and
/// lead time come from a ``DemandOutlook`` (the province's daily units of the SKU forecast by the unbiased automatic
/// choice with the Chinese calendar effects; lead times measured on the province's orders of the last 91 days)
/// unless given. A location tied to no province gets no demand, and its reason says so.
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

    /// Plans every location × SKU of the latest stock snapshot with `outlook`'s demand and lead times when it fits
    /// the settings (see ``DemandOutlook/fits(_:)``), else with an outlook learnt now at the stock day. `explained`:
    /// as in ``Replenishment/plan(_:overstock:explained:)``.
    public static func run(
        on snapshot: FactSnapshot, settings: Settings = Settings(), outlook: DemandOutlook? = nil, explained: Bool = true
    ) throws -> [Line] {
        let stock = StockPosition(snapshot)
        guard let stockDay = stock.day else { return [] }
        let outlook = try outlook.flatMap { $0.fits(settings) ? $0 : nil } ?? DemandOutlook.learn(from: snapshot, at: stockDay, settings: settings)
        let horizon = outlook.horizon
        let products = snapshot.dimensions.products
        var unitCosts: [String: Double] = [:]
        for index in 0..<products.count { unitCosts[products.sku[index]] = Double(products.unitCostMinor[index]) / 100 }
        // The 80% interval spans ±1.2816 standard deviations of a normal error.
        let z80 = StandardNormal.quantile(0.9)

        return try stock.entries.map { entry in
            let served = outlook.province(of: entry.location)
            let forecast = served.flatMap { outlook.forecast(sku: entry.sku, province: $0) }
            let daily = forecast?.point ?? [Double](repeating: 0, count: horizon)
            let spread = max(0, forecast.map { f in zip(f.lower, f.upper).map { ($1 - $0) / (2 * z80) }.reduce(0, +) / Double(horizon) } ?? 0)
            let measured = outlook.leadTime(of: served)
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
                forecastModel: forecast?.model ?? "-", plan: try Replenishment.plan(input, explained: explained))
        }
    }
}
