/// A partner's win-win index (0…100) falling by more than `points` from one window to the next; each partner is a
/// subject.
public struct WinWinDropCondition: Hashable, Sendable, Codable {
    /// The drop in index points that fires, more than 0 and at most 100.
    public var points: Double
    /// The length of each of the two consecutive windows compared, in whole days.
    public var window: RuleDuration
    /// Partner tiers watched (1 distributor, 2 agent, 3 dealer, ...); empty means all.
    public var tiers: [Int]

    /// A win-win drop condition; empty `tiers` watches every partner.
    public init(points: Double, window: RuleDuration, tiers: [Int] = []) {
        self.points = points
        self.window = window
        self.tiers = tiers
    }

    /// Decodes the canonical form; `tiers` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        points = try container.decode(Double.self, forKey: .points)
        window = try container.decode(RuleDuration.self, forKey: .window)
        tiers = try container.decodeIfPresent([Int].self, forKey: .tiers) ?? []
    }

    /// Encodes the canonical form; empty `tiers` is left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(points, forKey: .points)
        try container.encode(window, forKey: .window)
        if !tiers.isEmpty { try container.encode(tiers, forKey: .tiers) }
    }

    enum CodingKeys: String, CodingKey {
        case points, window, tiers
    }
}
