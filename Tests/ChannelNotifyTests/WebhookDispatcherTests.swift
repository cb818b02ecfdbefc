import ChannelCore
import ChannelNotify
import ChannelNotifyTestSupport
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Testing

/// The dispatcher against a receiver on 127.0.0.1 that checks every signature, with its deliveries in a SQLite store.
/// Waits between attempts run on a clock that records them instead of waiting.
@Suite struct WebhookDispatcherTests {
    let secret: WebhookSecret

    init() throws { secret = try WebhookSecret(DispatcherHarness.secretText) }

    @Test func deliversOnFirstAttempt() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            let harness = try DispatcherHarness()
            let endpoint = try harness.endpoint("a", receiver.url("a"))
            try await harness.running { dispatcher in
                let deliveries = try await harness.submit("evt-1")
                await dispatcher.waitUntilIdle()
                let id = try #require(deliveries.first?.id)
                #expect(deliveries.count == 1 && deliveries.first?.endpointID == endpoint.id)
                #expect(try harness.outcomes(id) == [.status(200)])
                let delivered = try harness.delivery(id)
                #expect(delivered.state == .delivered && delivered.attempts == 1 && delivered.lastStatus == 200)
                #expect(delivered.deliveredAt != nil && delivered.nextAttemptAt == nil && delivered.lastError == nil)
                let request = try #require(receiver.received.first)
                #expect(receiver.received.count == 1)
                #expect(request.verificationError == nil)
                #expect(request.deliveryID == String(id))
                #expect(request.eventType == "alert.raised")
                #expect(request.text == #"{"alert":"evt-1"}"#)
                #expect(harness.clock.sleeps.isEmpty)
            }
        }
    }

    /// Of two servers on one database only the one that sends (it leads `webhookDelivery`) sends: a delivery the other
    /// queued stays pending for it and goes out once.
    @Test func onlyTheSendingServerSendsAndEachDeliveryGoesOutOnce() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            let harness = try DispatcherHarness()
            _ = try harness.endpoint("a", receiver.url("a"))
            let follower = WebhookDispatcher(
                log: harness.store, retryPolicy: DispatcherHarness.policy, pollInterval: .milliseconds(20), clock: harness.clock,
                now: { Instant(Date()) }, logger: harness.logs.makeLogger(), sendsHere: { false })
            // Raised on the follower: queued in the store, not sent by it (it looks at the store every 20 ms).
            let deliveries = try harness.store.enqueueWebhookEvent(DispatcherHarness.event("evt-follower"))
            let id = try #require(deliveries.first?.id)
            try await DispatcherHarness.running(follower, logs: harness.logs) { follower in
                await follower.queue(deliveries)
                #expect(await follower.resumePending() == 0)
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(receiver.received.isEmpty, "the follower sent a delivery")
            #expect(try harness.delivery(id).state == .pending)
            // The sending server's look at the store finds it and sends it, once.
            try await harness.running { leader in
                await leader.resumePending()
                await leader.waitUntilIdle()
            }
            #expect(receiver.received.count == 1)
            #expect(try harness.delivery(id).state == .delivered)
        }
    }

    @Test func retriesServerErrorsWithBackoffThenSucceeds() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("a", [.status(503), .status(503)])
            let harness = try DispatcherHarness()
            let endpoint = try harness.endpoint("a", receiver.url("a"))
            try await harness.running { dispatcher in
                let id = try #require(try await harness.submit("evt-1").first?.id)
                await dispatcher.waitUntilIdle()
                #expect(try harness.outcomes(id) == [.status(503), .status(503), .status(200)])
                #expect(try harness.store.webhookDelivery(id).attempts.map(\.number) == [1, 2, 3])
                #expect(harness.clock.sleeps == [.milliseconds(500), .seconds(1)])
                #expect(try harness.delivery(id).state == .delivered)
                #expect(try harness.store.deadWebhookDeliveries(limit: 10).isEmpty)
                // Every attempt is signed afresh and carries the same delivery id.
                #expect(receiver.received.map(\.deliveryID) == Array(repeating: String(id), count: 3))
                #expect(receiver.received.allSatisfy { $0.verificationError == nil })
                let lines = harness.logs.all
                #expect(lines.contains { $0.contains("will retry") && $0.contains("delivery_id=\(id)") && $0.contains("HTTP 503") })
                #expect(
                    lines.contains {
                        $0.contains("webhook delivered") && $0.contains("endpoint_id=\(endpoint.id)") && $0.contains("attempt=3")
                            && $0.contains("outcome=HTTP 200") && $0.contains("origin=http://127.0.0.1:\(receiver.port)")
                    }, "\(lines)")
            }
        }
    }

    /// Other 4xx, and 3xx since redirects are not followed: sending the same request again cannot help.
    @Test(arguments: [400, 401, 404, 422, 302])
    func unretryableStatusGoesStraightToDeadLetters(status: Int) async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("a", [.status(status)])
            let harness = try DispatcherHarness()
            let endpoint = try harness.endpoint("a", receiver.url("a"))
            try await harness.running { dispatcher in
                let id = try #require(try await harness.submit("evt-1").first?.id)
                await dispatcher.waitUntilIdle()
                #expect(try harness.outcomes(id) == [.status(status)])
                let letter = try #require(try harness.store.deadWebhookDeliveries(limit: 10).first)
                #expect(letter.id == id && letter.endpointID == endpoint.id && letter.state == .dead)
                #expect(letter.attempts == 1 && letter.lastStatus == status)
                #expect(letter.lastError == "HTTP \(status), not retried")
                #expect(harness.clock.sleeps.isEmpty)
            }
        }
    }

    @Test func connectionErrorsAreRetried() async throws {
        // Nothing listens on port 1 of the loopback address, so connections are refused. (AsyncHTTPClient keeps trying
        // to connect until the request's deadline, so a short timeout keeps the test fast.)
        let harness = try DispatcherHarness(policy: RetryPolicy(maxAttempts: 3, jitter: .none), timeout: .milliseconds(200))
        _ = try harness.endpoint("closed", "http://127.0.0.1:1/hook")
        try await harness.running { dispatcher in
            let id = try #require(try await harness.submit("evt-1").first?.id)
            await dispatcher.waitUntilIdle()
            let outcomes = try harness.outcomes(id)
            #expect(outcomes.count == 3)
            #expect(
                outcomes.allSatisfy {
                    if case .failure(let reason) = $0 { reason.hasPrefix("request failed") || reason.hasPrefix("timed out") } else { false }
                })
            #expect(harness.clock.sleeps == [.seconds(1), .seconds(2)])
            let letter = try #require(try harness.store.deadWebhookDeliveries(limit: 10).first)
            #expect(letter.lastError?.hasPrefix("gave up after 3 attempts; last: ") == true, "\(letter.lastError ?? "")")
        }
    }

    @Test func exhaustedAttemptsGoToDeadLettersAndReplayDeliversThem() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("a", Array(repeating: .status(500), count: 4))
            let harness = try DispatcherHarness()
            _ = try harness.endpoint("a", receiver.url("a"))
            try await harness.running { dispatcher in
                let id = try #require(try await harness.submit("evt-1").first?.id)
                await dispatcher.waitUntilIdle()
                #expect(try harness.outcomes(id) == Array(repeating: .status(500), count: 4))
                #expect(harness.clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
                let letter = try #require(try harness.store.deadWebhookDeliveries(limit: 10).first)
                #expect(letter.id == id && letter.attempts == 4)
                #expect(letter.lastError == "gave up after 4 attempts; last: HTTP 500")

                // The script has run out: the receiver has recovered.
                let replayed = try harness.store.replayWebhookDelivery(id, actor: "user:admin", requestID: nil, at: Instant(Date()))
                #expect(replayed.state == .pending && replayed.attempts == 0)
                await dispatcher.queue([replayed])
                await dispatcher.waitUntilIdle()
                #expect(try harness.store.deadWebhookDeliveries(limit: 10).isEmpty)
                #expect(try harness.delivery(id).state == .delivered)
                #expect(try harness.outcomes(id).last == .status(200))
                #expect(try harness.store.webhookDelivery(id).attempts.map(\.number) == [1, 2, 3, 4, 1])
                #expect(receiver.received.map(\.deliveryID) == Array(repeating: String(id), count: 5))
                #expect(receiver.received.allSatisfy { $0.verificationError == nil })
            }
        }
    }

    @Test func replayThatFailsAgainStaysADeadLetter() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("a", [.status(410), .status(410)])
            let harness = try DispatcherHarness()
            let endpoint = try harness.endpoint("a", receiver.url("a"))
            try await harness.running { dispatcher in
                let id = try #require(try await harness.submit("evt-1").first?.id)
                await dispatcher.waitUntilIdle()
                await dispatcher.queue([try harness.store.replayWebhookDelivery(id, actor: "test", requestID: nil, at: Instant(Date()))])
                await dispatcher.waitUntilIdle()
                #expect(try harness.store.deadWebhookDeliveries(limit: 10).map(\.id) == [id])
                #expect(try harness.outcomes(id) == [.status(410), .status(410)])

                _ = try harness.store.deactivateWebhookEndpoint(endpoint.id, actor: "test", requestID: nil, at: Instant(Date()))
                let error = #expect(throws: StoreError.self) {
                    try harness.store.replayWebhookDelivery(id, actor: "test", requestID: nil, at: Instant(Date()))
                }
                #expect(error?.code == .conflict)
            }
        }
    }

    @Test func honoursRetryAfter() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("a", [.status(429, retryAfter: 7)])
            let harness = try DispatcherHarness()
            _ = try harness.endpoint("a", receiver.url("a"))
            try await harness.running { dispatcher in
                let id = try #require(try await harness.submit("evt-1").first?.id)
                await dispatcher.waitUntilIdle()
                #expect(try harness.outcomes(id) == [.status(429), .status(200)])
                #expect(harness.clock.sleeps == [.seconds(7)])
            }
        }
    }

    @Test func onlyActiveEndpointsSubscribedToTheKindGetIt() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            let harness = try DispatcherHarness()
            _ = try harness.endpoint("raised", receiver.url("raised"), events: ["alert.raised"])
            _ = try harness.endpoint("changed", receiver.url("changed"), events: ["alert.changed"])
            _ = try harness.endpoint("everything", receiver.url("everything"))
            let off = try harness.endpoint("off", receiver.url("off"))
            _ = try harness.store.deactivateWebhookEndpoint(off.id, actor: "test", requestID: nil, at: Instant(Date()))
            try await harness.running { dispatcher in
                let raised = try await harness.submit("evt-1")
                #expect(raised.count == 2)
                await dispatcher.waitUntilIdle()
                #expect(Set(receiver.received.map(\.name)) == ["raised", "everything"])
                let changed = try await harness.submit("evt-2", kind: .alertChanged)
                #expect(changed.count == 2)
                await dispatcher.waitUntilIdle()
                #expect(receiver.received.suffix(2).allSatisfy { $0.eventType == "alert.changed" && $0.name != "raised" })
            }
        }
    }

    @Test func keepsOrderPerEndpoint() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("a", [.status(503), .status(503)])
            let harness = try DispatcherHarness()
            _ = try harness.endpoint("a", receiver.url("a"))
            try await harness.running { dispatcher in
                for name in ["e1", "e2", "e3"] { try await harness.submit(name) }
                await dispatcher.waitUntilIdle()
                #expect(receiver.received.map(\.text) == ["e1", "e1", "e1", "e2", "e3"].map { #"{"alert":"\#($0)"}"# })
            }
        }
    }

    @Test func aHungReceiverTimesOut() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("slow", [.hang, .hang])
            let harness = try DispatcherHarness(policy: RetryPolicy(maxAttempts: 2, jitter: .none), timeout: .milliseconds(300))
            let slow = try harness.endpoint("slow", receiver.url("slow"))
            try await harness.running { dispatcher in
                let id = try #require(try await harness.submit("evt-1").first?.id)
                await dispatcher.waitUntilIdle()
                let attempts = try harness.store.webhookDelivery(id).attempts
                #expect(attempts.map(\.outcome) == Array(repeating: .failure("timed out after 0.3 seconds"), count: 2))
                #expect(attempts.allSatisfy { $0.durationMilliseconds >= 300 }, "\(attempts.map(\.durationMilliseconds))")
                let letter = try #require(try harness.store.deadWebhookDeliveries(limit: 10).first)
                #expect(letter.endpointID == slow.id)
                #expect(letter.lastError == "gave up after 2 attempts; last: timed out after 0.3 seconds")
            }
        }
    }

    @Test func aHungEndpointDoesNotHoldUpTheOthers() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("slow", [.hang])
            let harness = try DispatcherHarness(timeout: .seconds(120))
            let slow = try harness.endpoint("slow", receiver.url("slow"))
            let fast = try harness.endpoint("fast", receiver.url("fast"))
            try await harness.running { _ in
                let deliveries = try await harness.submit("evt-1")
                let slowID = try #require(deliveries.first { $0.endpointID == slow.id }?.id)
                let fastID = try #require(deliveries.first { $0.endpointID == fast.id }?.id)
                let deadline = ContinuousClock.now + .seconds(60)
                while try harness.delivery(fastID).state != .delivered, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                // The fast endpoint was served while the slow one still waits for its first answer.
                #expect(try harness.delivery(fastID).state == .delivered)
                let waiting = try harness.delivery(slowID)
                #expect(waiting.state == .pending && waiting.attempts == 0, "\(waiting)")
            }
        }
    }

    @Test func stoppingLeavesDeliveriesPendingAndTheNextStartResumesThem() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            receiver.script("a", [.hang])
            let harness = try DispatcherHarness()
            _ = try harness.endpoint("a", receiver.url("a"))
            let ids = try await harness.running { dispatcher in
                let first = try await harness.submit("e1")
                let second = try await harness.submit("e2")
                _ = try await receiver.waitForRequests(1)
                return (first + second).map(\.id)
            }
            // Stopped while the first attempt hung: nothing was recorded, both wait for the next start.
            for id in ids {
                let delivery = try harness.delivery(id)
                #expect(delivery.state == .pending && delivery.attempts == 0, "\(delivery)")
            }
            let logs = CapturedLogs()
            let restarted = DispatcherHarness.makeDispatcher(harness.store, clock: harness.clock, logs: logs)
            try await DispatcherHarness.running(restarted, logs: logs) { dispatcher in
                #expect(await dispatcher.resumePending() == 2)
                await dispatcher.waitUntilIdle()
            }
            for id in ids { #expect(try harness.delivery(id).state == .delivered) }
            #expect(receiver.received.map(\.text) == ["e1", "e1", "e2"].map { #"{"alert":"\#($0)"}"# })
            #expect(try ids.map { try harness.outcomes($0) } == [[.status(200)], [.status(200)]])
        }
    }

    @Test func aRetryScheduledBeforeARestartWaitsForItsTimeAndKeepsItsBudget() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            let harness = try DispatcherHarness()
            _ = try harness.endpoint("a", receiver.url("a"))
            let id = try #require(try harness.store.enqueueWebhookEvent(DispatcherHarness.event("evt-1")).first?.id)
            // A previous run made attempt 1 and scheduled the next one 40 s later, then stopped.
            let now = Instant(Date())
            try harness.store.recordWebhookAttempt(
                WebhookAttempt(deliveryID: id, number: 1, outcome: .status(503), startedAt: now, durationMilliseconds: 4),
                then: .retry(at: Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + 40_000)))
            try await harness.running { dispatcher in
                await dispatcher.resumePending()
                await dispatcher.waitUntilIdle()
            }
            let wait = try #require(harness.clock.sleeps.first)
            // What was left of the 40 s (a loaded machine may take a while to get here).
            #expect(wait > .seconds(10) && wait <= .seconds(40), "\(harness.clock.sleeps)")
            #expect(try harness.store.webhookDelivery(id).attempts.map(\.number) == [1, 2])
            #expect(try harness.delivery(id).state == .delivered)
        }
    }

    @Test func aReplayMadeByAnotherProcessIsPickedUpByThePoll() async throws {
        try await WebhookReceiver.withReceiver(secret: secret) { receiver in
            let harness = try DispatcherHarness(pollInterval: .milliseconds(50))
            _ = try harness.endpoint("a", receiver.url("a"))
            let id = try #require(try harness.store.enqueueWebhookEvent(DispatcherHarness.event("evt-1")).first?.id)
            try harness.store.recordWebhookAttempt(
                WebhookAttempt(deliveryID: id, number: 1, outcome: .status(404), startedAt: Instant(Date()), durationMilliseconds: 3),
                then: .dead(reason: "HTTP 404, not retried"))
            try await harness.running { _ in
                // `qudao webhooks replay` writes the store only; the running dispatcher finds it on its next look.
                _ = try harness.store.replayWebhookDelivery(id, actor: "cli:test", requestID: nil, at: Instant(Date()))
                let received = try await receiver.waitForRequests(1, timeout: .seconds(60))
                #expect(received.first?.deliveryID == String(id))
                let deadline = ContinuousClock.now + .seconds(60)
                while try harness.delivery(id).state != .delivered, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(try harness.delivery(id).state == .delivered)
            }
        }
    }
}

extension WebhookAttempt {
    /// When the attempt ended, in milliseconds since the epoch.
    var end: Int64 { startedAt.millisecondsSinceEpoch + durationMilliseconds }
}
