/// An order flagged by the anomaly detector; each order is a subject.
public struct AnomalousOrderCondition: Hashable, Sendable, Codable {
    /// Anomaly kinds watched (`quantity_spike`, `price_deviation`, `suspended_partner`, `duplicate_order`); empty
    /// means all.
    public var kinds: [String]
    /// Lowest detector score (robust z scale) that fires; nil: every flag.
    public var minScore: Double?

    /// An anomalous order condition; empty `kinds` watches every kind.
    public init(kinds: [String] = [], minScore: Double? = nil) {
        self.kinds = kinds
        self.minScore = minScore
    }

    /// Decodes the canonical form; every key may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kinds = try container.decodeIfPresent([String].self, forKey: .kinds) ?? []
        minScore = try container.decodeIfPresent(Double.self, forKey: .minScore)
    }

    /// Encodes the canonical form; empty `kinds` is left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !kinds.isEmpty { try container.encode(kinds, forKey: .kinds) }
        try container.encodeIfPresent(minScore, forKey: .minScore)
    }

    enum CodingKeys: String, CodingKey {
        case kinds
        case minScore = "min_score"
    }
}
