import Foundation

extension Replenishment {
    /// Puts a decision into one Chinese and one English sentence, with unit counts shown as whole numbers.
    static func explain(
        _ decision: ReplenishmentDecision,
        levels: ReplenishmentLevels,
        risk: ReplenishmentRisk,
        input: ReplenishmentInput
    ) -> ReplenishmentReason {
        let position = units(levels.position)
        let reorderPoint = units(levels.reorderPoint)
        let breakdownZH = "（提前期需求 \(units(levels.leadTimeDemand)) + 安全库存 \(units(levels.safetyStock))）"
        let breakdownEN =
            " (lead-time demand \(units(levels.leadTimeDemand)) + safety stock \(units(levels.safetyStock)))"

        switch decision {
        case .orderBelowReorderPoint(let order):
            let atPoint = units(levels.position) == units(levels.reorderPoint)
            let relationZH = atPoint ? "等于" : "低于"
            let relationEN = atPoint ? "is at" : "is below"
            let (notesZH, notesEN) = notes(for: order, levels: levels, input: input)
            return ReplenishmentReason(
                chinese: "库存位置 \(position) \(relationZH)再订货点 \(reorderPoint)\(breakdownZH)，"
                    + "建议补货 \(units(order.quantity))\(notesZH)",
                english:
                    "Inventory position \(position) \(relationEN) the reorder point \(reorderPoint)\(breakdownEN); "
                    + "order \(units(order.quantity))\(notesEN)"
            )
        case .orderForBackorders(let order):
            let (notesZH, notesEN) = notes(for: order, levels: levels, input: input)
            let shortfall = units(-levels.position)
            return ReplenishmentReason(
                chinese: "预测期内无需求，但欠货超出库存 \(shortfall)，建议补货 \(units(order.quantity))\(notesZH)",
                english: "No demand is expected, but backorders exceed stock by \(shortfall); "
                    + "order \(units(order.quantity))\(notesEN)"
            )
        case .noOrderAboveReorderPoint:
            var chinese = "库存位置 \(position) 高于再订货点 \(reorderPoint)\(breakdownZH)，无需补货"
            var english =
                "Inventory position \(position) is above the reorder point \(reorderPoint)\(breakdownEN); "
                + "no order needed"
            if risk.isOverstocked {
                chinese += "；超出补货上限 \(units(levels.orderUpTo)) 约 \(units(risk.excessUnits))，有积压风险"
                english +=
                    "; it exceeds the order-up-to level \(units(levels.orderUpTo)) by "
                    + "\(units(risk.excessUnits)), a risk of overstock"
            }
            return ReplenishmentReason(chinese: chinese, english: english)
        case .noOrderAtMaxStock(let maxStock):
            return ReplenishmentReason(
                chinese: "库存位置 \(position) 不高于再订货点 \(reorderPoint)，但已达最大库存 \(units(maxStock))，不再补货",
                english: "Inventory position \(position) is not above the reorder point \(reorderPoint), "
                    + "but the max stock \(units(maxStock)) leaves no room; no order"
            )
        case .noOrderNoDemand:
            var chinese = "预测期内无需求，无需补货"
            var english = "No demand is expected over the forecast horizon; no order needed"
            if levels.position > 0 {
                chinese += "；现有库存位置 \(position) 可能积压"
                english += "; the current position of \(position) may be overstock"
            }
            return ReplenishmentReason(chinese: chinese, english: english)
        }
    }

    /// The bracketed notes saying how the order quantity was adjusted, in both languages.
    private static func notes(
        for order: ReplenishmentOrder,
        levels: ReplenishmentLevels,
        input: ReplenishmentInput
    ) -> (chinese: String, english: String) {
        var chinese: [String] = []
        var english: [String] = []
        if order.isRaisedToEconomicQuantity, let eoq = levels.eoq {
            chinese.append("按经济订货量 \(units(eoq))")
            english.append("raised to the economic order quantity \(units(eoq))")
        }
        if order.isCappedByMaxStock, let maxStock = input.maxStock {
            chinese.append("受最大库存 \(units(maxStock)) 限制")
            english.append("capped by the max stock \(units(maxStock))")
        }
        if order.isRaisedToMinimumOrder {
            chinese.append("按最小起订量 \(units(input.minimumOrderQuantity))")
            english.append("raised to the minimum order quantity \(units(input.minimumOrderQuantity))")
        }
        if order.isRoundedToPack {
            chinese.append("按箱规 \(units(input.packSize)) 取整")
            english.append("rounded up to packs of \(units(input.packSize))")
        }
        if order.exceedsMaxStock, let maxStock = input.maxStock {
            chinese.append("取整后超出最大库存 \(units(maxStock))")
            english.append("exceeds the max stock \(units(maxStock)) after rounding")
        }
        guard !chinese.isEmpty else { return ("", "") }
        return ("（" + chinese.joined(separator: "，") + "）", " (" + english.joined(separator: "; ") + ")")
    }

    /// A unit count as a whole number ("70" for 70.27); never prints "-0".
    static func units(_ value: Double) -> String {
        let rounded = value.rounded()
        guard rounded != 0 else { return "0" }
        return String(format: "%.0f", rounded)
    }
}
