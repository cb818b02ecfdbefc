extension Replenishment {
    static func decide(_ levels: ReplenishmentLevels, input: ReplenishmentInput) -> ReplenishmentDecision {
        if levels.meanDemand == 0 {
            // Nothing will sell, so the only reason to buy is to fill orders already promised.
            guard levels.position < 0 else { return .noOrderNoDemand }
            let order = makeOrder(gap: -levels.position, eoq: nil, levels: levels, input: input)
            return order.map { .orderForBackorders($0) } ?? .noOrderAtMaxStock(maxStock: input.maxStock ?? 0)
        }
        guard levels.position <= levels.reorderPoint else { return .noOrderAboveReorderPoint }
        let gap = levels.orderUpTo - levels.position
        guard let order = makeOrder(gap: gap, eoq: levels.eoq, levels: levels, input: input) else {
            return .noOrderAtMaxStock(maxStock: input.maxStock ?? levels.orderUpTo)
        }
        return .orderBelowReorderPoint(order)
    }

    /// Applies EOQ, the max-stock room, MOQ and pack rounding to a gap; nil when there is no room to order.
    private static func makeOrder(
        gap: Double,
        eoq: Double?,
        levels: ReplenishmentLevels,
        input: ReplenishmentInput
    ) -> ReplenishmentOrder? {
        var quantity = max(0, gap)
        var raisedToEOQ = false
        if let eoq, eoq > quantity {
            quantity = eoq
            raisedToEOQ = true
        }
        var capped = false
        if let maxStock = input.maxStock {
            let room = maxStock - levels.position
            if quantity > room {
                quantity = room
                capped = true
            }
        }
        guard quantity > 0 else { return nil }
        let rounded = roundedOrderQuantity(
            quantity,
            minimumOrderQuantity: input.minimumOrderQuantity,
            packSize: input.packSize
        )
        let exceeds = input.maxStock.map { levels.position + rounded > $0 + 1e-9 } ?? false
        return ReplenishmentOrder(
            quantity: rounded,
            gapToOrderUpTo: gap,
            isRaisedToEconomicQuantity: raisedToEOQ,
            isCappedByMaxStock: capped,
            isRaisedToMinimumOrder: input.minimumOrderQuantity > quantity,
            isRoundedToPack: input.packSize != 1,
            exceedsMaxStock: exceeds
        )
    }

    static func assessRisk(
        _ levels: ReplenishmentLevels,
        input: ReplenishmentInput,
        overstock: OverstockPolicy
    ) -> ReplenishmentRisk {
        let position = levels.position
        let daysOfCover = levels.meanDemand > 0 ? max(0, position) / levels.meanDemand : nil

        let stockOut: Double
        if levels.meanDemand == 0 {
            // The normal approximation around a zero mean would claim a 50 % chance of selling something.
            stockOut = position < 0 ? 1 : 0
        } else if levels.sigma > 0 {
            stockOut = StandardNormal.cumulativeProbability((levels.protectionDemand - position) / levels.sigma)
        } else {
            stockOut = levels.protectionDemand > position ? 1 : 0
        }

        var thresholds: [Double] = []
        if let multiple = overstock.orderUpToMultiple { thresholds.append(multiple * levels.orderUpTo) }
        if let days = overstock.maxDaysOfCover, levels.meanDemand > 0 { thresholds.append(days * levels.meanDemand) }
        if let maxStock = input.maxStock { thresholds.append(maxStock) }
        let isOverstocked = thresholds.contains { position > $0 + 1e-9 }

        return ReplenishmentRisk(
            daysOfCover: daysOfCover,
            stockOutProbability: stockOut,
            isOverstocked: isOverstocked,
            excessUnits: isOverstocked ? max(0, position - levels.orderUpTo) : 0
        )
    }
}
