import ChannelAnalytics
import ChannelCore
import ChannelStore
import Logging
import ServiceLifecycle

/// Evaluates the alert rules while the server runs: when the store's changes have reached the analytic engine
/// (looked for every `checkInterval`) and on a schedule (at least every `interval`), one evaluation at a time.
struct AlertService: Service {
    let store: any AlertStore & RecordStore
    let engine: AnalyticsEngine
    let rules: [AlertRule]
    let clock: @Sendable () -> Instant
    let checkInterval: Duration
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var evaluatedSequence: Int64?
            var evaluatedAt = ContinuousClock.now
            while !Task.isCancelled {
                do {
                    let snapshot = try await engine.latestSnapshot()
                    if snapshot.sequence != evaluatedSequence || ContinuousClock.now - evaluatedAt >= interval {
                        let started = ContinuousClock.now
                        let (store, rules, at) = (store, rules, clock())
                        let result = try await Offload.run { try AlertEvaluation.run(rules, on: snapshot, at: at, store: store) }
                        evaluatedSequence = snapshot.sequence
                        evaluatedAt = ContinuousClock.now
                        logger.info(
                            "alert rules evaluated",
                            metadata: [
                                "sequence": "\(snapshot.sequence)", "findings": "\(result.findings)", "raised": "\(result.raised)",
                                "repeated": "\(result.repeated)", "suppressed": "\(result.suppressed)",
                                "ms": "\((evaluatedAt - started) / .milliseconds(1))",
                            ])
                    }
                } catch {
                    logger.error("alert rules could not be evaluated", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: checkInterval)
            }
        }
    }
}
