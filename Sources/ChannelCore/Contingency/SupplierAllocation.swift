/// What one backup supplier is asked for: quantity, cost and when the goods arrive.
public struct SupplierAllocation: Hashable, Sendable, Encodable {
    /// The supplier's code.
    public var code: SupplierCode
    /// The supplier's name.
    public var name: String
    /// Its rank in the plan.
    public var rank: Int
    /// Units ordered from it, more than 0.
    public var quantity: Int64
    /// Full days it can deliver on before the goods are needed.
    public var daysAvailable: Int64
    /// Quantity × unit cost, exact.
    public var cost: Money
    /// When its first day's units arrive: the start plus its lead time plus one day.
    public var firstArrivalAt: Instant
    /// When the last of its units arrive: the start plus its lead time plus the days its quantity takes (at most
    /// the needed-by instant).
    public var lastArrivalAt: Instant

    /// An allocation; see the properties for the meaning of each value.
    public init(
        code: SupplierCode, name: String, rank: Int, quantity: Int64, daysAvailable: Int64, cost: Money,
        firstArrivalAt: Instant, lastArrivalAt: Instant
    ) {
        self.code = code
        self.name = name
        self.rank = rank
        self.quantity = quantity
        self.daysAvailable = daysAvailable
        self.cost = cost
        self.firstArrivalAt = firstArrivalAt
        self.lastArrivalAt = lastArrivalAt
    }

    enum CodingKeys: String, CodingKey {
        case code, name, rank, quantity
        case daysAvailable = "days_available"
        case cost, currency
        case firstArrivalAt = "first_arrival_at"
        case lastArrivalAt = "last_arrival_at"
    }

    /// Snake-case keys, the cost as decimal text, instants as ISO 8601 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(rank, forKey: .rank)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(daysAvailable, forKey: .daysAvailable)
        try container.encodeAmountIfPresent(cost, forKey: .cost)
        try container.encode(cost.currency.code, forKey: .currency)
        try container.encodeInstant(firstArrivalAt, forKey: .firstArrivalAt)
        try container.encodeInstant(lastArrivalAt, forKey: .lastArrivalAt)
    }
}
