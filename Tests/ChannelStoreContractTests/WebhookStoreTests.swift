import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
import ChannelStoreTestSupport

/// Webhook endpoints, deliveries and attempts in the store (each backend): the round trip, the state machine, the
/// audit trail (never a secret), and what a store opened again on the same database finds.
@Suite struct WebhookStoreTests {
    static let secret = "whsec_store_test_secret_0123"

    static func at(seconds: Int64) -> Instant { Instant(millisecondsSinceEpoch: fixedNow.millisecondsSinceEpoch + seconds * 1_000) }

    static func endpoint(_ store: any Backend.Store, _ name: String, events: [String] = []) throws -> WebhookEndpoint {
        try store.createWebhookEndpoint(
            try NewWebhookEndpoint(name: name, url: "https://hooks.example.com/\(name)?token=abc", events: events, secret: secret),
            actor: "user:admin", requestID: "req-1", at: at(seconds: 0))
    }

    static func event(_ id: String, _ kind: WebhookEventKind = .alertRaised) -> WebhookEvent {
        WebhookEvent(id: id, kind: kind, payload: #"{"id":"\#(id)"}"#, createdAt: at(seconds: 10))
    }

    static func attempt(_ id: Int64, _ number: Int, _ outcome: WebhookAttempt.Outcome) -> WebhookAttempt {
        WebhookAttempt(deliveryID: id, number: number, outcome: outcome, startedAt: at(seconds: 20 + Int64(number)), durationMilliseconds: 15)
    }

    @Test(arguments: Backend.allCases)
    func endpointsRoundTripAndTheirCreationIsAuditedWithoutTheSecret(_ backend: Backend) throws {
        try backend.withReopenableStore { store, reopen throws in
            let created = try Self.endpoint(store, "risk-desk", events: ["alert.changed"])
            #expect(created.name == "risk-desk" && created.url == "https://hooks.example.com/risk-desk?token=abc")
            #expect(created.events == [.alertChanged] && created.isActive && created.createdBy == "user:admin")
            #expect(created.createdAt == Self.at(seconds: 0) && created.deactivatedAt == nil)
            #expect(try store.webhookEndpoints(includingInactive: false) == [created])
            #expect(try store.webhookEndpoint(created.id) == created)
            let queued = try #require(try store.enqueueWebhookEvent(Self.event("e1", .alertChanged)).first)
            let target = try #require(try store.webhookTarget(queued.id))
            #expect(target.secret.text == Self.secret && target.url == created.url)

            let events = try store.auditTrail(AuditQuery(entity: "webhook_endpoints", limit: 10)).events
            #expect(events.count == 1 && events.first?.action == .create && events.first?.actor == "user:admin")
            #expect(events.first?.requestID == "req-1" && events.first?.after?.contains("risk-desk") == true)
            #expect(events.allSatisfy { !($0.after ?? "").contains(Self.secret) })
            #expect(try store.verifyAuditChain().isIntact)

            // Everything is in the file.
            let reopened = try reopen()
            #expect(try reopened.webhookEndpoint(created.id) == created)
            let missing = #expect(throws: StoreError.self) { try reopened.webhookEndpoint(999) }
            #expect(missing?.code == .notFound)
        }
    }

    @Test(arguments: Backend.allCases)
    func anEventIsQueuedOnceForEachActiveEndpointSubscribedToItsKind(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let raised = try Self.endpoint(store, "raised", events: ["alert.raised"])
            _ = try Self.endpoint(store, "changed", events: ["alert.changed"])
            let both = try Self.endpoint(store, "both")
            let off = try Self.endpoint(store, "off")
            _ = try store.deactivateWebhookEndpoint(off.id, actor: "user:admin", requestID: nil, at: Self.at(seconds: 1))
            let queued = try store.enqueueWebhookEvent(Self.event("e1"))
            #expect(queued.map(\.endpointID) == [raised.id, both.id])
            #expect(queued.allSatisfy {
                $0.state == .pending && $0.attempts == 0 && $0.nextAttemptAt == Self.at(seconds: 10) && $0.eventID == "e1"
                    && $0.kind == .alertRaised && $0.payload == #"{"id":"e1"}"#
            })
            #expect(try store.enqueueWebhookEvent(Self.event("e1")).isEmpty, "an event is queued once per endpoint")
            #expect(try store.pendingWebhookDeliveries(limit: 10).map(\.id) == queued.map(\.id))
            #expect(try store.webhookDeliveries(endpoint: raised.id, limit: 10).map(\.id) == [queued[0].id])
            #expect(try store.webhookDeliveries(endpoint: off.id, limit: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func attemptsMoveADeliveryToDeliveredOrDeadAndAReplayStartsANewRound(_ backend: Backend) throws {
        try backend.withReopenableStore { store, reopen throws in
            let endpoint = try Self.endpoint(store, "a")
            let id = try #require(try store.enqueueWebhookEvent(Self.event("e1")).first?.id)
            let retried = try store.recordWebhookAttempt(Self.attempt(id, 1, .status(503)), then: .retry(at: Self.at(seconds: 60)))
            #expect(retried.state == .pending && retried.attempts == 1 && retried.lastStatus == 503 && retried.lastError == "HTTP 503")
            #expect(retried.nextAttemptAt == Self.at(seconds: 60))
            let dead = try store.recordWebhookAttempt(
                Self.attempt(id, 2, .failure("timed out after 10 seconds")), then: .dead(reason: "gave up after 2 attempts"))
            #expect(dead.state == .dead && dead.attempts == 2 && dead.nextAttemptAt == nil)
            #expect(dead.lastStatus == 503 && dead.lastError == "gave up after 2 attempts")
            #expect(try store.webhookTarget(id) == nil, "a dead letter is not sent")
            #expect(try store.pendingWebhookDeliveries(limit: 10).isEmpty)

            // Dead letters survive reopening the file, and a replay is audited.
            let reopened = try reopen()
            #expect(try reopened.deadWebhookDeliveries(limit: 10).map(\.id) == [id])
            let replayed = try reopened.replayWebhookDelivery(id, actor: "cli:ops", requestID: nil, at: Self.at(seconds: 100))
            #expect(replayed.state == .pending && replayed.attempts == 0 && replayed.nextAttemptAt == Self.at(seconds: 100))
            let again = #expect(throws: StoreError.self) {
                try reopened.replayWebhookDelivery(id, actor: "cli:ops", requestID: nil, at: Self.at(seconds: 101))
            }
            #expect(again?.code == .conflict, "only a dead letter can be replayed")
            let delivered = try reopened.recordWebhookAttempt(Self.attempt(id, 1, .status(204)), then: .delivered)
            #expect(delivered.state == .delivered && delivered.deliveredAt != nil && delivered.lastError == nil && delivered.lastStatus == 204)
            let (_, attempts) = try reopened.webhookDelivery(id)
            #expect(attempts.map(\.number) == [1, 2, 1])
            #expect(attempts.map(\.outcome) == [.status(503), .failure("timed out after 10 seconds"), .status(204)])
            #expect(attempts.allSatisfy { $0.durationMilliseconds == 15 })
            let audit = try reopened.auditTrail(AuditQuery(entity: "webhook_deliveries", limit: 10)).events
            #expect(audit.count == 1 && audit.first?.actor == "cli:ops" && audit.first?.entityKey == String(id))
            #expect(audit.first?.before?.contains(#""state":"dead""#) == true && audit.first?.after?.contains(#""state":"pending""#) == true)
            _ = endpoint
        }
    }

    @Test(arguments: Backend.allCases)
    func deactivatingAnEndpointGivesUpItsPendingDeliveriesAndIsAudited(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let endpoint = try Self.endpoint(store, "a")
            let first = try #require(try store.enqueueWebhookEvent(Self.event("e1")).first?.id)
            let second = try #require(try store.enqueueWebhookEvent(Self.event("e2")).first?.id)
            _ = try store.recordWebhookAttempt(Self.attempt(second, 1, .status(500)), then: .retry(at: Self.at(seconds: 30)))
            let off = try store.deactivateWebhookEndpoint(endpoint.id, actor: "user:admin", requestID: "req-9", at: Self.at(seconds: 40))
            #expect(!off.isActive && off.deactivatedAt == Self.at(seconds: 40))
            #expect(try store.deadWebhookDeliveries(limit: 10).map(\.id) == [first, second])
            #expect(try store.deadWebhookDeliveries(limit: 10).allSatisfy { $0.lastError == "the endpoint was deactivated" })
            #expect(try store.webhookEndpoints(includingInactive: false).isEmpty)
            #expect(try store.webhookEndpoints(includingInactive: true) == [off])
            // Again: nothing changes, nothing is recorded.
            #expect(try store.deactivateWebhookEndpoint(endpoint.id, actor: "user:admin", requestID: nil, at: Self.at(seconds: 50)) == off)
            let audit = try store.auditTrail(AuditQuery(entity: "webhook_endpoints", limit: 10)).events
            #expect(audit.map(\.action) == [.create, .update])
            #expect(audit.last?.after?.contains(#""active":0"#) == true && audit.last?.after?.contains(#""pending_deliveries_given_up":2"#) == true)
            #expect(audit.allSatisfy { !($0.before ?? "").contains(Self.secret) && !($0.after ?? "").contains(Self.secret) })
            #expect(try store.enqueueWebhookEvent(Self.event("e3")).isEmpty)
            let replay = #expect(throws: StoreError.self) {
                try store.replayWebhookDelivery(first, actor: "user:admin", requestID: nil, at: Self.at(seconds: 60))
            }
            #expect(replay?.code == .conflict && replay?.message.contains("deactivated") == true)
        }
    }

    @Test(arguments: Backend.allCases)
    func aRetryRecordedAfterTheEndpointWasDeactivatedIsGivenUp(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let endpoint = try Self.endpoint(store, "a")
            let id = try #require(try store.enqueueWebhookEvent(Self.event("e1")).first?.id)
            #expect(try store.webhookTarget(id) != nil)
            // The attempt was on its way when the endpoint was deactivated.
            _ = try store.deactivateWebhookEndpoint(endpoint.id, actor: "user:admin", requestID: nil, at: Self.at(seconds: 15))
            #expect(try store.webhookTarget(id) == nil)
            let after = try store.recordWebhookAttempt(Self.attempt(id, 1, .status(503)), then: .retry(at: Self.at(seconds: 60)))
            #expect(after.state == .dead && after.lastError == "the endpoint was deactivated")
        }
    }
}
