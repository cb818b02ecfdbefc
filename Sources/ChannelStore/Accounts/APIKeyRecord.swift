public import ChannelCore

/// An API key as the store holds it, without its secret: who owns it, what it may do and for how long.
public struct APIKeyRecord: Hashable, Sendable, Codable {
    /// The public part of the key, shown in listings and logs (`qk_<keyID>_<secret>`).
    public var keyID: String
    /// What the key is for, as its creator described it (`ERP nightly sync`).
    public var name: String
    /// The user whose role and partner scope the key acts with.
    public var owner: UserID
    /// The scopes the key grants (`read`, `kpi`, ...), in the order given; stored space-separated.
    public var scopes: [String]
    public var createdAt: Instant
    /// When the key stops working; nil for a key without expiry.
    public var expiresAt: Instant?
    /// When the key was revoked; nil while it is not.
    public var revokedAt: Instant?
    /// When the key last authenticated a request; nil when never used.
    public var lastUsedAt: Instant?

    public init(
        keyID: String, name: String, owner: UserID, scopes: [String], createdAt: Instant, expiresAt: Instant? = nil,
        revokedAt: Instant? = nil, lastUsedAt: Instant? = nil
    ) {
        self.keyID = keyID
        self.name = name
        self.owner = owner
        self.scopes = scopes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// Whether the key may authenticate a request at `instant`: not revoked and not expired by then.
    public func isUsable(at instant: Instant) -> Bool {
        if let revokedAt, revokedAt <= instant { return false }
        if let expiresAt, expiresAt <= instant { return false }
        return true
    }
}
