/// Everything the replenishment calculation needs for one location × SKU.
///
/// Quantities are in stock-keeping units (fractional values are allowed for goods sold by weight).
/// Times are in days. Costs may be in any single currency: EOQ only depends on the ratio of ordering
/// cost to holding cost.
public struct ReplenishmentInput: Sendable, Equatable {
    /// Point forecasts of demand for the coming days, starting tomorrow. Negative values are read as 0.
    public var dailyForecast: [Double]
    /// Standard deviation of daily demand (or of daily forecast errors), σ_d, in units per day.
    public var dailyDemandStandardDeviation: Double
    /// Mean supplier lead time L in days.
    public var leadTimeDays: Double
    /// Standard deviation of the lead time σ_L in days (0 when the lead time is reliable).
    public var leadTimeStandardDeviationDays: Double
    /// Review period R in days: how often stock is checked and an order can be placed (0 = continuous review).
    public var reviewPeriodDays: Double
    /// Target cycle service level, the probability of not running out within a replenishment cycle, in (0, 1).
    public var serviceLevel: Double
    /// Physical stock at the location that can be sold.
    public var onHand: Double
    /// Stock already ordered and in transit, not yet received.
    public var onOrder: Double
    /// Demand already accepted but not yet shipped for lack of stock.
    public var backorders: Double
    /// Purchase cost of one unit, c (needed for EOQ).
    public var unitCost: Double?
    /// Fixed cost of placing one order, K (needed for EOQ).
    public var orderingCost: Double?
    /// Annual holding cost as a fraction of unit cost, h (e.g. 0.25 for 25 % per year; needed for EOQ).
    public var annualHoldingRate: Double?
    /// Minimum order quantity accepted by the supplier (0 when there is none).
    public var minimumOrderQuantity: Double
    /// Orders are placed in whole multiples of this pack (case) size; 1 means whole units.
    public var packSize: Double
    /// Upper limit on stock at the location (shelf or warehouse capacity), if any.
    public var maxStock: Double?

    /// Creates an input; only the forecast, its uncertainty, the lead time and the stock on hand are required.
    public init(
        dailyForecast: [Double],
        dailyDemandStandardDeviation: Double,
        leadTimeDays: Double,
        leadTimeStandardDeviationDays: Double = 0,
        reviewPeriodDays: Double = 1,
        serviceLevel: Double = 0.95,
        onHand: Double,
        onOrder: Double = 0,
        backorders: Double = 0,
        unitCost: Double? = nil,
        orderingCost: Double? = nil,
        annualHoldingRate: Double? = nil,
        minimumOrderQuantity: Double = 0,
        packSize: Double = 1,
        maxStock: Double? = nil
    ) {
        self.dailyForecast = dailyForecast
        self.dailyDemandStandardDeviation = dailyDemandStandardDeviation
        self.leadTimeDays = leadTimeDays
        self.leadTimeStandardDeviationDays = leadTimeStandardDeviationDays
        self.reviewPeriodDays = reviewPeriodDays
        self.serviceLevel = serviceLevel
        self.onHand = onHand
        self.onOrder = onOrder
        self.backorders = backorders
        self.unitCost = unitCost
        self.orderingCost = orderingCost
        self.annualHoldingRate = annualHoldingRate
        self.minimumOrderQuantity = minimumOrderQuantity
        self.packSize = packSize
        self.maxStock = maxStock
    }

    /// Checks every field and throws the first problem found, naming the field, its value and the rule it breaks.
    public func validate() throws(ReplenishmentInputError) {
        guard !dailyForecast.isEmpty else { throw .emptyForecast }
        if let day = dailyForecast.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteForecast(day: day, value: dailyForecast[day])
        }
        try Self.requireNonNegative(dailyDemandStandardDeviation, "dailyDemandStandardDeviation")
        try Self.requireNonNegative(leadTimeDays, "leadTimeDays")
        try Self.requireNonNegative(leadTimeStandardDeviationDays, "leadTimeStandardDeviationDays")
        try Self.requireNonNegative(reviewPeriodDays, "reviewPeriodDays")
        guard serviceLevel.isFinite, serviceLevel > 0, serviceLevel < 1 else {
            throw .invalidField(
                field: "serviceLevel",
                value: serviceLevel,
                requirement: "must lie strictly between 0 and 1 (1 would need infinite safety stock)"
            )
        }
        try Self.requireNonNegative(onHand, "onHand")
        try Self.requireNonNegative(onOrder, "onOrder")
        try Self.requireNonNegative(backorders, "backorders")
        if let unitCost { try Self.requirePositive(unitCost, "unitCost") }
        if let orderingCost { try Self.requireNonNegative(orderingCost, "orderingCost") }
        if let annualHoldingRate { try Self.requirePositive(annualHoldingRate, "annualHoldingRate") }
        try Self.requireNonNegative(minimumOrderQuantity, "minimumOrderQuantity")
        try Self.requirePositive(packSize, "packSize")
        if let maxStock { try Self.requireNonNegative(maxStock, "maxStock") }
    }

    private static func requireNonNegative(_ value: Double, _ field: String) throws(ReplenishmentInputError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidField(field: field, value: value, requirement: "must be a finite number ≥ 0")
        }
    }

    private static func requirePositive(_ value: Double, _ field: String) throws(ReplenishmentInputError) {
        guard value.isFinite, value > 0 else {
            throw .invalidField(field: field, value: value, requirement: "must be a finite number > 0")
        }
    }
}
