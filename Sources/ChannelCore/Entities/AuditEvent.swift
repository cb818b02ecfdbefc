/// A recorded change: who did what to which entity, with the state before and after (JSON).
///
/// Events form a hash chain: each one's `hash` covers its contents and the `previousHash` of the event before it, so
/// editing, removing or inserting an event anywhere but at the end breaks every later link.
public struct AuditEvent: Hashable, Sendable, Codable {
    public enum Action: String, CodedValue {
        case create, update, delete, `import`
    }

    public var id: Int64
    public var at: Instant
    /// Who made the change: a user login, `cli:<os user>`, `import`, `system`.
    public var actor: String
    /// The request that made the change (an HTTP request id); nil for the command line.
    public var requestID: String?
    /// The table or entity kind, e.g. `orders`.
    public var entity: String
    /// The natural key of the changed row (parts joined by `/`), or the file for an import batch.
    public var entityKey: String
    public var action: Action
    public var before: String?
    public var after: String?
    /// The hash of the event before this one (a fixed genesis value for the first); nil when not read from a store.
    public var previousHash: String?
    /// Hex SHA-256 of this event's contents and `previousHash`; nil when not read from a store.
    public var hash: String?

    public init(
        id: Int64, at: Instant, actor: String, requestID: String?, entity: String, entityKey: String, action: Action,
        before: String?, after: String?, previousHash: String? = nil, hash: String? = nil
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.requestID = requestID
        self.entity = entity
        self.entityKey = entityKey
        self.action = action
        self.before = before
        self.after = after
        self.previousHash = previousHash
        self.hash = hash
    }
}
