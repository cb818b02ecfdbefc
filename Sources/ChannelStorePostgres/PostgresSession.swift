import ChannelStore
import Dispatch
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// One connection, used by one thread at a time: synchronous queries with `DBValue` binds, transactions, and
/// PostgreSQL errors turned into `StoreError`s that say what was being done and what the server answered.
final class PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    /// False once the connection's state is unknown (a failed rollback): the pool then closes it.
    private(set) var isReusable = true
    private var inTransaction = false
    /// The error of a statement that failed inside the current transaction: PostgreSQL then refuses every further
    /// statement and turns COMMIT into a rollback (unlike SQLite, where a failed statement leaves the transaction
    /// usable), so the transaction can only end in that error.
    private var abortedBy: StoreError?
    /// A COPY started and left to run while this thread went on; the next exchange waits for it.
    private var runningCopy: RunningCopy?

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Runs one statement with `$1...` parameters and returns every row.
    func query(_ sql: String, _ binds: [DBValue] = [], context: @autoclosure () -> String) throws -> [StoredRow] {
        do {
            return try send(sql, binds).map { try $0.values() }
        } catch {
            throw Self.storeError(error, context: context())
        }
    }

    /// Sends one statement with `$1...` parameters that returns one row of arrays, a page of rows, and returns before
    /// the answer comes, so that the caller can work meanwhile (on the page before); `page(_:)` reads it.
    func requestPage(_ sql: String, _ binds: [DBValue], context: @autoclosure () -> String) throws -> PendingPage {
        do {
            return PendingPage(answer: try guarded { start(sql, binds) }, context: context())
        } catch {
            throw Self.storeError(error, context: context())
        }
    }

    /// Waits for a page asked for with `requestPage` and reads it (`PostgresColumnPage`).
    func page(_ pending: PendingPage) throws -> PostgresColumnPage {
        do {
            let rows = try guarded { try pending.answer.wait().rows }
            guard rows.count == 1, let row = rows.first else {
                throw StoreError(.corrupt, "\(pending.context): \(rows.count) rows came for a page of rows, not one")
            }
            return try PostgresColumnPage(row)
        } catch {
            throw Self.storeError(error, context: pending.context)
        }
    }

    /// A page of rows asked for and not yet read.
    struct PendingPage {
        fileprivate let answer: EventLoopFuture<PostgresQueryResult>
        fileprivate let context: String
    }

    /// Runs one statement with `$1...` parameters for its effect, without reading what it returns (a lock function's
    /// `void`, an INSERT).
    func run(_ sql: String, _ binds: [DBValue] = [], context: @autoclosure () -> String) throws {
        do {
            _ = try send(sql, binds)
        } catch {
            throw Self.storeError(error, context: context())
        }
    }

    /// Starts copying `rows` into `columns` of `table` with one `COPY ... FROM STDIN` (text format) and returns while
    /// the server takes them in, so that the caller prepares the next rows meanwhile. The next exchange on this session
    /// (a statement, a copy, the commit) waits for it first, and its failure becomes that exchange's, with `context`.
    func copy(_ rows: PostgresCopyRows, into table: String, columns: [String], context: @autoclosure () -> String) throws {
        guard !rows.isEmpty else { return }
        let context = context()
        try guarded { runningCopy = startCopy(rows.data, into: table, columns: columns, context: context) }
    }

    private func send(_ sql: String, _ binds: [DBValue]) throws -> [PostgresRow] {
        try guarded { try sendUnchecked(sql, binds).rows }
    }

    /// Runs one exchange with the server unless the transaction already failed, and remembers its failure.
    private func guarded<Result>(_ exchange: () throws -> Result) throws -> Result {
        if let abortedBy {
            throw StoreError(
                abortedBy.code, "an earlier statement of this transaction failed, so PostgreSQL keeps nothing of it: \(abortedBy.message)",
                underlying: abortedBy)
        }
        do {
            try waitForRunningCopy()
            return try exchange()
        } catch {
            if inTransaction { abortedBy = Self.storeError(error, context: "a statement") }
            throw error
        }
    }

    /// PostgresNIO's COPY is async: it runs as a task on the connection's own event loop (`EventLoopTaskExecutor`), so
    /// it needs no thread of the cooperative pool, which this thread may be.
    private func startCopy(_ data: ByteBuffer, into table: String, columns: [String], context: String) -> RunningCopy {
        let connection = connection
        let logger = logger
        let outcome = RunningCopy(context: context)
        Task(executorPreference: EventLoopTaskExecutor(connection.eventLoop)) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
            } catch {
                outcome.error.withLock { $0 = error }
            }
            outcome.finished.signal()
        }
        return outcome
    }

    /// Waits for the COPY still running, if any, and throws its failure.
    private func waitForRunningCopy() throws {
        guard let running = runningCopy else { return }
        runningCopy = nil
        running.finished.wait()
        if let error = running.error.withLock({ $0 }) { throw Self.storeError(error, context: running.context) }
    }

    private func sendUnchecked(_ sql: String, _ binds: [DBValue]) throws -> PostgresQueryResult {
        try start(sql, binds).wait()
    }

    /// Sends one statement; PostgresNIO runs a connection's statements in the order they were sent.
    private func start(_ sql: String, _ binds: [DBValue]) -> EventLoopFuture<PostgresQueryResult> {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .integer(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .null: bindings.appendNull()
            }
        }
        return connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
    }

    /// Runs a script of statements without parameters, separated by semicolons (migrations), one at a time.
    func execute(_ script: String, context: @autoclosure () -> String) throws {
        for statement in SQLScript.statements(script) {
            do {
                _ = try send(statement, [])
            } catch {
                throw Self.storeError(error, context: context())
            }
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// - Parameter isolation: `READ COMMITTED` for writes (they serialize on the writer lock), `REPEATABLE READ` for
    ///   a read that must see one snapshot.
    func transaction<Result>(isolation: String = "READ COMMITTED", _ body: () throws -> Result) throws -> Result {
        precondition(!inTransaction, "PostgresSession transactions do not nest")
        try execute("BEGIN ISOLATION LEVEL \(isolation)", context: "starting a transaction")
        inTransaction = true
        abortedBy = nil
        defer {
            inTransaction = false
            abortedBy = nil
        }
        let result: Result
        do {
            result = try body()
            // The body may have caught a failed statement's error and gone on: the transaction is lost all the same.
            if let abortedBy { throw abortedBy }
            // A COPY still running must have succeeded before the commit.
            try guarded {}
        } catch {
            // A COPY still running ends first (its failure no longer matters: everything is rolled back).
            try? waitForRunningCopy()
            do {
                _ = try sendUnchecked("ROLLBACK", [])
            } catch {
                isReusable = false
            }
            throw error
        }
        let commit: PostgresQueryResult
        do {
            commit = try sendUnchecked("COMMIT", [])
        } catch {
            isReusable = false
            throw Self.storeError(error, context: "committing")
        }
        // PostgreSQL answers COMMIT with ROLLBACK for a transaction that cannot commit.
        guard commit.metadata.command == "COMMIT" else {
            throw StoreError(.unavailable, "PostgreSQL rolled the transaction back instead of committing it (\(commit.metadata.command))")
        }
        return result
    }

    /// The store's error for a failed query: server constraint and trigger failures are `.constraint`, a
    /// serialization failure or deadlock `.conflict`, anything else `.unavailable`; the message says what was being
    /// done and what PostgreSQL said.
    static func storeError(_ error: any Error, context: String) -> StoreError {
        if let error = error as? StoreError { return error }
        let text = describe(error)
        guard let psql = error as? PSQLError, let state = psql.serverInfo?[.sqlState] else {
            return StoreError(.unavailable, "\(context): \(text)", underlying: error)
        }
        // 23xxx integrity constraints; P0001 a trigger's RAISE EXCEPTION without a code of its own.
        if state.hasPrefix("23") || state == "P0001" {
            return StoreError(.constraint, "\(context): \(text)", underlying: error)
        }
        if state == "40001" || state == "40P01" {
            return StoreError(.conflict, "\(context): \(text)", underlying: error)
        }
        return StoreError(.unavailable, "\(context): \(text)", underlying: error)
    }

    /// What the server said (message, detail, SQLSTATE), or the client-side error code.
    static func describe(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return String(describing: error) }
        guard let info = psql.serverInfo else {
            if psql.code == .sslUnsupported {
                return "the server does not offer TLS, which sslmode=require and the verify modes need (turn ssl on at the server, or use sslmode=prefer or disable)"
            }
            return "PostgreSQL client error \(psql.code)" + (psql.underlying.map { ": \(String(reflecting: $0))" } ?? "")
        }
        var text = info[.message] ?? "PostgreSQL error"
        if let detail = info[.detail] { text += " (\(detail))" }
        if let state = info[.sqlState] { text += " [SQLSTATE \(state)]" }
        return text
    }
}

extension PostgresRow {
    /// The row's cells as the store's values: integers (any width) as `.integer`, booleans as `.integer` 0 or 1 (SQLite's
    /// flags), NULL as `.null`, floating-point numbers as their shortest exact text, anything else as its text.
    func values() throws -> StoredRow {
        var values: [DBValue] = []
        values.reserveCapacity(count)
        for cell in self {
            guard cell.bytes != nil else {
                values.append(.null)
                continue
            }
            switch cell.dataType {
            case .int2, .int4, .int8: values.append(.integer(try cell.decode(Int64.self)))
            case .bool: values.append(.integer(try cell.decode(Bool.self) ? 1 : 0))
            case .float4, .float8: values.append(.text(String(try cell.decode(Double.self))))
            default: values.append(.text(try cell.decode(String.self)))
            }
        }
        return StoredRow(values: values)
    }
}

/// A COPY running as a task, for the thread that waits for it: what it was doing, and how it ended.
private final class RunningCopy: Sendable {
    let context: String
    let finished = DispatchSemaphore(value: 0)
    let error = Mutex<(any Error)?>(nil)

    init(context: String) {
        self.context = context
    }
}
