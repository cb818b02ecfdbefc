/// The outcome of planning one location × SKU: policy levels, the order suggestion, risks and the reason.
public struct ReplenishmentPlan: Sendable, Equatable {
    /// Mean of the daily forecast over the whole forecast horizon, d̄ (negative days read as 0).
    public let meanDailyDemand: Double
    /// Forecast demand over the lead time L.
    public let leadTimeDemand: Double
    /// Forecast demand over the protection interval L + R.
    public let protectionDemand: Double
    /// Standard deviation of demand over L + R: √((L+R)·σ_d² + d̄²·σ_L²).
    public let protectionStandardDeviation: Double
    /// Safety factor z, the standard normal quantile of the service level.
    public let safetyFactor: Double
    /// Safety stock z · σ over L + R.
    public let safetyStock: Double
    /// Reorder point: lead-time demand + safety stock.
    public let reorderPoint: Double
    /// Order-up-to level S: demand over L + R + safety stock, capped by max stock when given.
    public let orderUpToLevel: Double
    /// True when max stock lowered the order-up-to level.
    public let isOrderUpToCappedByMaxStock: Bool
    /// On hand + on order − backorders.
    public let inventoryPosition: Double
    /// Economic order quantity √(2·D·K/(h·c)); nil when a cost input is missing.
    public let economicOrderQuantity: Double?
    /// The suggested order, or nil when none is needed.
    public let order: ReplenishmentOrder?
    /// Stock-out and overstock indicators.
    public let risk: ReplenishmentRisk
    /// The decision in Chinese and English.
    public let reason: ReplenishmentReason
    /// True when L + R is longer than the forecast, so the missing days were filled with d̄.
    public let isForecastExtended: Bool

    /// Creates a plan; normally built by ``Replenishment/plan(_:overstock:)``.
    public init(
        meanDailyDemand: Double,
        leadTimeDemand: Double,
        protectionDemand: Double,
        protectionStandardDeviation: Double,
        safetyFactor: Double,
        safetyStock: Double,
        reorderPoint: Double,
        orderUpToLevel: Double,
        isOrderUpToCappedByMaxStock: Bool,
        inventoryPosition: Double,
        economicOrderQuantity: Double?,
        order: ReplenishmentOrder?,
        risk: ReplenishmentRisk,
        reason: ReplenishmentReason,
        isForecastExtended: Bool
    ) {
        self.meanDailyDemand = meanDailyDemand
        self.leadTimeDemand = leadTimeDemand
        self.protectionDemand = protectionDemand
        self.protectionStandardDeviation = protectionStandardDeviation
        self.safetyFactor = safetyFactor
        self.safetyStock = safetyStock
        self.reorderPoint = reorderPoint
        self.orderUpToLevel = orderUpToLevel
        self.isOrderUpToCappedByMaxStock = isOrderUpToCappedByMaxStock
        self.inventoryPosition = inventoryPosition
        self.economicOrderQuantity = economicOrderQuantity
        self.order = order
        self.risk = risk
        self.reason = reason
        self.isForecastExtended = isForecastExtended
    }

    /// Units to order now (0 when no order is suggested).
    public var suggestedQuantity: Double { order?.quantity ?? 0 }
}
