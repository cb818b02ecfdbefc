/// A channel partner: distributor, agent, dealer, online platform or the brand's direct channel.
public struct Partner: Hashable, Sendable, Codable {
    public var id: PartnerID
    public var name: String
    public var kind: PartnerKind
    /// The upstream partner this one buys from; nil when it buys from the brand.
    public var parentID: PartnerID?
    /// 1 distributor, 2 agent, 3 dealer (deeper tiers allowed up to 9); 0 for online platforms and direct.
    public var tier: Int
    /// The city the partner is based in.
    public var regionID: RegionID
    public var channel: SalesChannel
    public var joinedOn: CalendarDay
    public var status: PartnerStatus

    public init(
        id: PartnerID, name: String, kind: PartnerKind, parentID: PartnerID?, tier: Int, regionID: RegionID,
        channel: SalesChannel, joinedOn: CalendarDay, status: PartnerStatus
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.tier = tier
        self.regionID = regionID
        self.channel = channel
        self.joinedOn = joinedOn
        self.status = status
    }

    /// Checks the row on its own; parents and cycles are checked by `PartnerGraph`.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if name.isEmpty { issues.append(.init("name", "is empty")) }
        if !(0...9).contains(tier) { issues.append(.init("tier", "must be between 0 and 9")) }
        if kind.isTiered, tier == 0 { issues.append(.init("tier", "must be 1 or more for a \(kind.rawValue)")) }
        if !kind.isTiered, tier != 0 { issues.append(.init("tier", "must be 0 for a \(kind.rawValue)")) }
        if parentID == id { issues.append(.init("parent_id", "is the partner itself")) }
        if tier == 0, parentID != nil { issues.append(.init("parent_id", "must be empty for a tier-0 partner")) }
        return issues
    }
}
