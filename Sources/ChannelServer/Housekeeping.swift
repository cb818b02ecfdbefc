import ChannelCore
import ChannelStore
import Logging
import ServiceLifecycle

/// Deletes what the server keeps only for a while: expired sessions, and responses kept for Idempotency-Key
/// retries once they are older than the retention. Runs every `interval` while the server runs.
struct Housekeeping: Service {
    let store: any AccountStore
    let clock: @Sendable () -> Instant
    let retention: Duration
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try sweep()
                } catch {
                    logger.error("housekeeping failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round: expired sessions and idempotency records older than the retention.
    func sweep() throws {
        let now = clock()
        try store.deleteExpiredSessions(before: now)
        let seconds = retention.components.seconds
        try store.deleteStoredResponses(before: Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch - seconds * 1000))
    }
}
