import Foundation

/// Reorder-point / order-up-to replenishment for one location × SKU, with EOQ, MOQ and pack rounding.
///
/// The policy: check the inventory position every review period R (R = 0 is continuous review); when it
/// is at or below the reorder point, order enough to bring it back to the order-up-to level S, at least
/// the economic order quantity, then round up to the minimum order quantity and to whole packs.
///
/// Formulas (L = lead time, R = review period, both in days):
/// - demand over n days = sum of the first ⌊n⌋ daily forecasts plus the fractional part of the next day;
///   days beyond the forecast horizon are filled with the mean daily forecast d̄;
/// - σ over L + R = √((L+R)·σ_d² + d̄²·σ_L²), combining demand and lead-time variability;
/// - safety stock = z·σ with z = Φ⁻¹(service level), floored at 0 for service levels below 50 %;
/// - reorder point = demand over L + safety stock; S = demand over L + R + safety stock (≤ max stock);
/// - inventory position = on hand + on order − backorders;
/// - EOQ = √(2·D·K/(h·c)) with D = 365·d̄.
public enum Replenishment {
    /// Plans one location × SKU: levels, order suggestion, risks and a bilingual reason.
    ///
    /// - Parameters:
    ///   - input: forecast, lead time, stock and cost data; validated first.
    ///   - overstock: thresholds above which the position is flagged as overstock.
    ///   - explained: false leaves the reason empty: writing it is most of the cost of a plan, and a caller that only
    ///     compares levels (the stock alert rule, over thousands of lines after every write) does not read it.
    /// - Throws: ``ReplenishmentInputError`` naming the first invalid field.
    public static func plan(
        _ input: ReplenishmentInput,
        overstock: OverstockPolicy = OverstockPolicy(),
        explained: Bool = true
    ) throws(ReplenishmentInputError) -> ReplenishmentPlan {
        try input.validate()
        let forecast = input.dailyForecast.map { max(0, $0) }
        let meanDemand = forecast.reduce(0, +) / Double(forecast.count)
        let protectionDays = input.leadTimeDays + input.reviewPeriodDays

        let leadTimeDemand = cumulativeDemand(over: input.leadTimeDays, forecast: forecast, fill: meanDemand)
        let protectionDemand = cumulativeDemand(over: protectionDays, forecast: forecast, fill: meanDemand)
        let sigma =
            (protectionDays * input.dailyDemandStandardDeviation * input.dailyDemandStandardDeviation
            + meanDemand * meanDemand * input.leadTimeStandardDeviationDays * input.leadTimeStandardDeviationDays)
            .squareRoot()
        let z = StandardNormal.quantile(input.serviceLevel)
        let safetyStock = max(0, z * sigma)
        let reorderPoint = leadTimeDemand + safetyStock
        var orderUpTo = protectionDemand + safetyStock
        var isCapped = false
        if let maxStock = input.maxStock, orderUpTo > maxStock {
            orderUpTo = maxStock
            isCapped = true
        }
        let position = input.onHand + input.onOrder - input.backorders
        let eoq = economicOrderQuantity(
            annualDemand: meanDemand * 365,
            orderingCost: input.orderingCost,
            annualHoldingRate: input.annualHoldingRate,
            unitCost: input.unitCost
        )

        let levels = ReplenishmentLevels(
            meanDemand: meanDemand,
            leadTimeDemand: leadTimeDemand,
            protectionDemand: protectionDemand,
            sigma: sigma,
            safetyStock: safetyStock,
            reorderPoint: reorderPoint,
            orderUpTo: orderUpTo,
            position: position,
            eoq: eoq
        )
        let decision = decide(levels, input: input)
        let risk = assessRisk(levels, input: input, overstock: overstock)
        let reason = explained ? explain(decision, levels: levels, risk: risk, input: input) : ReplenishmentReason(chinese: "", english: "")

        return ReplenishmentPlan(
            meanDailyDemand: meanDemand,
            leadTimeDemand: leadTimeDemand,
            protectionDemand: protectionDemand,
            protectionStandardDeviation: sigma,
            safetyFactor: z,
            safetyStock: safetyStock,
            reorderPoint: reorderPoint,
            orderUpToLevel: orderUpTo,
            isOrderUpToCappedByMaxStock: isCapped,
            inventoryPosition: position,
            economicOrderQuantity: eoq,
            order: decision.order,
            risk: risk,
            reason: reason,
            isForecastExtended: protectionDays > Double(forecast.count)
        )
    }

    /// Demand over `days` days from a daily forecast: whole days summed, the last partial day prorated.
    ///
    /// Days past the end of the forecast use `fill` (normally the mean daily forecast).
    public static func cumulativeDemand(over days: Double, forecast: [Double], fill: Double) -> Double {
        guard days > 0 else { return 0 }
        let wholeDays = Int(days.rounded(.down))
        let fraction = days - Double(wholeDays)
        func demand(onDay index: Int) -> Double { index < forecast.count ? forecast[index] : fill }
        var total = 0.0
        for day in 0..<wholeDays { total += demand(onDay: day) }
        if fraction > 0 { total += fraction * demand(onDay: wholeDays) }
        return total
    }

    /// Economic order quantity √(2·D·K/(h·c)); nil when any cost input is missing.
    ///
    /// - Parameters:
    ///   - annualDemand: D, units per year.
    ///   - orderingCost: K, fixed cost per order.
    ///   - annualHoldingRate: h, holding cost per year as a fraction of unit cost.
    ///   - unitCost: c, purchase cost per unit.
    public static func economicOrderQuantity(
        annualDemand: Double,
        orderingCost: Double?,
        annualHoldingRate: Double?,
        unitCost: Double?
    ) -> Double? {
        guard let orderingCost, let annualHoldingRate, let unitCost, annualHoldingRate > 0, unitCost > 0 else {
            return nil
        }
        return (2 * max(0, annualDemand) * orderingCost / (annualHoldingRate * unitCost)).squareRoot()
    }

    /// Raises a quantity to the minimum order quantity, then rounds it up to a whole number of packs.
    ///
    /// E.g. 233 with MOQ 300 and packs of 48 gives 336 (7 packs); 233 with MOQ 100 and packs of 50 gives 250.
    /// A tolerance of 1e-9 packs keeps values like 250.0000000001 from gaining an extra pack.
    public static func roundedOrderQuantity(_ quantity: Double, minimumOrderQuantity: Double, packSize: Double)
        -> Double
    {
        let atLeastMinimum = max(quantity, minimumOrderQuantity)
        guard packSize > 0 else { return atLeastMinimum }
        let packs = (atLeastMinimum / packSize - 1e-9).rounded(.up)
        return max(0, packs) * packSize
    }
}
