public import ChannelCore
public import ChannelStore
import Foundation
import GRDB
import Synchronization

/// The embedded SQLite store: one database file in WAL mode with foreign keys on, migrated on open.
public final class SQLiteChannelStore: ChannelStore {
    let pool: DatabasePool
    /// The clock of audit and change-feed times.
    let now: @Sendable () -> Instant
    /// Where `write` calls wait to share a commit.
    private let groupCommit: GroupCommit
    /// Whether the next bulk load may write its large tables directly (`DirectLoad`): only for a file that
    /// `creatingNewFile` keeps out of sight until it is complete.
    private let directLoadAllowed: Mutex<Bool>

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// - Parameter now: the clock for audit and change-feed times (injected so tests can fix it); the system clock by default.
    public convenience init(path: String, now: (@Sendable () -> Instant)? = nil) throws {
        try self.init(path: path, now: now, directLoad: false)
    }

    private init(path: String, now: (@Sendable () -> Instant)?, directLoad: Bool) throws {
        self.now = now ?? { Instant(Date()) }
        directLoadAllowed = Mutex(directLoad)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // 16 KiB pages halve the b-tree overhead of loading millions of rows; it only takes effect on a new,
            // empty file (an existing database keeps its page size).
            try db.execute(sql: "PRAGMA page_size = 16384")
            // FULL makes each commit durable before it is acknowledged (WAL's NORMAL may lose the last commits on power loss).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Keep the WAL from staying at the size of the largest import once it has been checkpointed.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = SQLiteMigrations.migrator
            try pool.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw StoreError(.migration, "\(path) was written by a newer Qudao; upgrade qudao to open it")
                }
            }
            try migrator.migrate(pool)
            groupCommit = GroupCommit(pool: pool, now: self.now)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.unavailable, "cannot open the SQLite database at \(path)", underlying: error)
        }
    }

    /// The writer connection's page cache between bulk writes (negative: KiB), large enough that a group commit's
    /// dirty pages never spill into the WAL before its commit.
    static let writerCacheKiB = -65536

    /// Switches the writer to a rollback journal for the first bulk load into an empty database, when no other
    /// connection is open; returns whether it did.
    ///
    /// In WAL mode every page of a large load is written twice (into the WAL at commit, then into the database
    /// by the checkpoint). A rollback journal writes each new page once, straight into the file, and journals only
    /// the few pages that existed before, so a crash still rolls the load back whole (the hot journal is replayed
    /// when the file is next opened). The database returns to WAL right after the transaction.
    private static func leaveWAL(_ db: Database) -> Bool {
        // Another process with the file open keeps it in WAL (SQLite answers "wal" or "database is locked"):
        // the load then simply goes through the WAL.
        let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        return mode?.lowercased() == "delete"
    }

    /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound file, else the problems it found.
    public func integrityCheck() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Rows whose foreign keys point nowhere (`PRAGMA foreign_key_check`); 0 for a consistent database.
    public func danglingReferenceCount() throws -> Int {
        try pool.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count }
    }

    /// The migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try SQLiteMigrations.migrator.appliedMigrations(db) }
    }

    public func rowCounts() throws -> [EntityKind: Int] {
        try pool.read { db in
            var counts: [EntityKind: Int] = [:]
            for kind in EntityKind.allCases {
                counts[kind] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(kind.name)") ?? 0
            }
            return counts
        }
    }

    public func orderTimeSpan() throws -> ClosedRange<Instant>? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT min(ordered_at), max(ordered_at) FROM orders"),
                let first: Int64 = row[0], let last: Int64 = row[1]
            else { return nil }
            return Instant(millisecondsSinceEpoch: first)...Instant(millisecondsSinceEpoch: last)
        }
    }

    public func changeSequence() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM change_log") ?? 0 }
    }

    public func changes(after sequence: Int64, limit: Int) throws -> [ChangeRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, at, entity, operation, first_row_id, last_row_id, audit_event_id
                    FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?
                    """, arguments: [sequence, limit]
            ).compactMap { row in
                guard let entity = EntityKind(rawValue: row["entity"]),
                    let operation = ChangeRecord.Operation(rawValue: row["operation"])
                else { return nil }
                return ChangeRecord(
                    sequence: row["seq"], at: Instant(millisecondsSinceEpoch: row["at"]), entity: entity, operation: operation,
                    firstRowID: row["first_row_id"], lastRowID: row["last_row_id"], auditEventID: row["audit_event_id"])
            }
        }
    }

    public func readFacts(after sequence: Int64?, into sink: any FactSink) throws -> Int64 {
        try pool.read { db in
            guard let connection = db.sqliteConnection else {
                throw StoreError(.unavailable, "the database connection is closed")
            }
            let latest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM change_log") ?? 0
            let reader = SQLiteFactReader(connection: connection, sink: sink)
            guard let sequence else {
                for kind in EntityKind.allCases.sorted() { try reader.read(kind, rowIDs: nil) }
                return latest
            }
            // The id ranges each kind's changes name, merged so that every row is read once.
            var ranges: [EntityKind: [ClosedRange<Int64>]] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT entity, first_row_id, last_row_id FROM change_log WHERE seq > ? AND seq <= ?",
                arguments: [sequence, latest])
            while let row = try rows.next() {
                let entity: String = row[0]
                let first: Int64 = row[1]
                let last: Int64 = row[2]
                guard let kind = EntityKind(rawValue: entity) else { continue }
                ranges[kind, default: []].append(first...last)
            }
            for kind in EntityKind.allCases.sorted() {
                for range in RowRanges.merged(ranges[kind] ?? []) { try reader.read(kind, rowIDs: range) }
            }
            return latest
        }
    }

    public func auditEvents(after id: Int64, limit: Int) throws -> [AuditEvent] {
        try pool.read { db in
            try Row.fetchAll(db, sql: AuditTrailStatement.since(.sqlite), arguments: [id, limit]).map { try $0.auditEvent() }
        }
    }

    public func bulkWrite<Result>(
        actor: String, requestID: String?, auditEachRow: Bool, _ body: (any BulkWriter) throws -> Result
    ) throws -> Result {
        let now = now()
        // The first load into a new database skips the WAL: see `loadsIntoEmptyDatabase`.
        let isEmpty = try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM change_log) AND NOT EXISTS (SELECT 1 FROM audit_events)")
        } ?? false
        if isEmpty { pool.releaseMemory() }
        return try pool.writeWithoutTransaction { db in
            let rollbackJournal = isEmpty ? Self.leaveWAL(db) : false
            let loadsDirectly = rollbackJournal && !auditEachRow && directLoadAllowed.withLock { allowed in
                defer { allowed = false }
                return allowed
            }
            defer { if rollbackJournal { try? db.execute(sql: "PRAGMA journal_mode = WAL") } }
            // A bulk write touches many pages: a large page cache keeps them from spilling mid-transaction.
            try db.execute(sql: "PRAGMA cache_size = -524288")
            // The bulk writer resolves every reference through maps of rows that exist (stored, or written earlier
            // in this transaction, which holds the write lock so nothing can be deleted meanwhile), so it never
            // writes a dangling reference; SQLite's per-row foreign-key probes would only double the cost of a
            // large import. The pragma cannot change inside a transaction, hence around it. Every other write
            // path keeps foreign keys on.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            // Likewise the CHECK constraints: the bulk writer refuses every record whose domain validation fails
            // (`validate()`, the same rules), so evaluating them again per row (a third of SQLite's insert cost)
            // only repeats work. Triggers still run. Every other write keeps the checks.
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            // Index rebuilds sort millions of keys: keep the sort runs in memory rather than in temporary files.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer {
                try? db.execute(sql: "PRAGMA temp_store = DEFAULT")
                try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
                try? db.execute(sql: "PRAGMA foreign_keys = ON")
                try? db.execute(sql: "PRAGMA cache_size = \(Self.writerCacheKiB)")
            }
            guard let connection = db.sqliteConnection else {
                throw StoreError(.unavailable, "the database connection is closed")
            }
            var result: Result?
            let directLoad = loadsDirectly ? try DirectLoad(connection: connection, path: pool.path) : nil
            try db.inTransaction(.immediate) {
                let writer = try SQLiteBulkWriter(
                    connection: connection, actor: actor, requestID: requestID, auditEachRow: auditEachRow, now: now,
                    directLoad: directLoad)
                defer { writer.stop() }
                result = try body(writer)
                try writer.flush()
                try directLoad?.prepareCommit()
                return .commit
            }
            try directLoad?.attach()
            guard let result else { throw StoreError(.unavailable, "the bulk write produced no result") }
            return result
        }
    }

    public func write<Result: Sendable>(
        actor: String, requestID: String?, _ body: @escaping @Sendable (any BulkWriter) throws -> Result
    ) async throws -> Result {
        try await groupCommit.write(actor: actor, requestID: requestID, body)
    }
}

extension SQLiteChannelStore {
    /// Creates the database at `path` through `body`, out of sight: the store works on a file beside `path` that
    /// is moved to its name only when `body` returns, so a crash or an error leaves no database at `path`. The
    /// first bulk load into it writes its large tables' b-tree pages directly (`DirectLoad`), several times faster
    /// than inserting every row.
    /// - Throws: `StoreError` when `path` exists already or the file cannot be created or moved, and whatever `body` throws.
    public static func creatingNewFile<Result>(
        at path: String, now: (@Sendable () -> Instant)? = nil, _ body: (SQLiteChannelStore) throws -> Result
    ) throws -> Result {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.conflict, "\(path) exists already")
        }
        return try publishing(at: path) { partial in
            let store = try SQLiteChannelStore(path: partial, now: now, directLoad: true)
            let result = try body(store)
            try store.pool.close()
            return result
        }
    }
}

extension SQLiteChannelStore {
    /// Writes a database file out of sight, as `<path>.partial`, and gives it its name only once `write` has returned,
    /// so a crash or an error never leaves a half-written database at `path` (a stale `.partial`, always an unfinished
    /// file, is removed first). `write` must close its connections: a write-ahead log or journal left beside the file
    /// would hold part of the database, and is refused.
    /// - Parameter replacing: whether a file at `path` is replaced (a rename); otherwise a file that appeared there
    ///   meanwhile is refused (a link, then an unlink of the partial).
    /// - Throws: `StoreError` `.conflict` when `path` exists (and `replacing` is false), `.unavailable` or `.io` when the
    ///   file cannot be finished or moved into place, and whatever `write` throws.
    static func publishing<Result>(at path: String, replacing: Bool = false, _ write: (_ partial: String) throws -> Result) throws
        -> Result
    {
        let partial = path + ".partial"
        let removePartial = {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
        }
        removePartial()
        let result: Result
        do {
            result = try write(partial)
            for suffix in ["-wal", "-journal"] where FileManager.default.fileExists(atPath: partial + suffix) {
                throw StoreError(.unavailable, "\(partial) kept its \(suffix.dropFirst()) file after closing")
            }
            if replacing {
                guard rename(partial, path) == 0 else {
                    throw StoreError(.io, "cannot move \(partial) to \(path): \(String(cString: strerror(errno)))")
                }
            } else {
                guard link(partial, path) == 0 else {
                    if errno == EEXIST { throw StoreError(.conflict, "\(path) exists already") }
                    throw StoreError(.io, "cannot create \(path): \(String(cString: strerror(errno)))")
                }
                unlink(partial)
            }
        } catch {
            removePartial()
            throw error
        }
        try? FileManager.default.removeItem(atPath: partial + "-shm")
        syncDirectory(containing: path)
        return result
    }
}
