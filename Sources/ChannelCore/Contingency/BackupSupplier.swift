/// The code of a backup supplier, as the purchasing system spells it (`SUP-HZ-01`).
public typealias SupplierCode = Identifier<BackupSupplier>

/// A supplier to turn to when the usual supply fails, ranked against the plan's other backup suppliers.
///
/// Its model of delivery (used by ``SupplyAllocation``): once ``leadTime`` has passed from the start, it delivers
/// ``capacityPerDay`` units for every full day that remains before the goods are needed.
public struct BackupSupplier: Hashable, Sendable, Codable, Identifiable {
    /// The supplier's code, unique within the plan.
    public var code: SupplierCode
    /// The supplier's name.
    public var name: String
    /// The order of preference: 1 is the first choice; unique within the plan.
    public var rank: Int
    /// Units it can deliver per day, more than 0.
    public var capacityPerDay: Int64
    /// Time from the order to the first delivery; may be zero (stock on hand).
    public var leadTime: RuleDuration
    /// Price per unit (at least 0), in the plan's currency.
    public var unitCost: Money
    /// The SKUs it can supply; empty means all.
    public var skus: [SKU]

    /// The code, as the supplier's identity.
    public var id: SupplierCode { code }

    /// A backup supplier; see the properties for the meaning of each value.
    public init(
        code: SupplierCode, name: String, rank: Int, capacityPerDay: Int64, leadTime: RuleDuration, unitCost: Money,
        skus: [SKU] = []
    ) {
        self.code = code
        self.name = name
        self.rank = rank
        self.capacityPerDay = capacityPerDay
        self.leadTime = leadTime
        self.unitCost = unitCost
        self.skus = skus
    }

    /// Whether it can supply `sku`.
    public func supplies(_ sku: SKU) -> Bool { skus.isEmpty || skus.contains(sku) }

    enum CodingKeys: String, CodingKey {
        case code, name, rank
        case capacityPerDay = "capacity_per_day"
        case leadTime = "lead_time"
        case unitCost = "unit_cost"
        case currency, skus
    }

    /// Decodes the file form: `unit_cost` as decimal text in `currency` (CNY when left out).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(SupplierCode.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        rank = try container.decode(Int.self, forKey: .rank)
        capacityPerDay = try container.decode(Int64.self, forKey: .capacityPerDay)
        leadTime = try container.decode(RuleDuration.self, forKey: .leadTime)
        let currency = try container.decodeCurrencyIfPresent(forKey: .currency) ?? .cny
        unitCost = try container.decodeMoney(forKey: .unitCost, currency: currency)
        skus = try container.decodeIfPresent([SKU].self, forKey: .skus) ?? []
    }

    /// Encodes the file form; `skus` only when the supplier is limited to some.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(rank, forKey: .rank)
        try container.encode(capacityPerDay, forKey: .capacityPerDay)
        try container.encode(leadTime, forKey: .leadTime)
        try container.encodeAmountIfPresent(unitCost, forKey: .unitCost)
        try container.encode(unitCost.currency.code, forKey: .currency)
        if !skus.isEmpty { try container.encode(skus, forKey: .skus) }
    }
}
