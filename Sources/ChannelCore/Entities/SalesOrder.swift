/// A sales order: sell-in to a partner or an online sale through a platform.
public struct SalesOrder: Hashable, Sendable, Codable {
    public var id: OrderID
    public var partnerID: PartnerID
    /// The outlet the goods go to; it must belong to the ordering partner.
    public var outletID: OutletID?
    public var channel: SalesChannel
    public var orderedAt: Instant
    /// The delivery the customer was promised; on-time means delivered at or before it.
    public var promisedAt: Instant?
    public var shippedAt: Instant?
    public var deliveredAt: Instant?
    public var status: OrderStatus

    public init(
        id: OrderID, partnerID: PartnerID, outletID: OutletID?, channel: SalesChannel, orderedAt: Instant,
        promisedAt: Instant?, shippedAt: Instant?, deliveredAt: Instant?, status: OrderStatus
    ) {
        self.id = id
        self.partnerID = partnerID
        self.outletID = outletID
        self.channel = channel
        self.orderedAt = orderedAt
        self.promisedAt = promisedAt
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
        self.status = status
    }

    /// ordered_at <= shipped_at <= delivered_at, promised_at >= ordered_at, and the times the status implies.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if let promisedAt, promisedAt < orderedAt { issues.append(.init("promised_at", "is before ordered_at")) }
        if let shippedAt, shippedAt < orderedAt { issues.append(.init("shipped_at", "is before ordered_at")) }
        if let deliveredAt {
            if shippedAt == nil { issues.append(.init("delivered_at", "is set but shipped_at is empty")) }
            if let shippedAt, deliveredAt < shippedAt { issues.append(.init("delivered_at", "is before shipped_at")) }
        }
        if status.hasShipped, shippedAt == nil { issues.append(.init("shipped_at", "is required for status \(status.rawValue)")) }
        if status.hasDelivered, deliveredAt == nil {
            issues.append(.init("delivered_at", "is required for status \(status.rawValue)"))
        }
        if !status.hasDelivered, deliveredAt != nil {
            issues.append(.init("delivered_at", "must be empty for status \(status.rawValue)"))
        }
        if status == .pending || status == .confirmed, shippedAt != nil {
            issues.append(.init("shipped_at", "must be empty for status \(status.rawValue)"))
        }
        return issues
    }
}
