import ChannelCore
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Testing

/// `qudao webhooks`, run as a separate process: an endpoint is added (its secret printed once), listed without its
/// secret, a dead letter is listed and replayed (marked pending for the server), and the endpoint is removed.
@Suite struct WebhooksCommandTests {
    @Test func endpointsAreManagedAndADeadLetterIsReplayedForTheServer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-webhooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("webhooks.sqlite").path

        let bad = try CrashTests.runQudao(["webhooks", "add", "ftp://hooks.example.com/x", "--db", db])
        #expect(bad.status != 0 && bad.errors.contains("url `ftp://hooks.example.com/x` has the scheme ftp"), "\(bad.errors)")
        let added = try CrashTests.runQudao([
            "webhooks", "add", "https://hooks.example.com/q?token=t", "--name", "风控台", "--event", "alert.raised", "--db", db,
        ])
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output.contains("webhook endpoint 1 (风控台) added") && added.output.contains("for alert.raised"), "\(added.output)")
        let secret = try #require(added.output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(secret.hasPrefix("whsec_") && secret.count == 70, "\(secret)")
        let given = try CrashTests.runQudao(["webhooks", "add", "http://127.0.0.1:9/hook", "--secret", "0123456789abcdef-given", "--db", db])
        #expect(given.output.contains("0123456789abcdef-given"), "\(given.output)")
        let list = try CrashTests.runQudao(["webhooks", "list", "--db", db])
        #expect(list.output.contains("风控台") && list.output.contains("alert.raised,alert.changed"), "\(list.output)")
        #expect(!list.output.contains(secret) && !list.output.contains("0123456789abcdef-given"))

        // A delivery the server gave up on.
        let store = try SQLiteChannelStore(path: db)
        let event = WebhookEvent(id: "evt_cli", kind: .alertRaised, payload: #"{"id":"evt_cli"}"#, createdAt: Instant(Date()))
        let delivery = try #require(try store.enqueueWebhookEvent(event).first)
        try store.recordWebhookAttempt(
            WebhookAttempt(deliveryID: delivery.id, number: 1, outcome: .status(410), startedAt: Instant(Date()), durationMilliseconds: 5),
            then: .dead(reason: "HTTP 410, not retried"))
        let dead = try CrashTests.runQudao(["webhooks", "dead", "--db", db])
        #expect(dead.output.contains("evt_cli") && dead.output.contains("HTTP 410, not retried"), "\(dead.output)")
        let replay = try CrashTests.runQudao(["webhooks", "replay", String(delivery.id), "--db", db])
        #expect(replay.status == 0 && replay.output.contains("is pending"), "\(replay.output) \(replay.errors)")
        #expect(try store.webhookDelivery(delivery.id).delivery.state == .pending)
        let again = try CrashTests.runQudao(["webhooks", "replay", String(delivery.id), "--db", db])
        #expect(again.status != 0 && again.errors.contains("only a dead letter can be replayed"), "\(again.errors)")
        let deliveries = try CrashTests.runQudao(["webhooks", "deliveries", String(delivery.endpointID), "--db", db])
        #expect(deliveries.output.contains("pending"), "\(deliveries.output)")

        let removed = try CrashTests.runQudao(["webhooks", "remove", "1", "--db", db])
        #expect(removed.output.contains("webhook endpoint 1 (风控台) is deactivated"), "\(removed.output)")
        #expect(try store.webhookDelivery(delivery.id).delivery.state == .dead, "its pending delivery is given up")
        #expect(!(try CrashTests.runQudao(["webhooks", "list", "--db", db]).output.contains("风控台")))
        #expect(try CrashTests.runQudao(["webhooks", "list", "--all", "--db", db]).output.contains("风控台"))
        let audit = try store.auditTrail(AuditQuery(entity: "webhook_endpoints", limit: 10)).events
        #expect(audit.count == 3 && audit.allSatisfy { $0.actor.hasPrefix("cli:") })
    }
}
