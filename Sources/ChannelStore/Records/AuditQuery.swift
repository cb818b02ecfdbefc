public import ChannelCore

/// Which audit events `RecordStore.auditTrail` returns; every filter that is set must match.
public struct AuditQuery: Sendable, Hashable {
    /// The entity (table) name, e.g. `orders` or `users`.
    public var entity: String?
    /// The entity key: a record's natural key (parts joined by `/`), or an import's file.
    public var entityKey: String?
    public var actor: String?
    public var requestID: String?
    public var action: AuditEvent.Action?
    /// Events at or after this instant.
    public var from: Instant?
    /// Events at or before this instant.
    public var to: Instant?
    /// Where the previous page ended (`AuditPage.nextCursor`); nil for the first page.
    public var cursor: String?
    /// Events per page, 1...1000.
    public var limit: Int
    /// Newest first (descending ids) instead of oldest first.
    public var newestFirst: Bool

    public init(
        entity: String? = nil, entityKey: String? = nil, actor: String? = nil, requestID: String? = nil,
        action: AuditEvent.Action? = nil, from: Instant? = nil, to: Instant? = nil, cursor: String? = nil, limit: Int = 100,
        newestFirst: Bool = false
    ) {
        self.entity = entity
        self.entityKey = entityKey
        self.actor = actor
        self.requestID = requestID
        self.action = action
        self.from = from
        self.to = to
        self.cursor = cursor
        self.limit = limit
        self.newestFirst = newestFirst
    }
}

/// One page of audit events, in id order, and the cursor of the next one.
public struct AuditPage: Sendable, Hashable {
    public var events: [AuditEvent]
    /// Pass it back as `AuditQuery.cursor` for the next page; nil when this page is the last.
    public var nextCursor: String?

    public init(events: [AuditEvent], nextCursor: String?) {
        self.events = events
        self.nextCursor = nextCursor
    }
}
