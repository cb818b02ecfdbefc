/// Stock-out and overstock indicators for one location × SKU, computed from the inventory position.
public struct ReplenishmentRisk: Sendable, Equatable {
    /// Inventory position ÷ mean daily demand (0 when the position is negative); nil when no demand is expected.
    public let daysOfCover: Double?
    /// P(demand over the protection interval L + R > inventory position) under the normal approximation.
    ///
    /// This is the chance of running out before an order placed at the next opportunity could arrive,
    /// if no order is placed now. With zero expected demand it is 0, or 1 when backorders exceed stock.
    public let stockOutProbability: Double
    /// True when the position exceeds a threshold of the ``OverstockPolicy`` or the max stock.
    public let isOverstocked: Bool
    /// Units above the order-up-to level S when overstocked (what could be moved elsewhere); 0 otherwise.
    public let excessUnits: Double

    /// Creates a risk summary.
    public init(daysOfCover: Double?, stockOutProbability: Double, isOverstocked: Bool, excessUnits: Double) {
        self.daysOfCover = daysOfCover
        self.stockOutProbability = stockOutProbability
        self.isOverstocked = isOverstocked
        self.excessUnits = excessUnits
    }
}
