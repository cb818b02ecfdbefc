public import ChannelCore

/// Something that happened in Qudao, ready to go to the endpoints subscribed to its kind: the JSON document that is
/// sent, byte for byte, as every delivery's body.
public struct WebhookEvent: Sendable, Hashable {
    /// Identifies the event (`evt_…`); the payload's `id`, the same in every delivery and replay of the event, so
    /// receivers can drop duplicates.
    public var id: String
    public var kind: WebhookEventKind
    /// The request body: a JSON document, UTF-8.
    public var payload: String
    public var createdAt: Instant

    public init(id: String, kind: WebhookEventKind, payload: String, createdAt: Instant) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.createdAt = createdAt
    }
}
