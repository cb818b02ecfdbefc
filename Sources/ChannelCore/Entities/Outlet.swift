/// A terminal where consumers buy: a store or an online shop, run by a partner.
public struct Outlet: Hashable, Sendable, Codable {
    public var id: OutletID
    public var partnerID: PartnerID
    /// The city the outlet is in.
    public var regionID: RegionID
    public var kind: OutletKind
    public var openedOn: CalendarDay
    /// The first day the outlet is closed; nil while it is open.
    public var closedOn: CalendarDay?

    public init(
        id: OutletID, partnerID: PartnerID, regionID: RegionID, kind: OutletKind, openedOn: CalendarDay,
        closedOn: CalendarDay?
    ) {
        self.id = id
        self.partnerID = partnerID
        self.regionID = regionID
        self.kind = kind
        self.openedOn = openedOn
        self.closedOn = closedOn
    }

    /// Whether the outlet is open on `day` (opened on or before it, not yet closed).
    public func isOpen(on day: CalendarDay) -> Bool { openedOn <= day && (closedOn.map { $0 > day } ?? true) }

    public func validate() -> [ValidationIssue] {
        if let closedOn, closedOn <= openedOn { return [.init("closed_on", "must be after opened_on (\(openedOn))")] }
        return []
    }
}
