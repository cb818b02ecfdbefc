import Foundation

/// When to try a delivery again, and how long to wait first: exponential backoff with full jitter.
///
/// Before attempt `n + 1` the dispatcher waits a random duration in `0...min(maxDelay, baseDelay × factor^(n - 1))`,
/// so receivers that come back after an outage are not hit by every sender at once. A `Retry-After` header (in
/// seconds) on a retried response replaces the backoff, capped at `maxDelay`.
///
/// Retried: connection errors, timeouts, 408, 429 and 5xx. Any other status outside 2xx (other 4xx, and 3xx, since
/// redirects are not followed) goes to the dead letters at once: sending the same request again cannot help.
public struct RetryPolicy: Sendable {
    /// The backoff ceiling before the second attempt.
    public var baseDelay: Duration
    /// How much the ceiling grows per attempt.
    public var factor: Double
    /// The longest wait between two attempts, `Retry-After` included.
    public var maxDelay: Duration
    /// Attempts per delivery (and per replay), the first one included.
    public var maxAttempts: Int
    /// Where the backoff lands between zero and its ceiling.
    public var jitter: Jitter

    /// A policy. With the defaults, the seven waits of a delivery that always fails add up to at most 127 s (about
    /// half of that on average).
    public init(
        baseDelay: Duration = .seconds(1), factor: Double = 2, maxDelay: Duration = .seconds(300), maxAttempts: Int = 8,
        jitter: Jitter = .full
    ) {
        self.baseDelay = baseDelay
        self.factor = factor
        self.maxDelay = maxDelay
        self.maxAttempts = max(1, maxAttempts)
        self.jitter = jitter
    }

    /// The backoff ceiling after `attempt` (1-based) failed: `min(maxDelay, baseDelay × factor^(attempt - 1))`.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let growth = Double(max(0, attempt - 1))
        let scale = pow(factor, growth)
        // Compare in seconds first: a large attempt number would overflow Duration's arithmetic.
        guard scale.isFinite, baseDelay.seconds * scale < maxDelay.seconds else { return maxDelay }
        return baseDelay * scale
    }

    /// How long to wait after `attempt` failed: the server's `Retry-After` if it gave one, else the jittered backoff.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), maxDelay) }
        let fraction = min(max(jitter.fraction(), 0), 1)
        return ceiling(afterAttempt: attempt) * fraction
    }

    /// Whether a response with this status is worth sending again: 408, 429 and 5xx.
    public static func isRetryable(statusCode: Int) -> Bool {
        statusCode == 408 || statusCode == 429 || (500...599).contains(statusCode)
    }

    /// Where in `0...ceiling` a backoff lands: a source of fractions in `0...1`.
    public struct Jitter: Sendable {
        /// Returns the next fraction of the ceiling to wait.
        let fraction: @Sendable () -> Double

        /// Jitter from a given source of fractions (clamped to `0...1`); tests pass a constant or a fixed sequence.
        public init(_ fraction: @escaping @Sendable () -> Double) { self.fraction = fraction }

        /// "Full jitter": uniformly random in `0...ceiling`.
        public static var full: Jitter { Jitter { Double.random(in: 0...1) } }

        /// No jitter: always the ceiling, which makes the delays deterministic.
        public static var none: Jitter { Jitter { 1 } }
    }
}
