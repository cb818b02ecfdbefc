import ChannelCore
import ChannelStore
import GRDBSQLite

/// Upserts rows of one table by natural key and keeps the counts of the current batch.
///
/// A table that was empty when the transaction first touched it is written in "fresh" mode: rows are buffered
/// and inserted many per statement (SQLite's per-statement cost dominates single-row inserts), with keys checked
/// for repeats in memory. Otherwise every row is looked up by its natural key first, compared, and inserted, or
/// updated with an audit event and a change-feed entry only when a value differs. A writer that audits each row
/// (API writes) never loads fresh: every insert gets its own `create` event, with the row read back as a record.
final class TableWriter {
    let kind: EntityKind
    /// Stored columns in bind order (without the surrogate `id`); the natural key columns come first.
    let columns: [String]
    let keyCount: Int
    /// Column whose value identifies the row in the change feed (`id`, or the parent's id for keyed tables).
    let feedIDColumn: String
    let isFresh: Bool
    /// Every inserted row gets a `create` event, and per-row images are canonical records (see `AuditSink`).
    let auditsEachRow: Bool

    /// Whether the table has an integer `id` the writer assigns (else the feed id comes with each row).
    private var hasRowID: Bool { feedIDColumn == "id" }
    private let connection: OpaquePointer
    private let insertOne: RawStatement
    /// The inserts of a fresh load: one row, and `rowsPerStatement` rows.
    private let freshInserts: (one: RawStatement, many: RawStatement)?
    private let select: RawStatement
    private let update: RawStatement
    private static let rowsPerStatement = 128
    /// Rows handed to the executor's thread at a time in a direct load.
    private static let directRowsPerJob = 1024
    private var directRowIDs: [Int64] = []
    private var buffer: [DBValue] = []
    private var bufferedRows = 0
    private var nextID: Int64
    /// Keys written in this transaction, to catch repeats.
    private var written = WrittenKeys()

    private var counts = BatchCounts()

    private let executor: InsertExecutor
    /// The natural-key index dropped for a fresh load, to build again in `finish`.
    private let naturalKeyIndex: (name: String, create: String)?
    /// A fresh load's rows written as b-tree pages directly (`DirectLoad`), instead of through INSERT statements,
    /// on the direct load's own worker thread.
    private let direct: DirectTable?
    private let directWorker: InsertExecutor?

    init(
        kind: EntityKind, columns: [String], keyCount: Int, feedIDColumn: String = "id", connection: OpaquePointer,
        executor: InsertExecutor, statements: StatementCache, auditsEachRow: Bool = false, directLoad: DirectLoad? = nil
    ) throws {
        self.executor = executor
        self.auditsEachRow = auditsEachRow
        self.kind = kind
        self.columns = columns
        self.keyCount = keyCount
        self.feedIDColumn = feedIDColumn
        self.connection = connection
        let table = kind.name
        let stored = (feedIDColumn == "id" ? ["id"] : []) + columns
        let tuple = { (count: Int) in "(" + Array(repeating: "?", count: count).joined(separator: ", ") + ")" }
        insertOne = try statements.statement("INSERT INTO \(table) (\(stored.joined(separator: ", "))) VALUES \(tuple(stored.count))")
        let keyMatch = columns[..<keyCount].map { "\($0) = ?" }.joined(separator: " AND ")
        select = try statements.statement("SELECT \(feedIDColumn), \(columns.joined(separator: ", ")) FROM \(table) WHERE \(keyMatch)")
        let assignments = columns[keyCount...].map { "\($0) = ?" }.joined(separator: ", ")
        update = try statements.statement("UPDATE \(table) SET \(assignments) WHERE \(keyMatch)")
        if auditsEachRow {
            isFresh = false
        } else {
            let probe = try RawStatement("SELECT EXISTS (SELECT 1 FROM \(table))", connection: connection, gate: executor)
            isFresh = try probe.firstRow(columns: 1) == [.integer(0)]
        }
        direct = isFresh ? try directLoad?.table(kind, columns: columns) : nil
        directWorker = direct == nil ? nil : directLoad?.worker
        if isFresh, direct == nil {
            // A fresh load leaves the rowid to SQLite: it then appends without first searching the table for the id,
            // a quarter of the insert cost. Its ids are the same as `nextID` (max + 1, rows in order); `finish` checks.
            let freshInsert = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            freshInserts = (
                one: try RawStatement(freshInsert + tuple(columns.count), connection: connection, gate: executor),
                many: try RawStatement(
                    freshInsert + Array(repeating: tuple(columns.count), count: Self.rowsPerStatement).joined(separator: ", "),
                    connection: connection, gate: executor))
        } else {
            // Only a fresh load buffers rows; a 128-row statement is dear to prepare for a write of one row.
            freshInserts = nil
        }
        // Loading an empty table: drop its natural-key index now and build it in one sorted pass at the end
        // (`finish`), instead of inserting every key into it on the way. Repeats are caught in memory meanwhile,
        // and the rebuild itself fails on any repeat that got through. A rollback restores the index.
        naturalKeyIndex = isFresh && direct == nil ? SQLiteMigrations.naturalKeyIndex(kind) : nil
        let maxID = feedIDColumn == "id" ? try statements.statement("SELECT coalesce(max(id), 0) FROM \(table)").firstRow(columns: 1) : nil
        if case .integer(let value) = maxID?.first { nextID = value + 1 } else { nextID = 1 }
        if let naturalKeyIndex {
            try check(try RawStatement("DROP INDEX \(naturalKeyIndex.name)", connection: connection, gate: executor).execute(),
                "preparing to load \(table)")
        }
    }

    /// Writes one row. `feedID` is given for keyed tables (the parent's id); rowid tables get the next id.
    /// Returns the outcome and the row's feed id (for an update, the stored row's).
    /// `encode` appends the row's values in column order; in fresh mode straight into the statement buffer, so a
    /// row costs no array of its own.
    func write(
        key: RowKey, naturalKey: @autoclosure () -> String, feedID knownFeedID: Int64? = nil, audit: some AuditSink,
        encode: (inout [DBValue]) -> Void
    ) throws -> (WriteOutcome, Int64) {
        if isFresh {
            guard written.isFirstWrite(of: key) else {
                counts.countDuplicate()
                return (.duplicate, 0)
            }
            let feedID = assignFeedID(knownFeedID)
            encode(&buffer)
            bufferedRows += 1
            if direct != nil {
                directRowIDs.append(feedID)
                if bufferedRows == Self.directRowsPerJob { try flush() }
                counts.countInsert(feedID)
                return (.inserted, feedID)
            }
            if bufferedRows == Self.rowsPerStatement { try flush() }
            counts.countInsert(feedID)
            return (.inserted, feedID)
        }
        var values: [DBValue] = []
        values.reserveCapacity(columns.count)
        encode(&values)
        for (index, value) in values[..<keyCount].enumerated() { select.bind(value, at: Int32(index + 1)) }
        guard let existing = try select.firstRow(columns: columns.count + 1) else {
            guard written.isFirstWrite(of: key) else {
                counts.countDuplicate()
                return (.duplicate, 0)
            }
            let feedID = assignFeedID(knownFeedID)
            insertOne.bind((hasRowID ? [.integer(feedID)] : []) + values)
            try check(insertOne.execute(), "inserting into \(kind.name)")
            counts.countInsert(feedID)
            if auditsEachRow {
                try audit.recordCreate(kind, key: naturalKey(), rowID: feedID, storedKey: Array(values[..<keyCount]))
            }
            return (.inserted, feedID)
        }
        guard case .integer(let feedID) = existing[0] else {
            throw StoreError(.constraint, "a row of \(kind.name) has no \(feedIDColumn)")
        }
        guard written.isFirstWrite(of: key) else {
            counts.countDuplicate()
            return (.duplicate, feedID)
        }
        let before = Array(existing[1...])
        if before == values {
            counts.countUnchanged()
            return (.unchanged, feedID)
        }
        let storedKey = Array(values[..<keyCount])
        // Per-row writes are audited as canonical records (the API's view); imports as the stored row.
        let beforeImage = try auditsEachRow ? audit.recordImage(kind, storedKey: storedKey) : JSONText.object(columns, before)
        for (index, value) in values[keyCount...].enumerated() { update.bind(value, at: Int32(index + 1)) }
        for (index, value) in storedKey.enumerated() {
            update.bind(value, at: Int32(columns.count - keyCount + index + 1))
        }
        try check(update.execute(), "updating \(kind.name)")
        let afterImage = try auditsEachRow ? audit.recordImage(kind, storedKey: storedKey) : JSONText.object(columns, values)
        try audit.recordUpdate(kind, key: naturalKey(), rowID: feedID, before: beforeImage, after: afterImage)
        counts.countUpdate()
        return (.updated, feedID)
    }

    /// Rebuilds the natural-key index dropped for a fresh load; call once every row is inserted.
    func finish() throws {
        try completeLoad()
        try flush()  // rows a caller wrote after declaring the load complete
        try executor.finishJobs()
        try directWorker?.finishJobs()  // a failure there must stop the commit
        if isFresh, hasRowID, direct == nil {
            let last = try RawStatement("SELECT coalesce(max(id), 0) FROM \(kind.name)", connection: connection, gate: executor)
                .firstRow(columns: 1)
            guard last == [.integer(nextID - 1)] else {
                throw StoreError(.constraint, "\(kind.name): SQLite assigned other row ids than the writer counted")
            }
        }
    }

    private var isLoadComplete = false

    /// No more rows of this table follow: writes the rest of the buffer and queues the rebuild of the natural-key
    /// index on the insert thread, so it runs while the next table's rows are being prepared.
    func completeLoad() throws {
        guard !isLoadComplete else { return }
        isLoadComplete = true
        try flush()
        if let direct, let directWorker {
            // Sorting and paging the table's index entries runs while the next table's rows are being prepared.
            try directWorker.submit(context: "building the natural-key index of \(kind.name)") { try direct.finish() }
        }
        guard let naturalKeyIndex else { return }
        // Kept by this writer: a statement must not be freed on the insert thread (its deinit waits for that
        // thread to be idle).
        let build = try RawStatement(naturalKeyIndex.create, connection: connection, gate: executor)
        indexBuild = build
        try executor.submit(build, [], context: "building the natural-key index of \(kind.name)")
    }

    private var indexBuild: RawStatement?

    /// Inserts the buffered rows: whole statements of `rowsPerStatement` rows, the rest one by one.
    func flush() throws {
        if let direct, let directWorker, bufferedRows > 0 {
            // The rows go to the executor's thread, which turns them into records and pages while this one goes on.
            let rows = buffer
            let rowIDs = directRowIDs
            let width = columns.count
            try directWorker.submit(context: "loading \(kind.name)") { try direct.append(rows: rows, width: width, rowIDs: rowIDs) }
            buffer.removeAll(keepingCapacity: true)
            directRowIDs.removeAll(keepingCapacity: true)
            bufferedRows = 0
            return
        }
        guard bufferedRows > 0, let freshInserts else { return }
        let width = columns.count
        if bufferedRows == Self.rowsPerStatement {
            // Full statements run on the executor's thread while this one encodes the next rows.
            try executor.submit(freshInserts.many, buffer, context: "inserting into \(kind.name)")
        } else {
            for row in 0..<bufferedRows {
                for column in 0..<width { freshInserts.one.bind(buffer[row * width + column], at: Int32(column + 1)) }
                try check(freshInserts.one.execute(), "inserting into \(kind.name)")
            }
        }
        buffer.removeAll(keepingCapacity: true)
        bufferedRows = 0
    }

    /// Counts a row the caller found to repeat an earlier key.
    func countDuplicate() -> WriteOutcome {
        counts.countDuplicate()
        return .duplicate
    }

    /// Forgets the keys written so far, so that the next write of one of them is not counted as a repeat.
    func forgetWrittenKeys() {
        written.removeAll()
    }

    private func assignFeedID(_ known: Int64?) -> Int64 {
        if let known { return known }
        defer { nextID += 1 }
        return nextID
    }

    /// Turns a failed step into a `StoreError` carrying SQLite's message (a constraint the checks above missed).
    private func check(_ code: Int32, _ context: String) throws {
        guard code != SQLITE_DONE else { return }
        throw RawStatement.error(connection, code, context: context)
    }

    /// Whether the current batch inserted or updated anything.
    var batchChangedRows: Bool { counts.changedRows }

    /// Flushes, then returns the batch's counts as JSON and zeroes them for the next batch.
    func closeBatch() throws -> (summary: String, insertedRange: ClosedRange<Int64>?) {
        try flush()
        return counts.close(feedIDColumn: feedIDColumn)
    }
}

/// Where a table writer records per-row audit events and change-feed entries.
protocol AuditSink {
    /// Records an updated row: an `update` event with its images and a change-feed entry for `rowID`.
    func recordUpdate(_ kind: EntityKind, key: String, rowID: Int64, before: String, after: String) throws
    /// Records an inserted row of a writer that audits each row: a `create` event with the row read back as a
    /// record, and a change-feed entry for `rowID`.
    func recordCreate(_ kind: EntityKind, key: String, rowID: Int64, storedKey: [DBValue]) throws
    /// The stored row with these natural-key columns, as a canonical record in JSON.
    func recordImage(_ kind: EntityKind, storedKey: [DBValue]) throws -> String
}
