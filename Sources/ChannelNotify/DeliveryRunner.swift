import AsyncHTTPClient
import ChannelCore
import ChannelStore
import Logging

/// Carries one delivery through its attempts: sign, send, record, back off, and at last succeed or give up.
///
/// The store is the source of truth: before every attempt the runner reads the delivery and its endpoint afresh (a
/// delivery no longer pending, or whose endpoint was deactivated, is left alone), and every attempt is recorded with
/// what comes next. When the task is cancelled (the server stops) the delivery stays pending and resumes at the next
/// start, its retry budget as far as it got.
struct DeliveryRunner: Sendable {
    let client: HTTPClient
    let log: any WebhookDeliveryLog
    let policy: RetryPolicy
    let timeout: Duration
    let clock: any Clock<Duration>
    let now: @Sendable () -> Instant
    let logger: Logger

    /// Delivers until the receiver accepts, the policy gives up, or the delivery stops being pending.
    func deliver(_ queued: WebhookDelivery) async {
        var metadata: Logger.Metadata = [
            "delivery_id": "\(queued.id)", "endpoint_id": "\(queued.endpointID)", "event_id": "\(queued.eventID)",
            "event_type": "\(queued.kind.rawValue)",
        ]
        do {
            // A delivery resumed after a restart waits for the retry that was scheduled before it.
            if let due = queued.nextAttemptAt, due > now() {
                let wait = Duration.milliseconds(due.millisecondsSinceEpoch - now().millisecondsSinceEpoch)
                try await clock.sleep(for: min(wait, policy.maxDelay))
            }
            while true {
                try Task.checkCancellation()
                let found = reportingFailure(metadata) { try log.webhookTarget(queued.id) }
                guard case .some(.some(let target)) = found else {
                    if found != nil { logger.debug("webhook delivery no longer pending; left alone", metadata: metadata) }
                    return
                }
                let number = target.delivery.attempts + 1
                metadata["attempt"] = "\(number)"
                metadata["origin"] = "\(WebhookEndpoint.origin(of: target.url))"
                let startedAt = now()
                let started = ContinuousClock.now
                let response = try await client.sendAttempt(
                    target, signedAt: Int(startedAt.millisecondsSinceEpoch / 1_000), timeout: timeout)
                let elapsed = ContinuousClock.now - started
                let attempt = WebhookAttempt(
                    deliveryID: queued.id, number: number, outcome: response.outcome, startedAt: startedAt,
                    durationMilliseconds: elapsed.milliseconds)
                metadata["outcome"] = "\(attempt.outcome)"
                let next = decide(attempt, retryAfter: response.retryAfter)
                reportingFailure(metadata) { try log.recordWebhookAttempt(attempt, then: next.state) }
                switch next.state {
                case .delivered:
                    logger.info("webhook delivered", metadata: metadata)
                    return
                case .dead(let reason):
                    metadata["reason"] = "\(reason)"
                    logger.error("webhook delivery moved to dead letters", metadata: metadata)
                    return
                case .retry:
                    metadata["retry_in"] = "\(next.delay)"
                    logger.warning("webhook attempt failed, will retry", metadata: metadata)
                    try await clock.sleep(for: next.delay)
                }
            }
        } catch {
            // Only cancellation throws, during an attempt or a wait: the delivery stays pending for the next start.
            logger.info("webhook delivery interrupted; it stays pending", metadata: metadata)
        }
    }

    /// What follows an attempt, and how long to wait before a retry.
    func decide(_ attempt: WebhookAttempt, retryAfter: Duration?) -> (state: WebhookDelivery.Next, delay: Duration) {
        if attempt.isSuccess { return (.delivered, .zero) }
        let isRetryable =
            switch attempt.outcome {
            case .status(let code): RetryPolicy.isRetryable(statusCode: code)
            case .failure: true
            }
        guard isRetryable, attempt.number < policy.maxAttempts else {
            let reason =
                isRetryable ? "gave up after \(attempt.number) attempts; last: \(attempt.outcome)" : "\(attempt.outcome), not retried"
            return (.dead(reason: reason), .zero)
        }
        let delay = policy.delay(afterAttempt: attempt.number, retryAfter: retryAfter)
        let due = Instant(millisecondsSinceEpoch: now().millisecondsSinceEpoch + delay.milliseconds)
        return (.retry(at: due), delay)
    }

    /// Runs a store call; a failure is logged and answered with nil. The delivery then stays pending in the store (a
    /// failed read ends this round; a failed record goes on as decided), and the next look for pending deliveries
    /// picks it up again: deliveries are at least once, and receivers drop duplicates by `X-Qudao-Delivery`.
    @discardableResult
    private func reportingFailure<T>(_ metadata: Logger.Metadata, _ call: () throws -> T) -> T? {
        do {
            return try call()
        } catch {
            var metadata = metadata
            metadata["error"] = "\(error)"
            logger.error("webhook delivery log failed", metadata: metadata)
            return nil
        }
    }
}
