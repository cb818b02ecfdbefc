import ChannelStore
import Foundation
import GRDBSQLite

/// Runs full multi-row INSERT statements on a thread of its own, so SQLite builds b-tree pages while the writer
/// resolves and encodes the next rows: a large import keeps both cores busy instead of one.
///
/// One SQLite connection must never be used by two threads at once (its page cache and lookaside allocator are
/// not locked in multi-thread mode). So every `RawStatement` created with this gate waits until the executor is
/// idle before it touches the connection, and the executor only runs while the writer merely fills buffers.
///
/// `@unchecked Sendable`: all mutable state is guarded by `condition`; statements and values cross threads only
/// through `jobs`, which hands each one to exactly one thread at a time. A submitted statement must stay owned by
/// the submitting side, so that it is never freed on the insert thread.
final class InsertExecutor: @unchecked Sendable {
    private struct Job {
        var statement: RawStatement?
        var values: [DBValue]
        /// Work that does not touch the connection (a direct load's page building), run in turn with the statements.
        var work: (() throws -> Void)?
        var context: String
    }

    private let condition = NSCondition()
    private let connection: OpaquePointer
    private var jobs: [Job] = []
    private var isBusy = false
    private var isFinished = false
    private var failure: StoreError?
    /// Jobs allowed to wait: enough for the writer to keep preparing rows while an index is being rebuilt.
    private static let queueLimit = 1024

    private var isStarted = false

    /// The thread starts with the first job: a writer of a few rows never needs it.
    init(connection: OpaquePointer) {
        self.connection = connection
    }

    /// Queues one execution of `statement` with `values`; throws the failure of an earlier job.
    func submit(_ statement: RawStatement, _ values: [DBValue], context: String) throws {
        try enqueue(Job(statement: statement, values: values, context: context))
    }

    /// Queues `work` to run on the executor's thread after the jobs before it; throws the failure of an earlier job.
    func submit(context: String, _ work: @escaping () throws -> Void) throws {
        try enqueue(Job(statement: nil, values: [], work: work, context: context))
    }

    private func enqueue(_ job: Job) throws {
        condition.lock()
        defer { condition.unlock() }
        while jobs.count >= Self.queueLimit, failure == nil { condition.wait() }
        if let failure { throw failure }
        jobs.append(job)
        if !isStarted {
            isStarted = true
            let thread = Thread { [self] in run() }
            thread.stackSize = 1 << 20
            thread.start()
        }
        condition.broadcast()
    }

    /// Waits until every queued job has run; the connection is then free for the calling thread.
    func waitUntilIdle() {
        condition.lock()
        while !jobs.isEmpty || isBusy { condition.wait() }
        condition.unlock()
    }

    /// Waits for the queued jobs and throws the first failure if there was one; the thread keeps running.
    func finishJobs() throws {
        condition.lock()
        while !jobs.isEmpty || isBusy { condition.wait() }
        let failure = failure
        condition.unlock()
        if let failure { throw failure }
    }

    /// Waits for the queued jobs, stops the thread, and throws the first failure if there was one.
    func finish() throws {
        defer {
            condition.lock()
            isFinished = true
            condition.broadcast()
            condition.unlock()
        }
        try finishJobs()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty, !isFinished { condition.wait() }
            guard !jobs.isEmpty else {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            isBusy = true
            condition.unlock()

            var error: StoreError?
            if let statement = job.statement {
                statement.bindOnOwnerThread(job.values)
                let code = statement.executeOnOwnerThread()
                if code != SQLITE_DONE { error = RawStatement.error(connection, code, context: job.context) }
            } else if let work = job.work {
                do { try work() } catch let failure as StoreError { error = failure } catch let other {
                    error = StoreError(.unavailable, job.context, underlying: other)
                }
            }

            condition.lock()
            isBusy = false
            if let error, failure == nil {
                failure = error
                jobs.removeAll()
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}
