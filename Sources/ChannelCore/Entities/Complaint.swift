/// A complaint ticket with its response and resolution times (the SLA clocks).
public struct Complaint: Hashable, Sendable, Codable {
    public var id: ComplaintID
    public var orderID: OrderID?
    public var partnerID: PartnerID
    public var openedAt: Instant
    public var firstResponseAt: Instant?
    public var resolvedAt: Instant?
    public var severity: ComplaintSeverity
    public var category: ComplaintCategory

    public init(
        id: ComplaintID, orderID: OrderID?, partnerID: PartnerID, openedAt: Instant, firstResponseAt: Instant?,
        resolvedAt: Instant?, severity: ComplaintSeverity, category: ComplaintCategory
    ) {
        self.id = id
        self.orderID = orderID
        self.partnerID = partnerID
        self.openedAt = openedAt
        self.firstResponseAt = firstResponseAt
        self.resolvedAt = resolvedAt
        self.severity = severity
        self.category = category
    }

    /// opened_at <= first_response_at <= resolved_at; a resolution needs a first response.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if let firstResponseAt, firstResponseAt < openedAt { issues.append(.init("first_response_at", "is before opened_at")) }
        if let resolvedAt {
            if resolvedAt < openedAt { issues.append(.init("resolved_at", "is before opened_at")) }
            if firstResponseAt == nil { issues.append(.init("resolved_at", "is set but first_response_at is empty")) }
            if let firstResponseAt, resolvedAt < firstResponseAt {
                issues.append(.init("resolved_at", "is before first_response_at"))
            }
        }
        return issues
    }
}
