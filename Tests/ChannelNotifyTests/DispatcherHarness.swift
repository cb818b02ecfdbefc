import ChannelCore
import ChannelNotify
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Testing

/// A dispatcher on a SQLite store in a temporary folder (removed with the harness), with a recording clock and
/// captured logs, for one test.
final class DispatcherHarness: Sendable {
    static let secretText = "whsec_dispatch_test_secret"
    /// 1 s base, doubling, and jitter that always lands halfway: waits of 0.5 s, 1 s, 2 s… (on the recording clock,
    /// which does not wait).
    static let policy = RetryPolicy(baseDelay: .seconds(1), factor: 2, maxDelay: .seconds(60), maxAttempts: 4, jitter: .init { 0.5 })

    let folder: URL
    let store: SQLiteChannelStore
    let clock = RecordingClock()
    let logs = CapturedLogs()
    let dispatcher: WebhookDispatcher

    init(policy: RetryPolicy = DispatcherHarness.policy, timeout: Duration = .seconds(5), pollInterval: Duration = .seconds(60)) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-webhooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteChannelStore(path: folder.appendingPathComponent("webhooks.sqlite").path)
        dispatcher = Self.makeDispatcher(store, clock: clock, logs: logs, policy: policy, timeout: timeout, pollInterval: pollInterval)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    static func makeDispatcher(
        _ store: SQLiteChannelStore, clock: RecordingClock, logs: CapturedLogs, policy: RetryPolicy = DispatcherHarness.policy,
        timeout: Duration = .seconds(5), pollInterval: Duration = .seconds(60)
    ) -> WebhookDispatcher {
        WebhookDispatcher(
            log: store, retryPolicy: policy, requestTimeout: timeout, pollInterval: pollInterval, clock: clock,
            now: { Instant(Date()) }, logger: logs.makeLogger())
    }

    /// Adds an active endpoint for `url` taking `events` (default: all).
    func endpoint(_ name: String, _ url: String, events: [String] = []) throws -> WebhookEndpoint {
        try store.createWebhookEndpoint(
            try NewWebhookEndpoint(name: name, url: url, events: events, secret: Self.secretText), actor: "test", requestID: nil,
            at: Instant(Date()))
    }

    /// Stores an event for the subscribed endpoints and hands the deliveries to the dispatcher.
    @discardableResult
    func submit(_ eventID: String, kind: WebhookEventKind = .alertRaised) async throws -> [WebhookDelivery] {
        let deliveries = try store.enqueueWebhookEvent(Self.event(eventID, kind: kind))
        await dispatcher.queue(deliveries)
        return deliveries
    }

    static func event(_ id: String, kind: WebhookEventKind = .alertRaised) -> WebhookEvent {
        WebhookEvent(id: id, kind: kind, payload: #"{"alert":"\#(id)"}"#, createdAt: Instant(Date()))
    }

    /// Runs the dispatcher while `body` runs, stops it, and checks that no log line held a secret, a signature or a
    /// URL's path.
    func running<T: Sendable>(_ body: @Sendable (WebhookDispatcher) async throws -> T) async throws -> T {
        try await Self.running(dispatcher, logs: logs, body)
    }

    static func running<T: Sendable>(
        _ dispatcher: WebhookDispatcher, logs: CapturedLogs, _ body: @Sendable (WebhookDispatcher) async throws -> T
    ) async throws -> T {
        let value = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await dispatcher.run() }
            defer { group.cancelAll() }
            return try await body(dispatcher)
        }
        for line in logs.all {
            #expect(!line.contains("v1="), "a signature was logged: \(line)")
            #expect(!line.contains(secretText), "a secret was logged: \(line)")
            #expect(!line.contains("path-secret"), "a URL's path was logged: \(line)")
        }
        return value
    }

    /// The outcomes of a delivery's attempts, oldest first.
    func outcomes(_ id: Int64) throws -> [WebhookAttempt.Outcome] {
        try store.webhookDelivery(id).attempts.map(\.outcome)
    }

    /// A delivery as the store holds it now.
    func delivery(_ id: Int64) throws -> WebhookDelivery { try store.webhookDelivery(id).delivery }
}
