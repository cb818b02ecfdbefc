/// Stock of one SKU at one location on one date.
public struct InventorySnapshot: Hashable, Sendable, Codable {
    public var snapshotDate: CalendarDay
    public var locationID: LocationID
    public var sku: SKU
    public var onHand: Int64
    public var inTransit: Int64

    public init(snapshotDate: CalendarDay, locationID: LocationID, sku: SKU, onHand: Int64, inTransit: Int64) {
        self.snapshotDate = snapshotDate
        self.locationID = locationID
        self.sku = sku
        self.onHand = onHand
        self.inTransit = inTransit
    }

    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if onHand < 0 { issues.append(.init("on_hand", "is negative")) }
        if inTransit < 0 { issues.append(.init("in_transit", "is negative")) }
        return issues
    }
}
