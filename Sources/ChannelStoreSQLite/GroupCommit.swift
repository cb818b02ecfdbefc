import ChannelCore
import ChannelStore
import Foundation
import GRDB
import GRDBSQLite

/// Group commit for small audited writes (`ChannelStore.write`): the writes that arrive while a commit is on its
/// way to disk wait together and go into the next transaction, one savepoint each, and share its one `fsync`.
///
/// With `synchronous = FULL` a commit costs a flush to disk; committing each API request on its own would cap the
/// server at a few hundred writes a second whatever the CPU. Here the cost of a commit is shared by every write
/// that arrived during the previous one, so throughput grows with concurrency while each write stays durable
/// before it is acknowledged. One `SQLiteBulkWriter` (its prepared statements and audit-chain head) serves the
/// whole group; a write that throws rolls back to its savepoint and the writer is rebuilt for the next one, since
/// its caches may hold what was rolled back.
///
/// `@unchecked Sendable`: the queue of waiting writes is guarded by `lock`; transactions run on one serial queue.
final class GroupCommit: @unchecked Sendable {
    /// A write waiting for its transaction.
    struct Job {
        var actor: String
        var requestID: String?
        /// Writes the records and returns how to answer the caller once the commit is durable.
        var run: (SQLiteBulkWriter) throws -> @Sendable () -> Void
        /// Answers the caller with the error that kept the write out of the database.
        var fail: @Sendable (any Error) -> Void
    }

    private let pool: DatabasePool
    private let now: @Sendable () -> Instant
    private let lock = NSLock()
    private var waiting: [Job] = []
    private var isDraining = false
    private let queue = DispatchQueue(label: "qudao.group-commit")
    /// The writers' statements, prepared once for the writer connection (touched only on `queue`).
    private var statements: StatementCache?
    /// Writes per transaction at most, so that one commit's latency stays bounded under any load.
    private static let largestGroup = 512

    init(pool: DatabasePool, now: @escaping @Sendable () -> Instant) {
        self.pool = pool
        self.now = now
    }

    /// Runs `body` in the next group and returns its result once that group is committed.
    func write<Result: Sendable>(
        actor: String, requestID: String?, _ body: @escaping @Sendable (any BulkWriter) throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let job = Job(
                actor: actor, requestID: requestID,
                run: { writer in
                    let result = try body(writer)
                    return { continuation.resume(returning: result) }
                },
                fail: { error in continuation.resume(throwing: error) })
            lock.lock()
            waiting.append(job)
            let start = !isDraining
            isDraining = true
            lock.unlock()
            if start { queue.async { self.drain() } }
        }
    }

    /// Commits groups until no write is waiting.
    private func drain() {
        while true {
            lock.lock()
            guard !waiting.isEmpty else {
                isDraining = false
                lock.unlock()
                return
            }
            let group = Array(waiting.prefix(Self.largestGroup))
            waiting.removeFirst(group.count)
            lock.unlock()
            commit(group)
        }
    }

    /// Runs each job of `group` in a savepoint of one transaction, commits, and then answers every job.
    private func commit(_ group: [Job]) {
        var written: [(job: Job, answer: @Sendable () -> Void)] = []
        do {
            try pool.writeWithoutTransaction { db in
                guard let connection = db.sqliteConnection else {
                    throw StoreError(.unavailable, "the database connection is closed")
                }
                let statements: StatementCache
                if let cache = self.statements, cache.connection == connection {
                    statements = cache
                } else {
                    statements = StatementCache(connection: connection, gate: nil)
                    self.statements = statements
                    try db.execute(sql: "PRAGMA cache_size = \(SQLiteChannelStore.writerCacheKiB)")
                }
                // Savepoints through prepared statements: GRDB's `inSavepoint` would prepare two statements per write.
                let savepoint = try statements.statement("SAVEPOINT qudao_write")
                let release = try statements.statement("RELEASE qudao_write")
                let rollback = try statements.statement("ROLLBACK TO qudao_write")
                func run(_ statement: RawStatement, _ what: String) throws {
                    let code = statement.execute()
                    guard code == SQLITE_DONE else { throw RawStatement.error(connection, code, context: what) }
                }
                try db.inTransaction(.immediate) {
                    var writer: SQLiteBulkWriter?
                    defer { writer?.stop() }
                    for job in group {
                        do {
                            try run(savepoint, "starting a write")
                        } catch {
                            job.fail(error)
                            continue
                        }
                        do {
                            let current = try writer ?? SQLiteBulkWriter(
                                connection: connection, actor: job.actor, auditEachRow: true, now: now(), statements: statements)
                            writer = current
                            current.begin(actor: job.actor, requestID: job.requestID, now: now())
                            let answer = try job.run(current)
                            try current.settle()
                            try run(release, "finishing a write")
                            written.append((job, answer))
                        } catch {
                            // The rollback to the savepoint undoes rows the writer's caches may still hold.
                            writer?.stop()
                            writer = nil
                            job.fail(error)
                            // A write that cannot be undone alone takes the whole group down (this throws out of the
                            // transaction, which rolls back).
                            try run(rollback, "undoing a refused write")
                            try run(release, "undoing a refused write")
                        }
                    }
                    return .commit
                }
            }
        } catch {
            // Nothing of the group was kept.
            let failure = error as? StoreError ?? StoreError(.unavailable, "the write could not be committed", underlying: error)
            for (job, _) in written { job.fail(failure) }
            return
        }
        for (_, answer) in written { answer() }
    }
}
