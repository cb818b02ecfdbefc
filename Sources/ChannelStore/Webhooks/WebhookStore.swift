public import ChannelCore

/// What the webhook dispatcher keeps in the store: the deliveries waiting to be sent and what each attempt came to.
/// Because deliveries live here and not in memory, dead letters survive a restart and pending deliveries resume.
public protocol WebhookDeliveryLog: Sendable {
    /// Pending deliveries, oldest first, at most `limit`.
    func pendingWebhookDeliveries(limit: Int) throws -> [WebhookDelivery]

    /// The delivery with its endpoint's URL and secret when it is pending and its endpoint active; nil otherwise (it
    /// was delivered, given up or its endpoint deactivated meanwhile).
    func webhookTarget(_ deliveryID: Int64) throws -> WebhookTarget?

    /// Records an attempt and moves its delivery on, in one transaction: the attempt is logged, the delivery's
    /// attempt count, last status and last error are updated, and it becomes `delivered`, `dead` or stays `pending`
    /// until `next`'s instant. A retry of a delivery whose endpoint was deactivated meanwhile becomes `dead`.
    @discardableResult
    func recordWebhookAttempt(_ attempt: WebhookAttempt, then next: WebhookDelivery.Next) throws -> WebhookDelivery
}

/// Webhook endpoints and their deliveries. Creating and deactivating an endpoint (entity `webhook_endpoints`) and
/// replaying a delivery (entity `webhook_deliveries`) are audited in the same transaction; audit images never hold a
/// secret. Errors are `StoreError`s: `.notFound` for an unknown endpoint or delivery, `.conflict` for a change its
/// state does not allow (replaying a delivery that is not dead, or whose endpoint is deactivated), `.constraint` for
/// bad input.
public protocol WebhookStore: WebhookDeliveryLog {
    /// Stores a new active endpoint created at `at` by `actor`.
    func createWebhookEndpoint(_ endpoint: NewWebhookEndpoint, actor: String, requestID: String?, at: Instant) throws -> WebhookEndpoint

    /// Endpoints by id; deactivated ones too when `includingInactive`.
    func webhookEndpoints(includingInactive: Bool) throws -> [WebhookEndpoint]

    /// One endpoint; `.notFound` when there is none.
    func webhookEndpoint(_ id: Int64) throws -> WebhookEndpoint

    /// Deactivates an endpoint: it receives nothing more, and its pending deliveries become dead letters. Deactivating
    /// an inactive endpoint changes nothing and records nothing.
    func deactivateWebhookEndpoint(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> WebhookEndpoint

    /// Queues `event` for every active endpoint subscribed to its kind, in one transaction: a pending delivery each,
    /// due at once. Returns them (none when no endpoint wants the event). Queueing an event again adds nothing for the
    /// endpoints that have it already.
    @discardableResult
    func enqueueWebhookEvent(_ event: WebhookEvent) throws -> [WebhookDelivery]

    /// The deliveries of one endpoint, newest first, at most `limit`; `.notFound` for an unknown endpoint.
    func webhookDeliveries(endpoint: Int64, limit: Int) throws -> [WebhookDelivery]

    /// One delivery and its attempts, oldest first; `.notFound` when there is none.
    func webhookDelivery(_ id: Int64) throws -> (delivery: WebhookDelivery, attempts: [WebhookAttempt])

    /// The dead letters (dead deliveries) of every endpoint, oldest first, at most `limit`.
    func deadWebhookDeliveries(limit: Int) throws -> [WebhookDelivery]

    /// Queues a dead delivery again at `at`, with a new round of attempts. `.conflict` unless it is dead and its
    /// endpoint active.
    func replayWebhookDelivery(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> WebhookDelivery
}
