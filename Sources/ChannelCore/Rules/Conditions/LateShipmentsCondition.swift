/// Orders past their promised delivery time by more than `grace` and not yet delivered. The scope is one subject:
/// the rule fires once at least `minCount` orders are late.
public struct LateShipmentsCondition: Hashable, Sendable, Codable {
    /// How long past the promised time an order may be before it counts as late.
    public var grace: RuleDuration
    /// Fewest late orders that fire the rule; nil: one is enough.
    public var minCount: Int?

    /// A late shipments condition.
    public init(grace: RuleDuration, minCount: Int? = nil) {
        self.grace = grace
        self.minCount = minCount
    }

    enum CodingKeys: String, CodingKey {
        case grace
        case minCount = "min_count"
    }
}
