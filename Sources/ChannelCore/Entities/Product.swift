/// A product (SKU) with its list price and cost.
public struct Product: Hashable, Sendable, Codable {
    public var sku: SKU
    public var name: String
    public var category: String
    public var listPrice: Money
    public var unitCost: Money
    /// Shipping weight of one unit in grams (exact; the files give kilograms with 3 decimals).
    public var weightGrams: Int64
    public var launchedOn: CalendarDay

    public init(
        sku: SKU, name: String, category: String, listPrice: Money, unitCost: Money, weightGrams: Int64,
        launchedOn: CalendarDay
    ) {
        self.sku = sku
        self.name = name
        self.category = category
        self.listPrice = listPrice
        self.unitCost = unitCost
        self.weightGrams = weightGrams
        self.launchedOn = launchedOn
    }

    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if name.isEmpty { issues.append(.init("name", "is empty")) }
        if category.isEmpty { issues.append(.init("category", "is empty")) }
        if listPrice.minorUnits < 0 { issues.append(.init("list_price", "is negative")) }
        if unitCost.minorUnits < 0 { issues.append(.init("unit_cost", "is negative")) }
        if unitCost.currency != listPrice.currency { issues.append(.init("unit_cost", "is in another currency than list_price")) }
        if weightGrams < 0 { issues.append(.init("weight_kg", "is negative")) }
        return issues
    }
}
