import ChannelNotify
import Logging
import ServiceLifecycle

/// Sends webhooks while the server runs: every alert notice becomes a queued delivery per subscribed endpoint, and the
/// dispatcher sends them (and resumes those a restart interrupted). Stops on graceful shutdown; deliveries in progress
/// stay pending in the store.
struct WebhookService: Service {
    let webhooks: Webhooks
    let dispatcher: WebhookDispatcher
    /// The alert notices, subscribed when the service is made (before the server takes requests, so no notice is
    /// missed) with an unbounded buffer (each is stored at once).
    let notices: AsyncStream<AlertNotice>
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    do {
                        try await dispatcher.run()
                    } catch {
                        logger.error("the webhook dispatcher stopped", metadata: ["error": "\(error)"])
                    }
                }
                for await notice in notices { await webhooks.publish(notice) }
                group.cancelAll()
            }
        }
    }
}
