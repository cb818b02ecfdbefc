import NIOCore

/// Runs Swift concurrency jobs on one NIO event loop.
///
/// PostgresNIO offers `COPY ... FROM STDIN` only as async code, while the store's contract is synchronous and its
/// callers may themselves be threads of the cooperative pool (tests, the server's writer). A task that prefers this
/// executor runs on its connection's loop from start to end, so a caller that blocks on it never waits for a free
/// cooperative thread (two cores give only two).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
