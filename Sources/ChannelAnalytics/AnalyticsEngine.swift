public import ChannelCore
public import ChannelStore
import Synchronization

/// The analytic engine: the store's facts held in memory as columns, built once from the store and kept current
/// by following its change sequence.
///
/// Queries run on a `FactSnapshot`, which never changes under them; `refresh()` applies the store's newer changes
/// to a copy (sharing every untouched chunk) and publishes it whole, so a reader sees all of a write or none of it.
public final class AnalyticsEngine: Sendable {
    private let store: any ChannelStore
    private let published: Mutex<FactSnapshot>
    /// Serializes refreshes: one writer applies changes at a time.
    private let writer = Mutex<Void>(())
    /// Shares one refresh among the tasks waiting in `latestSnapshot()`.
    private let catchUpGate = CatchUpGate()

    /// Builds the engine from everything the store holds.
    public init(store: any ChannelStore, calendar: BusinessCalendar = .shanghai) throws {
        self.store = store
        let loader = FactLoader(FactSnapshot(clock: BusinessClock(calendar: calendar)))
        let sequence = try store.readFacts(after: nil, into: loader)
        loader.finish(sequence: sequence)
        published = Mutex(loader.snapshot)
    }

    /// The latest published snapshot.
    public var snapshot: FactSnapshot { published.withLock { $0 } }

    /// Applies the changes the store committed since the published snapshot; returns whether there were any.
    @discardableResult
    public func refresh() throws -> Bool {
        try writer.withLock { _ in
            let current = snapshot
            guard try store.changeSequence() > current.sequence else { return false }
            let loader = FactLoader(current)
            let sequence = try store.readFacts(after: current.sequence, into: loader)
            loader.finish(sequence: sequence)
            published.withLock { $0 = loader.snapshot }
            return true
        }
    }

    /// The snapshot with every change committed before the call: what a query should read so that it sees every
    /// write acknowledged so far (the caller's own included). Callers that arrive together share one refresh, which
    /// runs while they are suspended; when nothing changed it costs one look at the store's change sequence.
    ///
    /// Writers do not refresh the engine themselves: a burst of writes then costs one refresh when it is next
    /// queried (or when the follower next looks), not one per commit.
    public func latestSnapshot() async throws -> FactSnapshot {
        try await catchUpGate.wait(until: store.changeSequence(), engine: self)
        return snapshot
    }

    /// Keeps the engine current until the task is cancelled, checking the store every `interval`.
    public func follow(every interval: Duration = .milliseconds(250), onError: @Sendable (any Error) -> Void) async {
        while !Task.isCancelled {
            do { try refresh() } catch { onError(error) }
            try? await Task.sleep(for: interval)
        }
    }
}

/// Runs at most one catch-up refresh at a time and lets every waiter share it.
private actor CatchUpGate {
    private var running: Task<Void, any Error>?

    func wait(until sequence: Int64, engine: AnalyticsEngine) async throws {
        while engine.snapshot.sequence < sequence {
            let task = running ?? start(engine)
            do {
                try await task.value
            } catch {
                if running == task { running = nil }
                throw error
            }
            // The refresh may have begun before `sequence` was committed: then the loop starts another.
            if running == task { running = nil }
        }
    }

    private func start(_ engine: AnalyticsEngine) -> Task<Void, any Error> {
        let task = Task.detached { _ = try engine.refresh() }
        running = task
        return task
    }
}
