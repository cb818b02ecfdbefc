/// A person or system that signs in to Qudao.
public struct User: Hashable, Sendable, Codable {
    public var id: UserID
    public var displayName: String
    public var role: UserRole
    /// The partner a partner user is bound to (required for that role, empty otherwise).
    public var partnerID: PartnerID?
    public var isActive: Bool

    public init(id: UserID, displayName: String, role: UserRole, partnerID: PartnerID?, isActive: Bool = true) {
        self.id = id
        self.displayName = displayName
        self.role = role
        self.partnerID = partnerID
        self.isActive = isActive
    }

    public func validate() -> [ValidationIssue] {
        if role == .partnerUser, partnerID == nil { return [.init("partner_id", "is required for a partner user")] }
        if role != .partnerUser, partnerID != nil { return [.init("partner_id", "is only allowed for a partner user")] }
        return []
    }
}
