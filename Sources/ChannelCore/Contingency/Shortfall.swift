/// Units of a SKU missing by an instant: what backup suppliers are asked to cover.
public struct Shortfall: Hashable, Sendable, Codable {
    /// The SKU missing.
    public var sku: SKU
    /// Units missing.
    public var quantity: Int64
    /// When they are needed.
    public var neededBy: Instant
    /// When orders can be placed (the lead times count from here): usually now.
    public var startAt: Instant

    /// A shortfall; see the properties for the meaning of each value.
    public init(sku: SKU, quantity: Int64, neededBy: Instant, startAt: Instant) {
        self.sku = sku
        self.quantity = quantity
        self.neededBy = neededBy
        self.startAt = startAt
    }

    enum CodingKeys: String, CodingKey {
        case sku, quantity
        case neededBy = "needed_by"
        case startAt = "start_at"
    }

    /// Decodes the API form (instants as ISO 8601 text).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sku = try container.decode(SKU.self, forKey: .sku)
        quantity = try container.decode(Int64.self, forKey: .quantity)
        neededBy = try container.decodeInstant(forKey: .neededBy)
        startAt = try container.decodeInstant(forKey: .startAt)
    }

    /// Snake-case keys, instants as ISO 8601 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sku, forKey: .sku)
        try container.encode(quantity, forKey: .quantity)
        try container.encodeInstant(neededBy, forKey: .neededBy)
        try container.encodeInstant(startAt, forKey: .startAt)
    }
}
