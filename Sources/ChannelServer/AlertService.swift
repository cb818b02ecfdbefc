import ChannelAnalytics
import Logging
import ServiceLifecycle

/// Evaluates the alert rules while the server runs: as soon as the analytic engine has taken in new changes (its
/// published snapshot is looked at every `checkInterval`, which costs a lock) and on a schedule (at least every
/// `interval`), one evaluation at a time.
///
/// Of several servers on one database only the one leading the duty (`Alerting.leadsScheduledEvaluation`, a
/// PostgreSQL advisory lock) evaluates: each follows the same changes, and two evaluations of the same data would
/// count every finding twice. The others skip their rounds until the leader stops, then one of them takes over.
struct AlertService: Service {
    let alerting: Alerting
    let checkInterval: Duration
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var evaluatedSequence: Int64?
            var evaluatedAt = ContinuousClock.now
            while !Task.isCancelled {
                do {
                    let snapshot = alerting.engine.snapshot
                    if snapshot.sequence != evaluatedSequence || ContinuousClock.now - evaluatedAt >= interval {
                        let leads = try alerting.leadsScheduledEvaluation()
                        alerting.countRound(evaluated: leads)
                        guard leads else {
                            // Another server evaluates this round; this one looks again at its next round.
                            evaluatedSequence = snapshot.sequence
                            evaluatedAt = ContinuousClock.now
                            logger.debug("alert rules left to the server leading their evaluation", metadata: ["sequence": "\(snapshot.sequence)"])
                            try? await Task.sleep(for: checkInterval)
                            continue
                        }
                        let started = ContinuousClock.now
                        let result = try await alerting.evaluate(snapshot)
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
