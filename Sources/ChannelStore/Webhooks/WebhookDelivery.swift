public import ChannelCore

/// One event on its way to one endpoint, from the moment it is queued until the endpoint accepts it (`delivered`) or
/// it is given up (`dead`, a dead letter, until it is replayed).
public struct WebhookDelivery: Sendable, Hashable {
    /// Where a delivery stands.
    public enum State: String, CodedValue {
        /// Waiting for its next attempt (at `nextAttemptAt`).
        case pending
        /// The endpoint answered 2xx.
        case delivered
        /// Given up: attempts exhausted, an answer that retrying cannot change, or the endpoint deactivated.
        case dead
    }

    /// What comes after an attempt.
    public enum Next: Sendable, Hashable {
        /// Try again at this instant.
        case retry(at: Instant)
        /// The endpoint accepted it.
        case delivered
        /// Give up, for this reason (for people).
        case dead(reason: String)
    }

    /// Identifies the delivery; sent as `X-Qudao-Delivery`, the same for every attempt and replay.
    public var id: Int64
    public var endpointID: Int64
    public var eventID: String
    public var kind: WebhookEventKind
    /// The request body (the event's payload).
    public var payload: String
    public var state: State
    /// Attempts made in the current round: since the delivery was queued, or since its last replay.
    public var attempts: Int
    /// The HTTP status of the last attempt that got an answer.
    public var lastStatus: Int?
    /// Why the last attempt failed, or why the delivery was given up.
    public var lastError: String?
    /// When the next attempt is due; nil unless pending.
    public var nextAttemptAt: Instant?
    public var createdAt: Instant
    /// When the endpoint accepted it; nil unless delivered.
    public var deliveredAt: Instant?

    public init(
        id: Int64, endpointID: Int64, eventID: String, kind: WebhookEventKind, payload: String, state: State, attempts: Int,
        lastStatus: Int?, lastError: String?, nextAttemptAt: Instant?, createdAt: Instant, deliveredAt: Instant?
    ) {
        self.id = id
        self.endpointID = endpointID
        self.eventID = eventID
        self.kind = kind
        self.payload = payload
        self.state = state
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}
