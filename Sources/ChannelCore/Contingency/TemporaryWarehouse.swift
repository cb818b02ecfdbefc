/// A warehouse that can be rented or opened at short notice to hold stock near the demand (a contingency site).
///
/// Its code is a stock location code, the one its stock will be counted under once it is open.
public struct TemporaryWarehouse: Hashable, Sendable, Codable, Identifiable {
    /// The location code, unique within the plan.
    public var code: LocationID
    /// The warehouse's name.
    public var name: String
    /// The city it is in.
    public var city: String
    /// Units it can hold, more than 0.
    public var capacity: Int64
    /// Time from the decision to the day it can receive goods; may be zero.
    public var leadTime: RuleDuration
    /// What it costs per day while open (at least 0), in the plan's currency.
    public var costPerDay: Money

    /// The code, as the warehouse's identity.
    public var id: LocationID { code }

    /// A temporary warehouse; see the properties for the meaning of each value.
    public init(
        code: LocationID, name: String, city: String, capacity: Int64, leadTime: RuleDuration, costPerDay: Money
    ) {
        self.code = code
        self.name = name
        self.city = city
        self.capacity = capacity
        self.leadTime = leadTime
        self.costPerDay = costPerDay
    }

    enum CodingKeys: String, CodingKey {
        case code, name, city, capacity
        case leadTime = "lead_time"
        case costPerDay = "cost_per_day"
        case currency
    }

    /// Decodes the file form: `cost_per_day` as decimal text in `currency` (CNY when left out).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(LocationID.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        city = try container.decode(String.self, forKey: .city)
        capacity = try container.decode(Int64.self, forKey: .capacity)
        leadTime = try container.decode(RuleDuration.self, forKey: .leadTime)
        let currency = try container.decodeCurrencyIfPresent(forKey: .currency) ?? .cny
        costPerDay = try container.decodeMoney(forKey: .costPerDay, currency: currency)
    }

    /// Encodes the file form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(city, forKey: .city)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(leadTime, forKey: .leadTime)
        try container.encodeAmountIfPresent(costPerDay, forKey: .costPerDay)
        try container.encode(costPerDay.currency.code, forKey: .currency)
    }
}
