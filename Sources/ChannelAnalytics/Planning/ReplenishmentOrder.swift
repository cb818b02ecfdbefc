/// A suggested purchase order and how its quantity was arrived at.
public struct ReplenishmentOrder: Sendable, Equatable {
    /// Units to order, after EOQ, max stock, MOQ and pack rounding.
    public let quantity: Double
    /// The need before any adjustment: order-up-to level S − inventory position.
    public let gapToOrderUpTo: Double
    /// True when the economic order quantity was larger than the gap and was used instead.
    public let isRaisedToEconomicQuantity: Bool
    /// True when the quantity was cut so that position + order stays within max stock.
    public let isCappedByMaxStock: Bool
    /// True when the quantity was raised to the minimum order quantity.
    public let isRaisedToMinimumOrder: Bool
    /// True when the quantity was rounded up to a whole number of packs (pack size above 1 only).
    public let isRoundedToPack: Bool
    /// True when MOQ or pack rounding pushes position + order above max stock.
    public let exceedsMaxStock: Bool

    /// Creates an order suggestion.
    public init(
        quantity: Double,
        gapToOrderUpTo: Double,
        isRaisedToEconomicQuantity: Bool,
        isCappedByMaxStock: Bool,
        isRaisedToMinimumOrder: Bool,
        isRoundedToPack: Bool,
        exceedsMaxStock: Bool
    ) {
        self.quantity = quantity
        self.gapToOrderUpTo = gapToOrderUpTo
        self.isRaisedToEconomicQuantity = isRaisedToEconomicQuantity
        self.isCappedByMaxStock = isCappedByMaxStock
        self.isRaisedToMinimumOrder = isRaisedToMinimumOrder
        self.isRoundedToPack = isRoundedToPack
        self.exceedsMaxStock = exceedsMaxStock
    }
}
