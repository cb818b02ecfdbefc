/// Stock on hand plus in transit of a SKU at a location below its safety stock at a service level.
///
/// Each SKU × location is a subject. Safety stock comes from the demand forecast's spread: the stock that covers
/// demand over the replenishment lead time with probability `serviceLevel`.
public struct StockBelowSafetyCondition: Hashable, Sendable, Codable {
    /// The default service level, 95 %.
    public static let defaultServiceLevel = 0.95
    /// The service levels a rule may ask for.
    public static let serviceLevels: ClosedRange<Double> = 0.5...0.999

    /// Probability of covering lead-time demand that the safety stock is sized for, in 0.5…0.999.
    public var serviceLevel: Double
    /// Locations watched; empty means all.
    public var locations: [LocationPattern]
    /// SKU codes watched; empty means all.
    public var skus: [String]

    /// A stock condition; empty lists watch every location or SKU.
    public init(serviceLevel: Double = Self.defaultServiceLevel, locations: [LocationPattern] = [], skus: [String] = [])
    {
        self.serviceLevel = serviceLevel
        self.locations = locations
        self.skus = skus
    }

    /// Decodes the canonical form; every key may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        serviceLevel = try container.decodeIfPresent(Double.self, forKey: .serviceLevel) ?? Self.defaultServiceLevel
        locations = try container.decodeIfPresent([LocationPattern].self, forKey: .locations) ?? []
        skus = try container.decodeIfPresent([String].self, forKey: .skus) ?? []
    }

    /// Encodes the canonical form; empty lists are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(serviceLevel, forKey: .serviceLevel)
        if !locations.isEmpty { try container.encode(locations, forKey: .locations) }
        if !skus.isEmpty { try container.encode(skus, forKey: .skus) }
    }

    enum CodingKeys: String, CodingKey {
        case serviceLevel = "service_level"
        case locations, skus
    }
}
