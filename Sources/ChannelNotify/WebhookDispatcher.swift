import AsyncHTTPClient
public import ChannelCore
public import ChannelStore
public import Logging

/// Sends the store's pending webhook deliveries: signed, retried per a `RetryPolicy`, every attempt recorded in the
/// `WebhookDeliveryLog`, and given up as dead letters when they fail for good.
///
/// The store holds the deliveries; the dispatcher only works through them. Each endpoint has its own queue, worked
/// through in order by one task, so one endpoint's deliveries arrive in the order they were queued, and a slow or
/// failing endpoint delays only its own queue. While `run()` runs, the dispatcher looks for pending deliveries at
/// once and then every `pollInterval`: that resumes deliveries interrupted by a restart and picks up replays made by
/// another process (`qudao webhooks replay`). `queue(_:)` hands it new deliveries without waiting for the next look.
public actor WebhookDispatcher {
    private var queues: [Int64: [WebhookDelivery]] = [:]
    /// Endpoints whose queue has a worker.
    private var working: Set<Int64> = []
    /// Deliveries queued or being delivered.
    private var unfinished: Set<Int64> = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var hasStarted = false
    /// Endpoints that need a worker, for `run()` to start one.
    private let wakeups: AsyncStream<Int64>
    private let wakeupContinuation: AsyncStream<Int64>.Continuation

    private let log: any WebhookDeliveryLog
    private let policy: RetryPolicy
    private let requestTimeout: Duration
    private let pollInterval: Duration
    private let sendsHere: @Sendable () -> Bool
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Instant
    private let logger: Logger

    /// The most pending deliveries one look at the store takes; the rest wait for the next look.
    static let pollBatch = 1_000

    /// A dispatcher; nothing is sent until `run()` is called.
    ///
    /// - Parameters:
    ///   - log: Where deliveries and their attempts are kept (the store).
    ///   - retryPolicy: When to retry and how long to wait.
    ///   - requestTimeout: The longest one attempt may take, from connecting to the end of the response.
    ///   - pollInterval: How often the store is looked at for pending deliveries the dispatcher does not have yet.
    ///   - clock: What the waits between attempts sleep on; tests pass a clock that does not wait.
    ///   - now: The wall-clock time, for signature timestamps and records.
    ///   - logger: Where deliveries are reported (ids, attempts, statuses, the URL's origin; never a secret, a
    ///     signature, or a URL's path).
    ///   - sendsHere: Whether this dispatcher sends now. Of several servers on one database only the one leading the
    ///     duty sends (`StoreDuty.webhookDelivery`); the others leave their deliveries pending in the store, where the
    ///     leader's next look finds them, so that no delivery goes out twice.
    public init(
        log: any WebhookDeliveryLog, retryPolicy: RetryPolicy = RetryPolicy(), requestTimeout: Duration = .seconds(10),
        pollInterval: Duration = .seconds(5), clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Instant,
        logger: Logger = Logger(label: "qudao.webhooks"), sendsHere: @escaping @Sendable () -> Bool = { true }
    ) {
        self.sendsHere = sendsHere
        self.log = log
        self.policy = retryPolicy
        self.requestTimeout = requestTimeout
        self.pollInterval = pollInterval
        self.clock = clock
        self.now = now
        self.logger = logger
        (wakeups, wakeupContinuation) = AsyncStream.makeStream()
    }

    /// Queues deliveries the store holds as pending (just queued or replayed). Deliveries that are not pending, or
    /// that the dispatcher already has, are skipped. They are sent while `run()` runs. Nothing is queued while another
    /// server sends (`sendsHere`): the deliveries stay pending in the store for it.
    public func queue(_ deliveries: [WebhookDelivery]) {
        guard !deliveries.isEmpty, sendsHere() else { return }
        for delivery in deliveries where delivery.state == .pending && !unfinished.contains(delivery.id) {
            queues[delivery.endpointID, default: []].append(delivery)
            unfinished.insert(delivery.id)
            if working.insert(delivery.endpointID).inserted { wakeupContinuation.yield(delivery.endpointID) }
        }
    }

    /// Looks at the store for pending deliveries and queues those the dispatcher does not have yet (after a restart:
    /// all of them). Returns how many it queued.
    @discardableResult
    public func resumePending() -> Int {
        guard sendsHere() else { return 0 }
        let before = unfinished.count
        do {
            queue(try log.pendingWebhookDeliveries(limit: Self.pollBatch))
        } catch {
            logger.error("pending webhook deliveries could not be read", metadata: ["error": "\(error)"])
        }
        let resumed = unfinished.count - before
        if resumed > 0 { logger.info("pending webhook deliveries queued", metadata: ["deliveries": "\(resumed)"]) }
        return resumed
    }

    /// Returns once no delivery is queued or in progress (at once if none is). Deliveries progress only while `run()`
    /// runs.
    public func waitUntilIdle() async {
        guard !unfinished.isEmpty else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Delivers until cancelled: first the deliveries pending in the store, then what is queued, looking at the store
    /// again every `pollInterval`. Deliveries in progress when it is cancelled stay pending in the store and resume at
    /// the next start. Call it once.
    public func run() async throws {
        guard !hasStarted else {
            logger.error("webhook dispatcher run() called more than once; ignoring this call")
            return
        }
        hasStarted = true
        // Redirects are not followed: a webhook URL is configured once, and following one could reach places the
        // operator never configured.
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            let runner = DeliveryRunner(
                client: client, log: log, policy: policy, timeout: requestTimeout, clock: clock, now: now, logger: logger)
            await withDiscardingTaskGroup { group in
                group.addTask { await self.poll() }
                for await endpointID in wakeups {
                    group.addTask { await self.work(endpointID, runner: runner) }
                }
            }
        }
    }

    /// Looks for pending deliveries now and every `pollInterval` until cancelled.
    private nonisolated func poll() async {
        while !Task.isCancelled {
            await resumePending()
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Works through one endpoint's queue until it is empty.
    private nonisolated func work(_ endpointID: Int64, runner: DeliveryRunner) async {
        while let next = await nextDelivery(for: endpointID) {
            await runner.deliver(next)
            await finish(next.id)
        }
    }

    /// The next delivery of an endpoint, or nil (and the worker ends) when its queue is empty or the task is
    /// cancelled.
    private func nextDelivery(for endpointID: Int64) -> WebhookDelivery? {
        guard !Task.isCancelled, let next = queues[endpointID]?.first else {
            for delivery in queues[endpointID] ?? [] { unfinished.remove(delivery.id) }
            queues[endpointID] = nil
            working.remove(endpointID)
            wakeIdleWaiters()
            return nil
        }
        queues[endpointID]?.removeFirst()
        return next
    }

    private func finish(_ id: Int64) {
        unfinished.remove(id)
        wakeIdleWaiters()
    }

    private func wakeIdleWaiters() {
        guard unfinished.isEmpty else { return }
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters.removeAll()
    }
}
