public import ChannelCore
public import ChannelStore
import Dispatch
import Foundation
public import Logging

/// The PostgreSQL store: the same contract and behaviour as `SQLiteChannelStore`, for several Qudao servers on one
/// database.
///
/// The contract is synchronous: each call takes a connection from a small pool and waits for PostgresNIO's futures on
/// the caller's thread (never an event loop thread). Every write transaction first takes the writer lock, a
/// transaction-level advisory lock, so writers (of every server) go one at a time as in SQLite: the audit chain's
/// head, the tables' last ids and the change feed's order cannot move under a writer, and a follower of the change
/// feed never sees a later sequence committed before an earlier one.
public final class PostgresChannelStore: ChannelStore {
    public let location: PostgresLocation
    /// The clock of audit and change-feed times.
    let now: @Sendable () -> Instant
    let pool: PostgresConnectionPool
    /// Where `write` runs its bodies: a thread of its own, never one of Swift concurrency's.
    private let writeQueue = DispatchQueue(label: "qudao.store.postgres.write")
    /// The duties this store leads among the servers on the database (`LeadershipStore`).
    let leadership = PostgresLeadership()

    /// The advisory lock every write transaction holds ("qudao-wr").
    static let writerLockKey: Int64 = 0x7175_6461_6f2d_7772

    /// Connects to the database at `location` and applies pending migrations.
    /// - Parameters:
    ///   - now: the clock for audit and change-feed times (injected so tests can fix it); the system clock by default.
    ///   - connections: the most connections this store opens at once.
    /// - Throws: `StoreError` `.unavailable` when the server cannot be reached, `.migration` when the database was
    ///   written by a newer Qudao or a migration fails.
    public init(
        location: PostgresLocation, now: (@Sendable () -> Instant)? = nil, connections: Int = 8,
        logger: Logger = Logger(label: "qudao.store.postgres")
    ) throws {
        self.location = location
        self.now = now ?? { Instant(Date()) }
        var logger = logger
        logger[metadataKey: "database"] = "\(location)"
        pool = PostgresConnectionPool(location: location, capacity: max(1, connections), logger: logger)
        try pool.withSession { session in try PostgresMigrations.migrate(session, location: location) }
        logger.debug("opened the PostgreSQL store")
    }

    /// Closes the store's connections, giving up the duties it leads; later calls fail with `.unavailable`.
    public func close() {
        leadership.resignAll(pool: pool)
        pool.close()
    }

    /// The migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.withSession { try PostgresMigrations.appliedMigrations($0) }
    }

    public func rowCounts() throws -> [EntityKind: Int] {
        let kinds = EntityKind.allCases.sorted()
        let sql = kinds.map { "(SELECT count(*) FROM \($0.name))" }.joined(separator: ", ")
        return try pool.withSession { session in
            guard let row = try session.query("SELECT \(sql)", context: "counting rows").first else { return [:] }
            var counts: [EntityKind: Int] = [:]
            for (index, kind) in kinds.enumerated() { counts[kind] = Int(try row.integer(at: index)) }
            return counts
        }
    }

    public func orderTimeSpan() throws -> ClosedRange<Instant>? {
        try pool.withSession { session in
            guard let row = try session.query("SELECT min(ordered_at), max(ordered_at) FROM orders", context: "reading the order span").first,
                let first = try row.optionalInteger(at: 0), let last = try row.optionalInteger(at: 1)
            else { return nil }
            return Instant(millisecondsSinceEpoch: first)...Instant(millisecondsSinceEpoch: last)
        }
    }

    public func changeSequence() throws -> Int64 {
        try pool.withSession { try Self.latestSequence($0) }
    }

    private static func latestSequence(_ session: PostgresSession) throws -> Int64 {
        try session.query("SELECT coalesce(max(seq), 0) FROM change_log", context: "reading the change sequence").first?
            .integer(at: 0) ?? 0
    }

    public func changes(after sequence: Int64, limit: Int) throws -> [ChangeRecord] {
        try pool.withSession { session in
            try session.query(
                """
                SELECT seq, at, entity, operation, first_row_id, last_row_id, audit_event_id
                FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2
                """, [.integer(sequence), .integer(Int64(max(0, limit)))], context: "reading the change feed"
            ).compactMap { row in
                guard let entity = EntityKind(rawValue: try row.text(at: 2)),
                    let operation = ChangeRecord.Operation(rawValue: try row.text(at: 3))
                else { return nil }
                return ChangeRecord(
                    sequence: try row.integer(at: 0), at: Instant(millisecondsSinceEpoch: try row.integer(at: 1)), entity: entity,
                    operation: operation, firstRowID: try row.integer(at: 4), lastRowID: try row.integer(at: 5),
                    auditEventID: try row.integer(at: 6))
            }
        }
    }

    public func readFacts(after sequence: Int64?, into sink: any FactSink) throws -> Int64 {
        try pool.withSession { session in
            // One snapshot for the sequence and every row.
            try session.transaction(isolation: "REPEATABLE READ READ ONLY") {
                let latest = try Self.latestSequence(session)
                let reader = PostgresFactReader(session: session, sink: sink)
                guard let sequence else {
                    for kind in EntityKind.allCases.sorted() { try reader.read(kind, rowIDs: nil) }
                    return latest
                }
                // The id ranges each kind's changes name, merged so that every row is read once.
                var ranges: [EntityKind: [ClosedRange<Int64>]] = [:]
                let rows = try session.query(
                    "SELECT entity, first_row_id, last_row_id FROM change_log WHERE seq > $1 AND seq <= $2",
                    [.integer(sequence), .integer(latest)], context: "reading the change feed")
                for row in rows {
                    guard let kind = EntityKind(rawValue: try row.text(at: 0)) else { continue }
                    ranges[kind, default: []].append(try row.integer(at: 1)...row.integer(at: 2))
                }
                for kind in EntityKind.allCases.sorted() {
                    for range in RowRanges.merged(ranges[kind] ?? []) { try reader.read(kind, rowIDs: range) }
                }
                return latest
            }
        }
    }

    public func auditEvents(after id: Int64, limit: Int) throws -> [AuditEvent] {
        try pool.withSession { session in
            try session.query(
                AuditTrailStatement.since(.postgres), [.integer(id), .integer(Int64(max(0, limit)))], context: "reading audit events"
            ).map { try $0.auditEvent() }
        }
    }

    public func bulkWrite<Result>(
        actor: String, requestID: String?, auditEachRow: Bool, _ body: (any BulkWriter) throws -> Result
    ) throws -> Result {
        let now = now()
        return try pool.withSession { session in
            try session.transaction {
                try session.run("SELECT pg_advisory_xact_lock($1)", [.integer(Self.writerLockKey)], context: "waiting for the writer lock")
                let writer = try PostgresBulkWriter(
                    session: session, actor: actor, requestID: requestID, auditEachRow: auditEachRow, now: now)
                let result = try body(writer)
                try writer.finish()
                return result
            }
        }
    }

    public func write<Result: Sendable>(
        actor: String, requestID: String?, _ body: @escaping @Sendable (any BulkWriter) throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            writeQueue.async {
                continuation.resume(
                    with: Swift.Result { try self.bulkWrite(actor: actor, requestID: requestID, auditEachRow: true, body) })
            }
        }
    }
}
