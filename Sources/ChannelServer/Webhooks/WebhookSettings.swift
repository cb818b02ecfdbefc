public import ChannelNotify

/// How the server sends webhooks: when to retry, how long one request may take, and how often it looks at the store
/// for pending deliveries it does not have yet (after a restart, or a replay made by `qudao webhooks replay`).
public struct WebhookSettings: Sendable {
    public var retryPolicy: RetryPolicy
    /// The longest one attempt may take, from connecting to the end of the response.
    public var requestTimeout: Duration
    public var pollInterval: Duration

    public init(retryPolicy: RetryPolicy = RetryPolicy(), requestTimeout: Duration = .seconds(10), pollInterval: Duration = .seconds(5)) {
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.pollInterval = pollInterval
    }
}
