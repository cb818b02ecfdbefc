import ChannelAuth
import ChannelCore
import ChannelNotify
import ChannelStore
import Foundation
import Logging

/// The server's webhooks: managing endpoints, turning alert notices into queued deliveries, and replaying dead
/// letters, shared by the API and the webhook service. Errors are `APIError`s that say which field is wrong and why,
/// or the store's errors.
final class Webhooks: Sendable {
    let store: any WebhookStore
    /// Sends the deliveries; nil when the server runs without the webhook service.
    let dispatcher: WebhookDispatcher?
    let clock: @Sendable () -> Instant
    private let logger: Logger

    /// - Parameter leadership: decides which of the servers sharing the database sends the deliveries (all of them are
    ///   queued in the store by whichever server raised the alert).
    init(
        store: any WebhookStore, settings: WebhookSettings?, clock: @escaping @Sendable () -> Instant,
        leadership: (any LeadershipStore)? = nil
    ) {
        self.store = store
        self.clock = clock
        logger = Logger(label: "qudao.webhooks")
        dispatcher = settings.map { settings in
            WebhookDispatcher(
                log: store, retryPolicy: settings.retryPolicy, requestTimeout: settings.requestTimeout,
                pollInterval: settings.pollInterval, now: clock, logger: Logger(label: "qudao.webhooks"),
                sendsHere: { (try? leadership?.leads(.webhookDelivery) ?? true) ?? false })
        }
    }

    /// Creates an endpoint with the given secret, or a generated one; returns it with the secret, shown this once.
    func create(_ body: NewWebhookRequest, actor: String, requestID: String?) throws -> (endpoint: WebhookEndpoint, secret: String) {
        let secret = body.secret ?? WebhookSecret.generate().text
        let endpoint: NewWebhookEndpoint
        do {
            endpoint = try NewWebhookEndpoint(name: body.name, url: body.url, events: body.events ?? [], secret: secret)
        } catch {
            throw APIError.invalid(
                "the webhook endpoint is not valid: \(error)",
                details: error.problems.map { .init(field: $0.field, value: $0.value, reason: $0.reason) })
        }
        let created = try translatingErrors {
            try store.createWebhookEndpoint(endpoint, actor: actor, requestID: requestID, at: clock())
        }
        logger.info(
            "webhook endpoint created",
            metadata: [
                "endpoint_id": "\(created.id)", "origin": "\(WebhookEndpoint.origin(of: created.url))",
                "events": "\(created.events.map(\.rawValue).joined(separator: ","))", "actor": "\(actor)",
            ])
        return (created, secret)
    }

    /// Deactivates an endpoint; its pending deliveries become dead letters.
    func deactivate(_ id: Int64, actor: String, requestID: String?) throws -> WebhookEndpoint {
        let endpoint = try translatingErrors { try store.deactivateWebhookEndpoint(id, actor: actor, requestID: requestID, at: clock()) }
        logger.info("webhook endpoint deactivated", metadata: ["endpoint_id": "\(id)", "actor": "\(actor)"])
        return endpoint
    }

    /// Queues a dead letter again and hands it to the dispatcher (without one, it waits pending for a server that has
    /// one).
    func replay(_ id: Int64, actor: String, requestID: String?) async throws -> WebhookDelivery {
        let delivery = try translatingErrors { try store.replayWebhookDelivery(id, actor: actor, requestID: requestID, at: clock()) }
        logger.info("webhook dead letter replayed", metadata: ["delivery_id": "\(id)", "actor": "\(actor)"])
        await dispatcher?.queue([delivery])
        return delivery
    }

    /// Queues a delivery of an alert notice to every endpoint subscribed to its kind. A failure is logged: the notice
    /// then sends no webhook.
    func publish(_ notice: AlertNotice) async {
        let kind: WebhookEventKind = notice.kind == .raised ? .alertRaised : .alertChanged
        let createdAt = clock()
        let eventID = "evt_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        do {
            let payload = try WebhookPayload(id: eventID, type: kind.rawValue, createdAt: createdAt.iso8601, alert: notice.alert).json()
            let deliveries = try store.enqueueWebhookEvent(WebhookEvent(id: eventID, kind: kind, payload: payload, createdAt: createdAt))
            guard !deliveries.isEmpty else { return }
            logger.debug(
                "webhook event queued",
                metadata: [
                    "event_id": "\(eventID)", "event_type": "\(kind.rawValue)", "alert_id": "\(notice.alert.id)",
                    "deliveries": "\(deliveries.count)",
                ])
            await dispatcher?.queue(deliveries)
        } catch {
            logger.error(
                "webhook event could not be queued",
                metadata: ["event_type": "\(kind.rawValue)", "alert_id": "\(notice.alert.id)", "error": "\(error)"])
        }
    }
}
