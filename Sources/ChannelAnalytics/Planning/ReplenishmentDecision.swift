/// What the planner decided and on which grounds, before it is put into words.
enum ReplenishmentDecision {
    /// Position at or below the reorder point: order.
    case orderBelowReorderPoint(ReplenishmentOrder)
    /// No demand expected, but backorders exceed stock: order enough to clear them.
    case orderForBackorders(ReplenishmentOrder)
    /// Position above the reorder point.
    case noOrderAboveReorderPoint
    /// At or below the reorder point, but max stock leaves no room.
    case noOrderAtMaxStock(maxStock: Double)
    /// No demand expected and no backorders to clear.
    case noOrderNoDemand

    var order: ReplenishmentOrder? {
        switch self {
        case .orderBelowReorderPoint(let order), .orderForBackorders(let order): order
        case .noOrderAboveReorderPoint, .noOrderAtMaxStock, .noOrderNoDemand: nil
        }
    }
}
