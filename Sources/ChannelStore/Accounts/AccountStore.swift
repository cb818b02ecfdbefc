public import ChannelCore

/// Accounts and credentials: users with their password hashes, API keys, browser sessions, and the responses kept
/// for idempotent retries.
///
/// Every account change (a user created, enabled or disabled, a password set; an API key created or revoked) writes
/// an audit event (entity `users` or `api_keys`) in the same transaction; its before/after images never hold a hash or
/// a secret. Sessions, key use and idempotency records are bookkeeping and are not audited. Errors are `StoreError`s:
/// `.notFound` for an unknown user, key or partner, `.conflict` for a user id or key id that is taken, `.constraint`
/// for a record that breaks a rule.
public protocol AccountStore: Sendable {
    /// Creates an account, with a password hash (bcrypt) or none, and returns it as stored.
    ///
    /// A partner user's partner must exist. Throws `.conflict` when the user id is taken.
    @discardableResult
    func createUser(_ user: User, passwordHash: String?, actor: String, requestID: String?) throws -> Account

    /// Every account, by user id.
    func accounts() throws -> [Account]

    /// The account with this id; nil when there is none.
    func account(_ id: UserID) throws -> Account?

    /// The stored password hash of a user, for signing in; nil when the user has no password or does not exist.
    func passwordHash(of id: UserID) throws -> String?

    /// Enables or disables an account. Disabling one also ends its sessions. Setting the state it already has
    /// changes nothing and records nothing.
    func setActive(_ id: UserID, _ active: Bool, actor: String, requestID: String?) throws

    /// Sets a user's password hash (bcrypt) and ends the user's sessions.
    func setPasswordHash(_ id: UserID, _ hash: String, actor: String, requestID: String?) throws

    /// Stores a new API key with the SHA-256 of its secret. The owner must exist; throws `.conflict` when the key id
    /// is taken.
    func createAPIKey(_ key: APIKeyRecord, secretHash: String, actor: String, requestID: String?) throws

    /// API keys (without secrets) of one owner, or of everyone when `owner` is nil, by key id.
    func apiKeys(owner: UserID?) throws -> [APIKeyRecord]

    /// The key and its secret hash, for authentication; nil when unknown.
    func apiKey(_ keyID: String) throws -> (record: APIKeyRecord, secretHash: String)?

    /// Revokes a key from `at` on. Throws `.notFound` for an unknown key and `.conflict` for one already revoked.
    func revokeAPIKey(_ keyID: String, at: Instant, actor: String, requestID: String?) throws

    /// Records that a key authenticated a request at `at` (not audited). Throws `.notFound` for an unknown key.
    ///
    /// At minute resolution: a use less than a minute after the recorded one is not written, so that a busy key does
    /// not cost a durable write per request.
    func noteAPIKeyUse(_ keyID: String, at: Instant) throws

    /// Stores a new session. The owner must exist; throws `.conflict` when the token hash is already stored.
    func createSession(_ session: SessionRecord) throws

    /// The session with this token hash, expired or not; nil when unknown.
    func session(tokenHash: String) throws -> SessionRecord?

    /// Ends a session (signing out); nothing happens when it is unknown.
    func deleteSession(tokenHash: String) throws

    /// Deletes every session that has expired by `before` (`expiresAt <= before`).
    func deleteExpiredSessions(before: Instant) throws

    /// The response kept for `key` sent by `user` (a user id or an API key id); nil when none is kept.
    func storedResponse(user: String, key: String) throws -> StoredResponse?

    /// Keeps the response to a request with an idempotency key. Throws `.conflict` when one is already kept for
    /// this user and key (a concurrent request with the same key won).
    func storeResponse(user: String, key: String, _ response: StoredResponse) throws

    /// Forgets the responses kept since before `before`: a retry that late is a new request.
    func deleteStoredResponses(before: Instant) throws
}
