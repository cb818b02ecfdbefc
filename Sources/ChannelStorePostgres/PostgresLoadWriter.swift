import ChannelCore
import ChannelStore

/// Loads the rows of one table for an import (a bulk write that does not audit each row), with the same outcomes,
/// counts and audit images as SQLite's `TableWriter`, in a few statements for every four megabytes of rows.
///
/// The table's stored rows are read once, when the writer is made (none for an empty table), so every outcome is
/// decided in memory: a new key is inserted, a stored key with other values is updated (an `update` audit event with
/// the stored row before and after), a stored key with the same values is unchanged, and a key already written in
/// this transaction is a duplicate. New rows stream into the table with `COPY ... FROM STDIN`; changed rows stream
/// into a temporary staging table and are applied with one `UPDATE ... FROM` per flush. The schema's checks and
/// triggers see every row as it goes in.
///
/// Foreign keys and indexes too, except in a large load into an empty table (`bulkLoadRows` or more rows expected):
/// checking each row's references one by one costs PostgreSQL several times more than copying the rows, and adding
/// rows to an index one by one costs more than building it once from them, so such a table's foreign keys and its
/// indexes (the natural key's unique index; the primary key too unless another table's foreign key refers to it)
/// are dropped before its rows go in, and built again before the transaction commits (`finish`), which checks every
/// row in one pass. Either way no row that breaks one commits. Dropping them locks the table (and the tables its
/// foreign keys refer to) until the transaction ends, so other sessions wait to read them meanwhile.
final class PostgresLoadWriter<Key: Hashable>: PostgresRowWriter {
    let kind: EntityKind
    /// Stored columns in `StoredColumns` order (without the surrogate `id`); the natural key columns come first.
    private let columns: [String]
    private let keyCount: Int
    /// Column whose value identifies the row in the change feed (`id`, or the parent's id for order lines).
    private let feedIDColumn: String
    private var hasRowID: Bool { feedIDColumn == "id" }
    private let session: PostgresSession
    /// The natural key of a row's values (`PostgresLoadKey`), to find its stored row.
    private let key: ([DBValue]) throws -> Key
    private var nextID: Int64
    /// Rows stored before this transaction, by natural key.
    private var stored: [Key: (feedID: Int64, values: [DBValue])] = [:]
    /// Keys written in this transaction, to catch repeats.
    private var written = WrittenKeys()
    private var inserts = PostgresCopyRows()
    private var updates = PostgresCopyRows()
    private var stageExists = false
    /// Constraints (foreign keys, a primary key) and indexes dropped for a large load (name and definition), to build
    /// again before commit.
    private var droppedConstraints: [(name: String, definition: String)] = []
    private var droppedIndexes: [(name: String, definition: String)] = []
    private var isPreparedForLargeLoad = false
    private let isEmptyAtStart: Bool
    private var counts = BatchCounts()

    /// Buffered rows go to the server once they take this many bytes (and whenever the bulk writer settles).
    private static var flushBytes: Int { 4 << 20 }
    /// Expected rows from which a load into an empty table builds its indexes and checks its foreign keys at the end.
    static var bulkLoadRows: Int { 10_000 }

    init(kind: EntityKind, session: PostgresSession, key: @escaping ([DBValue]) throws -> Key) throws {
        let layout = StoredColumns.of(kind)
        self.kind = kind
        self.session = session
        self.key = key
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
            stored[try key(values)] = (feedID, values)
            nextID = max(nextID, feedID + 1)
        }
    }

    func write(
        _ values: [DBValue], key rowKey: RowKey, naturalKey: @autoclosure () -> String, feedID knownFeedID: Int64?,
        audit: any PostgresAuditSink, settle: () throws -> Void
    ) throws -> (WriteOutcome, Int64) {
        guard written.isFirstWrite(of: rowKey) else {
            counts.countDuplicate()
            return (.duplicate, stored.isEmpty ? 0 : stored[try key(values)]?.feedID ?? 0)
        }
        if !stored.isEmpty, let existing = stored[try key(values)] {
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
        if isEmptyAtStart, rows >= Self.bulkLoadRows, !isPreparedForLargeLoad { try prepareForLargeLoad() }
    }

    /// Builds the indexes and adds back the foreign keys dropped for a large load: PostgreSQL checks every row's
    /// uniqueness and references.
    func finish() throws {
        try flush()
        for index in droppedIndexes {
            try session.run(index.definition, context: "building the index \(index.name) of the \(kind.name) loaded")
        }
        droppedIndexes = []
        guard !droppedConstraints.isEmpty else { return }
        let constraints = droppedConstraints.map { "ADD CONSTRAINT \(PostgresAdmin.quoted($0.name)) \($0.definition)" }
        try session.run(
            "ALTER TABLE \(kind.name) \(constraints.joined(separator: ", "))",
            context: "checking the \(kind.name) loaded (\(droppedConstraints.map(\.name).joined(separator: ", ")))")
        droppedConstraints = []
    }

    private func prepareForLargeLoad() throws {
        isPreparedForLargeLoad = true
        // For this transaction only: room to sort the rows for the index builds, and to hash the referenced keys for
        // the foreign-key checks, in memory rather than in temporary files (PostgreSQL's defaults are 64 MB and 4 MB).
        try session.run("SET LOCAL maintenance_work_mem = '512MB'", context: "sizing the index builds of a large load")
        try session.run("SET LOCAL work_mem = '256MB'", context: "sizing the reference checks of a large load")
        // The primary key first, so that it is built again before the foreign keys are checked.
        let constraints = try session.query(
            """
            SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = $1::regclass AND (contype = 'f' OR (contype = 'p' AND NOT EXISTS (
                SELECT 1 FROM pg_constraint r WHERE r.confrelid = $1::regclass AND r.contype = 'f')))
            ORDER BY contype DESC, conname
            """, [.text(kind.name)], context: "reading the constraints of \(kind.name)"
        ).map { (name: try $0.text(at: 0), definition: try $0.text(at: 1)) }
        // Indexes that back no constraint (a primary key's goes with it).
        let indexes = try session.query(
            """
            SELECT c.relname::text, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY 1
            """, [.text(kind.name)], context: "reading the indexes of \(kind.name)"
        ).map { (name: try $0.text(at: 0), definition: try $0.text(at: 1)) }
        if !constraints.isEmpty {
            try session.run(
                "ALTER TABLE \(kind.name) " + constraints.map { "DROP CONSTRAINT \(PostgresAdmin.quoted($0.name))" }.joined(separator: ", "),
                context: "dropping the constraints of \(kind.name) for a large load")
        }
        if !indexes.isEmpty {
            try session.run(
                "DROP INDEX " + indexes.map { PostgresAdmin.quoted($0.name) }.joined(separator: ", "),
                context: "dropping the indexes of \(kind.name) for a large load")
        }
        droppedConstraints = constraints
        droppedIndexes = indexes
    }

    var batchChangedRows: Bool { counts.changedRows }

    func closeBatch() throws -> (summary: String, insertedRange: ClosedRange<Int64>?) {
        try flush()
        return counts.close(feedIDColumn: feedIDColumn)
    }
}
