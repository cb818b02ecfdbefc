public import ChannelCore

/// How a server runs: where it listens, its limits, how long sessions last.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Requests per signed-in caller (API key or account).
    public var callerLimit: RateLimiter.Limit
    /// Requests per client address from callers that are not signed in.
    public var addressLimit: RateLimiter.Limit
    public var sessionLifetime: Duration
    /// Mark the session cookie `Secure` (HTTPS only); off only for a plain-HTTP demo on loopback.
    public var secureCookies: Bool
    /// The largest upload the import endpoint takes.
    public var maxImportBytes: Int
    /// How often the analytic engine looks for new changes in the store, and the live alert streams for new entries of
    /// the alerts' history.
    public var followInterval: Duration
    /// How long a response to a request with an Idempotency-Key is kept for its retries.
    public var idempotencyRetention: Duration
    /// How often expired sessions and old idempotency records are deleted.
    public var housekeepingInterval: Duration
    /// The alert rules the server evaluates.
    public var rules: [AlertRule]
    /// The contingency plans alerts can start.
    public var plans: [ContingencyPlan]
    /// How often the alert service looks for changes to evaluate the rules on; nil: no alert service (rules are
    /// evaluated on request only).
    public var alertCheckInterval: Duration?
    /// The longest the alert service goes without evaluating, changes or not (time-based rules: SLAs, late orders).
    public var alertInterval: Duration
    /// How webhooks are sent; nil: no webhook service (endpoints can still be managed, alerts send no webhooks, and
    /// replayed deliveries wait, pending, for a server that sends them).
    public var webhooks: WebhookSettings?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, callerLimit: RateLimiter.Limit = .init(rate: 500, burst: 1_000),
        addressLimit: RateLimiter.Limit = .init(rate: 20, burst: 60), sessionLifetime: Duration = .seconds(12 * 3600),
        secureCookies: Bool = true, maxImportBytes: Int = 1 << 30, followInterval: Duration = .milliseconds(100),
        idempotencyRetention: Duration = .seconds(24 * 3600), housekeepingInterval: Duration = .seconds(600),
        rules: [AlertRule] = AlertRule.builtIn, plans: [ContingencyPlan] = ContingencyPlan.standard, alertCheckInterval: Duration? = .milliseconds(100),
        alertInterval: Duration = .seconds(300), webhooks: WebhookSettings? = WebhookSettings()
    ) {
        self.host = host
        self.port = port
        self.callerLimit = callerLimit
        self.addressLimit = addressLimit
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
        self.maxImportBytes = maxImportBytes
        self.followInterval = followInterval
        self.idempotencyRetention = idempotencyRetention
        self.housekeepingInterval = housekeepingInterval
        self.rules = rules
        self.plans = plans
        self.alertCheckInterval = alertCheckInterval
        self.alertInterval = alertInterval
        self.webhooks = webhooks
    }
}
