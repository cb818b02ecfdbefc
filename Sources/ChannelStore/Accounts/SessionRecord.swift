public import ChannelCore

/// A signed-in browser session. The store keeps the SHA-256 of the session token, never the token itself.
public struct SessionRecord: Hashable, Sendable, Codable {
    /// SHA-256 (hex) of the token the browser holds in its cookie.
    public var tokenHash: String
    public var owner: UserID
    /// The token a form or unsafe request must echo back (double submit), random per session.
    public var csrfToken: String
    public var createdAt: Instant
    /// The session is refused from this instant on.
    public var expiresAt: Instant

    public init(tokenHash: String, owner: UserID, csrfToken: String, createdAt: Instant, expiresAt: Instant) {
        self.tokenHash = tokenHash
        self.owner = owner
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Whether the session is still valid at `instant` (it expires at `expiresAt`, exclusive).
    public func isValid(at instant: Instant) -> Bool { instant < expiresAt }
}
