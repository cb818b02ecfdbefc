import ChannelCore
import ChannelStore

/// Loads the rows of one table for an import (a bulk write that does not audit each row), with the same outcomes,
/// counts and audit images as SQLite's `TableWriter`, in a few statements per megabytes of rows.
///
/// The table's stored rows are read once, when the writer is made (none for an empty table), so every outcome is
/// decided in memory: a new key is inserted, a stored key with other values is updated (an `update` audit event with
/// the stored row before and after), a stored key with the same values is unchanged, and a key already written in
/// this transaction is a duplicate. New rows stream into the table with `COPY ... FROM STDIN`; changed rows stream
/// into a temporary staging table and are applied with one `UPDATE ... FROM` per flush. The schema's checks and
/// triggers see every row as it goes in.
///
/// Foreign keys too, except in a large load into an empty table (`bulkLoadRows` or more rows expected): checking
/// each row's references one by one costs PostgreSQL several times more than copying the rows, so such a table's
/// foreign keys are dropped before its rows go in and added back, which checks every row in one pass, before the
/// transaction commits (`finish`). Either way no row that breaks one commits. Dropping a foreign key locks its table
/// and the table it refers to until the transaction ends, so other sessions wait to read them meanwhile.
final class PostgresLoadWriter: PostgresRowWriter {
    let kind: EntityKind
    /// Stored columns in `StoredColumns` order (without the surrogate `id`); the natural key columns come first.
    private let columns: [String]
    private let keyCount: Int
    /// Column whose value identifies the row in the change feed (`id`, or the parent's id for order lines).
    private let feedIDColumn: String
    private var hasRowID: Bool { feedIDColumn == "id" }
    private let session: PostgresSession
    private var nextID: Int64
    /// Rows stored before this transaction, by natural key.
    private var stored: [PostgresRowKey: (feedID: Int64, values: [DBValue])] = [:]
    /// Keys written in this transaction, to catch repeats.
    private var seen: Set<PostgresRowKey> = []
    private var inserts = PostgresCopyRows()
    private var updates = PostgresCopyRows()
    private var stageExists = false
    /// Foreign keys dropped for a large load (name and definition), to add back before commit.
    private var droppedForeignKeys: [(name: String, definition: String)] = []
    private let isEmptyAtStart: Bool
    private var counts = BatchCounts()

    /// Buffered rows go to the server once they take this many bytes (and whenever the bulk writer settles).
    private static let flushBytes = 4 << 20
    /// Expected rows from which a load into an empty table checks its foreign keys once at the end.
    static let bulkLoadRows = 10_000

    init(kind: EntityKind, session: PostgresSession) throws {
        let layout = StoredColumns.of(kind)
        self.kind = kind
        self.session = session
        columns = layout.names
        keyCount = layout.keyCount
        feedIDColumn = layout.feedIDColumn
        nextID = 1
        let rows = try session.query(
            "SELECT \(feedIDColumn), \(columns.joined(separator: ", ")) FROM \(kind.name)", context: "reading the stored \(kind.name)")
        isEmptyAtStart = rows.isEmpty
        stored.reserveCapacity(rows.count)
        for row in rows {
            let feedID = try row.integer(at: 0)
            let values = Array(row.values[1...])
            stored[PostgresRowKey(values, count: keyCount)] = (feedID, values)
            nextID = max(nextID, feedID + 1)
        }
    }

    func write(
        _ values: [DBValue], naturalKey: @autoclosure () -> String, feedID knownFeedID: Int64?, audit: any PostgresAuditSink,
        settle: () throws -> Void
    ) throws -> (WriteOutcome, Int64) {
        let key = PostgresRowKey(values, count: keyCount)
        guard seen.insert(key).inserted else {
            counts.countDuplicate()
            return (.duplicate, stored[key]?.feedID ?? 0)
        }
        if let existing = stored[key] {
            guard existing.values != values else {
                counts.countUnchanged()
                return (.unchanged, existing.feedID)
            }
            try audit.recordUpdate(
                kind, key: naturalKey(), rowID: existing.feedID, before: JSONText.object(columns, existing.values),
                after: JSONText.object(columns, values))
            updates.append(values)
            counts.countUpdate()
            if updates.byteCount >= Self.flushBytes { try settle() }
            return (.updated, existing.feedID)
        }
        let feedID: Int64
        if let knownFeedID {
            feedID = knownFeedID
        } else {
            feedID = nextID
            nextID += 1
        }
        inserts.append(id: hasRowID ? feedID : nil, values)
        counts.countInsert(feedID)
        if inserts.byteCount >= Self.flushBytes { try settle() }
        return (.inserted, feedID)
    }

    /// Copies the new rows into the table, then applies the changed ones.
    func flush() throws {
        if !inserts.isEmpty {
            try session.copy(
                inserts, into: kind.name, columns: (hasRowID ? ["id"] : []) + columns,
                context: "loading \(inserts.count) row(s) into \(kind.name)")
            inserts.removeAll()
        }
        guard !updates.isEmpty else { return }
        let stage = "qudao_stage_\(kind.name)"
        if stageExists {
            try session.run("TRUNCATE \(stage)", context: "emptying the staging table of \(kind.name)")
        } else {
            // Dropped at commit or rollback; the same columns and types as the table, without its constraints (the
            // UPDATE below meets them).
            try session.run(
                "CREATE TEMPORARY TABLE \(stage) ON COMMIT DROP AS SELECT \(columns.joined(separator: ", ")) FROM \(kind.name) WITH NO DATA",
                context: "creating the staging table of \(kind.name)")
            stageExists = true
        }
        try session.copy(updates, into: stage, columns: columns, context: "staging \(updates.count) changed row(s) of \(kind.name)")
        let assignments = columns[keyCount...].map { "\($0) = s.\($0)" }.joined(separator: ", ")
        let keyMatch = columns[..<keyCount].map { "t.\($0) = s.\($0)" }.joined(separator: " AND ")
        try session.run(
            "UPDATE \(kind.name) t SET \(assignments) FROM \(stage) s WHERE \(keyMatch)",
            context: "updating \(updates.count) changed row(s) of \(kind.name)")
        updates.removeAll()
    }

    func reserve(rows: Int) throws {
        seen.reserveCapacity(seen.count + max(0, rows))
        if isEmptyAtStart, rows >= Self.bulkLoadRows, droppedForeignKeys.isEmpty { try dropForeignKeys() }
    }

    /// Adds back the foreign keys dropped for a large load; PostgreSQL checks every row against them.
    func finish() throws {
        guard !droppedForeignKeys.isEmpty else { return }
        try flush()
        let constraints = droppedForeignKeys.map { "ADD CONSTRAINT \(PostgresAdmin.quoted($0.name)) \($0.definition)" }.joined(separator: ", ")
        try session.run(
            "ALTER TABLE \(kind.name) \(constraints)",
            context: "checking the references of the \(kind.name) loaded (foreign keys \(droppedForeignKeys.map(\.name).joined(separator: ", ")))")
        droppedForeignKeys = []
    }

    private func dropForeignKeys() throws {
        let rows = try session.query(
            """
            SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname
            """, [.text(kind.name)], context: "reading the foreign keys of \(kind.name)")
        let keys = try rows.map { (name: try $0.text(at: 0), definition: try $0.text(at: 1)) }
        guard !keys.isEmpty else { return }
        try session.run(
            "ALTER TABLE \(kind.name) " + keys.map { "DROP CONSTRAINT \(PostgresAdmin.quoted($0.name))" }.joined(separator: ", "),
            context: "dropping the foreign keys of \(kind.name) for a large load")
        droppedForeignKeys = keys
    }

    var batchChangedRows: Bool { counts.changedRows }

    func closeBatch() throws -> (summary: String, insertedRange: ClosedRange<Int64>?) {
        try flush()
        return counts.close(feedIDColumn: feedIDColumn)
    }
}
