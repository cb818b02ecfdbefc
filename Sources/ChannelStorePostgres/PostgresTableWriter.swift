import ChannelCore
import ChannelStore

/// Upserts rows of one table by natural key inside the bulk writer's transaction and keeps the counts of the current
/// batch: the same outcomes as SQLite's `TableWriter`.
///
/// A table that was empty when the transaction first touched it (and whose writer does not audit each row) is loaded
/// "fresh": rows are buffered and inserted many per statement, with keys checked for repeats in memory. Otherwise
/// every row is looked up by its natural key first, compared, and inserted, or updated with an audit event and a
/// change-feed entry only when a value differs.
final class PostgresTableWriter {
    let kind: EntityKind
    /// Stored columns in bind order (without the surrogate `id`); the natural key columns come first.
    let columns: [String]
    let keyCount: Int
    /// Column whose value identifies the row in the change feed (`id`, or the parent's id for order lines).
    let feedIDColumn: String
    let isFresh: Bool
    let auditsEachRow: Bool

    private var hasRowID: Bool { feedIDColumn == "id" }
    private let session: PostgresSession
    /// `$n::type` for each stored column (and `id` first when the writer assigns it): an all-NULL column of a
    /// multi-row VALUES list would otherwise be typed as text.
    private let placeholderTypes: [String]
    private let rowsPerStatement: Int
    private var buffer: [DBValue] = []
    private var bufferedRows = 0
    private var nextID: Int64
    /// Keys written in this transaction, to catch repeats.
    private var seen: Set<[DBValue]> = []

    private var counts = BatchCounts()

    init(kind: EntityKind, session: PostgresSession, auditsEachRow: Bool) throws {
        let layout = StoredColumns.of(kind)
        self.kind = kind
        columns = layout.names
        keyCount = layout.keyCount
        feedIDColumn = layout.feedIDColumn
        self.session = session
        self.auditsEachRow = auditsEachRow
        let table = kind.name
        let types = try session.query(
            "SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
            [.text(table)], context: "reading the columns of \(table)")
        var typeOf: [String: String] = [:]
        for row in types { typeOf[try row.text(at: 0)] = try row.text(at: 1) }
        let stored = (layout.feedIDColumn == "id" ? ["id"] : []) + layout.names
        placeholderTypes = try stored.map { column in
            guard let type = typeOf[column] else {
                throw StoreError(.corrupt, "\(table) has no column \(column); the database does not match this Qudao's schema")
            }
            return type
        }
        rowsPerStatement = max(1, 20_000 / stored.count)
        if auditsEachRow {
            isFresh = false
        } else {
            let probe = try session.query(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM \(table)) THEN 1 ELSE 0 END", context: "looking into \(table)")
            isFresh = try probe.first?.integer(at: 0) == 0
        }
        if layout.feedIDColumn == "id" {
            let maxID = try session.query("SELECT coalesce(max(id), 0) FROM \(table)", context: "reading the last id of \(table)")
            nextID = try (maxID.first?.integer(at: 0) ?? 0) + 1
        } else {
            nextID = 1
        }
    }

    /// Writes one row (values in `columns` order). `feedID` is given for order lines (the order's id); tables with
    /// an `id` get the next one. Returns the outcome and the row's feed id (for an update, the stored row's).
    /// - Parameter settle: writes every table's buffered rows, parents first, before this writer runs a statement
    ///   of its own (a row may refer to rows still buffered).
    func write(
        _ values: [DBValue], naturalKey: @autoclosure () -> String, feedID knownFeedID: Int64? = nil, audit: any PostgresAuditSink,
        settle: () throws -> Void
    ) throws -> (WriteOutcome, Int64) {
        let key = Array(values[..<keyCount])
        if isFresh {
            guard seen.insert(key).inserted else {
                counts.countDuplicate()
                return (.duplicate, 0)
            }
            let feedID = assignFeedID(knownFeedID)
            if hasRowID { buffer.append(.integer(feedID)) }
            buffer.append(contentsOf: values)
            bufferedRows += 1
            counts.countInsert(feedID)
            if bufferedRows >= rowsPerStatement { try settle() }
            return (.inserted, feedID)
        }
        try settle()
        let keyMatch = (0..<keyCount).map { "\(columns[$0]) = $\($0 + 1)" }.joined(separator: " AND ")
        let existing = try session.query(
            "SELECT \(feedIDColumn), \(columns.joined(separator: ", ")) FROM \(kind.name) WHERE \(keyMatch)", key,
            context: "looking up \(kind.name) \(naturalKey())"
        ).first
        guard let existing else {
            guard seen.insert(key).inserted else {
                counts.countDuplicate()
                return (.duplicate, 0)
            }
            let feedID = assignFeedID(knownFeedID)
            try insert((hasRowID ? [.integer(feedID)] : []) + values, rows: 1, context: "inserting \(kind.name) \(naturalKey())")
            counts.countInsert(feedID)
            if auditsEachRow { try audit.recordCreate(kind, key: naturalKey(), rowID: feedID, storedKey: key) }
            return (.inserted, feedID)
        }
        let feedID = try existing.integer(at: 0)
        guard seen.insert(key).inserted else {
            counts.countDuplicate()
            return (.duplicate, feedID)
        }
        let before = Array(existing.values[1...])
        if before == values {
            counts.countUnchanged()
            return (.unchanged, feedID)
        }
        // Per-row writes are audited as canonical records (the API's view); imports as the stored row.
        let beforeImage = try auditsEachRow ? audit.recordImage(kind, storedKey: key) : JSONText.object(columns, before)
        let assignments = (keyCount..<columns.count).enumerated().map { position, column in
            "\(columns[column]) = $\(position + 1)::\(placeholderTypes[hasRowID ? column + 1 : column])"
        }.joined(separator: ", ")
        let keyAfterValues = (0..<keyCount).map { "\(columns[$0]) = $\(columns.count - keyCount + $0 + 1)" }.joined(separator: " AND ")
        try session.run(
            "UPDATE \(kind.name) SET \(assignments) WHERE \(keyAfterValues)", Array(values[keyCount...]) + key,
            context: "updating \(kind.name) \(naturalKey())")
        let afterImage = try auditsEachRow ? audit.recordImage(kind, storedKey: key) : JSONText.object(columns, values)
        try audit.recordUpdate(kind, key: naturalKey(), rowID: feedID, before: beforeImage, after: afterImage)
        counts.countUpdate()
        return (.updated, feedID)
    }

    /// Inserts the buffered rows of a fresh load.
    func flush() throws {
        guard bufferedRows > 0 else { return }
        try insert(buffer, rows: bufferedRows, context: "inserting \(bufferedRows) row(s) into \(kind.name)")
        buffer.removeAll(keepingCapacity: true)
        bufferedRows = 0
    }

    /// Forgets the keys written so far, so that the next write of one of them is not counted as a repeat.
    func forgetWrittenKeys() { seen.removeAll() }

    /// Counts a row the caller found to repeat an earlier key.
    func countDuplicate() -> WriteOutcome {
        counts.countDuplicate()
        return .duplicate
    }

    /// Whether the current batch inserted or updated anything.
    var batchChangedRows: Bool { counts.changedRows }

    /// Flushes, then returns the batch's counts as JSON (the same text as SQLite's) and zeroes them for the next batch.
    func closeBatch() throws -> (summary: String, insertedRange: ClosedRange<Int64>?) {
        try flush()
        return counts.close(feedIDColumn: feedIDColumn)
    }

    private func insert(_ values: [DBValue], rows: Int, context: @autoclosure () -> String) throws {
        let width = placeholderTypes.count
        let stored = (hasRowID ? ["id"] : []) + columns
        var tuples: [String] = []
        tuples.reserveCapacity(rows)
        for row in 0..<rows {
            let placeholders = (0..<width).map { "$\(row * width + $0 + 1)::\(placeholderTypes[$0])" }
            tuples.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        try session.run(
            "INSERT INTO \(kind.name) (\(stored.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))", values,
            context: context())
    }

    private func assignFeedID(_ known: Int64?) -> Int64 {
        if let known { return known }
        defer { nextID += 1 }
        return nextID
    }

}

/// Where a table writer records per-row audit events and change-feed entries.
protocol PostgresAuditSink {
    /// Records an updated row: an `update` event with its images and a change-feed entry for `rowID`.
    func recordUpdate(_ kind: EntityKind, key: String, rowID: Int64, before: String, after: String) throws
    /// Records an inserted row of a writer that audits each row: a `create` event with the row read back as a record,
    /// and a change-feed entry for `rowID`.
    func recordCreate(_ kind: EntityKind, key: String, rowID: Int64, storedKey: [DBValue]) throws
    /// The stored row with these natural-key columns, as a canonical record in JSON.
    func recordImage(_ kind: EntityKind, storedKey: [DBValue]) throws -> String
}
