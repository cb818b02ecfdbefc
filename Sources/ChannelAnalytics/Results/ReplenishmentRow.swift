/// One location × SKU of a replenishment run as the API, the planning page and `qudao replenish` give it: plain
/// numbers rounded to a thousandth of a unit, and the reason in both languages.
public struct ReplenishmentRow: Sendable, Codable, Equatable {
    public var locationID: String
    public var sku: String
    public var province: String?
    public var onHandPlusInTransit: Double
    public var dailyDemand: Double
    public var leadTimeDays: Double
    public var safetyStock: Double
    public var reorderPoint: Double
    public var orderUpTo: Double
    public var eoq: Double?
    public var suggestedOrder: Double
    public var daysOfCover: Double?
    public var stockOutRisk: Double
    /// Units above the overstock line; nil when not overstocked.
    public var overstockUnits: Double?
    public var model: String
    public var reasonZh: String
    public var reasonEn: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sku, province, eoq, model
        case locationID = "location_id"
        case onHandPlusInTransit = "on_hand_plus_in_transit"
        case dailyDemand = "daily_demand"
        case leadTimeDays = "lead_time_days"
        case safetyStock = "safety_stock"
        case reorderPoint = "reorder_point"
        case orderUpTo = "order_up_to"
        case suggestedOrder = "suggested_order"
        case daysOfCover = "days_of_cover"
        case stockOutRisk = "stock_out_risk"
        case overstockUnits = "overstock"
        case reasonZh = "reason_zh"
        case reasonEn = "reason_en"
    }

    public init(_ line: StockReplenishment.Line) {
        let plan = line.plan
        let round = { (value: Double) in (value * 1000).rounded() / 1000 }
        locationID = line.location
        sku = line.sku
        province = line.province
        onHandPlusInTransit = round(plan.inventoryPosition)
        dailyDemand = round(plan.meanDailyDemand)
        leadTimeDays = round(line.leadTimeDays)
        safetyStock = round(plan.safetyStock)
        reorderPoint = round(plan.reorderPoint)
        orderUpTo = round(plan.orderUpToLevel)
        eoq = plan.economicOrderQuantity.map(round)
        suggestedOrder = round(plan.suggestedQuantity)
        daysOfCover = plan.risk.daysOfCover.map(round)
        stockOutRisk = round(plan.risk.stockOutProbability)
        overstockUnits = plan.risk.isOverstocked ? round(plan.risk.excessUnits) : nil
        model = line.forecastModel
        reasonZh = line.reason.chinese
        reasonEn = line.reason.english
    }

    /// CSV column names, in the order of `fields`.
    public static let columns = [
        "location_id", "sku", "province", "on_hand_plus_in_transit", "daily_demand", "lead_time_days", "safety_stock",
        "reorder_point", "order_up_to", "eoq", "suggested_order", "days_of_cover", "stock_out_risk", "overstock",
        "model", "reason_zh", "reason_en",
    ]

    /// The row as text, empty where a value is absent; `number` writes a number.
    public func fields(_ number: (Double) -> String) -> [String] {
        [
            locationID, sku, province ?? "", number(onHandPlusInTransit), number(dailyDemand), number(leadTimeDays),
            number(safetyStock), number(reorderPoint), number(orderUpTo), eoq.map(number) ?? "", number(suggestedOrder),
            daysOfCover.map(number) ?? "", number(stockOutRisk), overstockUnits.map(number) ?? "", model, reasonZh, reasonEn,
        ]
    }
}
