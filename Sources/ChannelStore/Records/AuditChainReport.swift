public import ChannelCore

/// The outcome of checking the audit trail's hash chain (`RecordStore.verifyAuditChain`).
public struct AuditChainReport: Sendable, Hashable {
    /// Events checked, the broken one included.
    public var eventsChecked: Int
    /// The first event that does not fit the chain; nil when the chain is intact.
    public var firstBreak: AuditChainBreak?

    public var isIntact: Bool { firstBreak == nil }

    public init(eventsChecked: Int, firstBreak: AuditChainBreak?) {
        self.eventsChecked = eventsChecked
        self.firstBreak = firstBreak
    }
}

/// The first audit event that breaks the chain, and why.
public struct AuditChainBreak: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable {
        /// The event's stored hash is not the hash of its contents: the event was edited.
        case hashMismatch = "hash mismatch"
        /// The event's `previousHash` is not the hash of the event before it: an event was removed, inserted or
        /// re-hashed before this one.
        case brokenLink = "broken link"
        /// The event has no hash at all.
        case missingHash = "missing hash"
    }

    public var eventID: Int64
    public var at: Instant
    public var entity: String
    public var entityKey: String
    public var reason: Reason

    public init(eventID: Int64, at: Instant, entity: String, entityKey: String, reason: Reason) {
        self.eventID = eventID
        self.at = at
        self.entity = entity
        self.entityKey = entityKey
        self.reason = reason
    }

    public var description: String { "event \(eventID) at \(at) (\(entity) \(entityKey)): \(reason.rawValue)" }
}
