public import ChannelCore

/// A user account as the store holds it: the user's identity and role, and whether a password is set (never the
/// password's hash, which only `AccountStore.passwordHash(of:)` hands out, for signing in).
public struct Account: Hashable, Sendable, Codable {
    public var userID: UserID
    public var displayName: String
    public var role: UserRole
    /// The partner a partner user is bound to; nil for every other role.
    public var partnerID: PartnerID?
    /// A disabled account cannot sign in, and its API keys and sessions are refused.
    public var isActive: Bool
    public var createdAt: Instant
    /// Whether the account can sign in with a password (API clients usually have none).
    public var hasPassword: Bool

    public init(
        userID: UserID, displayName: String, role: UserRole, partnerID: PartnerID?, isActive: Bool, createdAt: Instant,
        hasPassword: Bool
    ) {
        self.userID = userID
        self.displayName = displayName
        self.role = role
        self.partnerID = partnerID
        self.isActive = isActive
        self.createdAt = createdAt
        self.hasPassword = hasPassword
    }

    /// The account's user record (identity, role, partner, active flag).
    public var user: User {
        User(id: userID, displayName: displayName, role: role, partnerID: partnerID, isActive: isActive)
    }
}
