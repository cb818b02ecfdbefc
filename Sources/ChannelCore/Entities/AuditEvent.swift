/// A recorded change: who did what to which entity, with the state before and after (JSON).
public struct AuditEvent: Hashable, Sendable, Codable {
    public enum Action: String, CodedValue {
        case create, update, delete, `import`
    }

    public var id: Int64
    public var at: Instant
    /// Who made the change: a user login, `cli:<os user>`, `import`, `system`.
    public var actor: String
    public var requestID: String?
    /// The table or entity kind, e.g. `orders`.
    public var entity: String
    /// The natural key of the changed row, or the file for an import batch.
    public var entityKey: String
    public var action: Action
    public var before: String?
    public var after: String?

    public init(
        id: Int64, at: Instant, actor: String, requestID: String?, entity: String, entityKey: String, action: Action,
        before: String?, after: String?
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
    }
}
