import ChannelCore
import ChannelStore
import GRDBSQLite

/// Upserts rows of one table by natural key and keeps the counts of the current batch.
///
/// A table that was empty when the transaction first touched it is written in "fresh" mode: plain inserts,
/// with a duplicate key surfacing as a constraint error. Otherwise every row is looked up first, compared,
/// and updated (with an audit event and a change-feed entry) only when a value differs.
final class TableWriter {
    let kind: EntityKind
    /// Stored columns in bind order; the natural key columns come first.
    let columns: [String]
    let keyCount: Int
    /// Column whose value identifies the row in the change feed (`id`, or `order_id` for order lines).
    let feedIDColumn: String

    private let insert: RawStatement
    private let select: RawStatement
    private let update: RawStatement
    private let connection: OpaquePointer
    let isFresh: Bool
    /// Rows written in this transaction, by feed id or packed key, to catch duplicates in upsert mode.
    private var touched: Set<Int64> = []

    private(set) var inserted = 0
    private(set) var updated = 0
    private(set) var unchanged = 0
    private(set) var duplicates = 0
    private(set) var insertedRange: ClosedRange<Int64>?

    init(kind: EntityKind, columns: [String], keyCount: Int, feedIDColumn: String = "id", connection: OpaquePointer) throws {
        self.kind = kind
        self.columns = columns
        self.keyCount = keyCount
        self.feedIDColumn = feedIDColumn
        self.connection = connection
        let table = kind.name
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let keyMatch = columns[..<keyCount].map { "\($0) = ?" }.joined(separator: " AND ")
        insert = try RawStatement(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", connection: connection)
        select = try RawStatement(
            "SELECT \(feedIDColumn), \(columns.joined(separator: ", ")) FROM \(table) WHERE \(keyMatch)", connection: connection)
        let assignments = columns[keyCount...].map { "\($0) = ?" }.joined(separator: ", ")
        update = try RawStatement("UPDATE \(table) SET \(assignments) WHERE \(keyMatch)", connection: connection)
        let probe = try RawStatement("SELECT EXISTS (SELECT 1 FROM \(table))", connection: connection)
        isFresh = try probe.firstRow(columns: 1) == [.integer(0)]
    }

    /// Writes one row. `feedID` is known up front for order lines (the order's id); for other tables it is the
    /// rowid SQLite assigns. `touchKey` identifies the row among this transaction's writes when `feedID` alone
    /// does not (order lines). Returns the outcome and the row's feed id.
    func write(
        _ values: [DBValue], key naturalKey: @autoclosure () -> String, feedID knownFeedID: Int64? = nil,
        touchKey: Int64? = nil, audit: any AuditSink
    ) throws
        -> (WriteOutcome, Int64)
    {
        if isFresh { return try insertRow(values, knownFeedID: knownFeedID) }
        for (index, value) in values[..<keyCount].enumerated() { select.bind(value, at: Int32(index + 1)) }
        guard let existing = try select.firstRow(columns: columns.count + 1) else {
            let (outcome, feedID) = try insertRow(values, knownFeedID: knownFeedID)
            touched.insert(touchKey ?? feedID)
            return (outcome, feedID)
        }
        guard case .integer(let feedID) = existing[0] else {
            throw StoreFailure(code: SQLITE_MISMATCH, message: "\(kind.name) row without an id")
        }
        guard touched.insert(touchKey ?? feedID).inserted else {
            duplicates += 1
            return (.duplicate, feedID)
        }
        let before = Array(existing[1...])
        if before == values {
            unchanged += 1
            return (.unchanged, feedID)
        }
        for (index, value) in values[keyCount...].enumerated() { update.bind(value, at: Int32(index + 1)) }
        for (index, value) in values[..<keyCount].enumerated() {
            update.bind(value, at: Int32(columns.count - keyCount + index + 1))
        }
        let code = update.execute()
        guard code == SQLITE_DONE else {
            throw RawStatement.error(connection, code, context: "updating \(kind.name)")
        }
        try audit.recordUpdate(
            kind, key: naturalKey(), rowID: feedID, before: JSONText.object(columns, before), after: JSONText.object(columns, values))
        updated += 1
        return (.updated, feedID)
    }

    private func insertRow(_ values: [DBValue], knownFeedID: Int64?) throws -> (WriteOutcome, Int64) {
        insert.bind(values)
        let code = insert.execute()
        guard code == SQLITE_DONE else {
            let failure = RawStatement.error(connection, code, context: "inserting into \(kind.name)")
            let extended = sqlite3_extended_errcode(connection)
            // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY are C macros Swift does not import.
            if extended == SQLITE_CONSTRAINT | (8 << 8) || extended == SQLITE_CONSTRAINT | (6 << 8) {
                duplicates += 1
                return (.duplicate, knownFeedID ?? 0)
            }
            throw failure
        }
        let feedID = knownFeedID ?? sqlite3_last_insert_rowid(connection)
        inserted += 1
        if let range = insertedRange {
            insertedRange = min(range.lowerBound, feedID)...max(range.upperBound, feedID)
        } else {
            insertedRange = feedID...feedID
        }
        return (.inserted, feedID)
    }

    /// The batch's counts as JSON, then zeroed for the next batch.
    func closeBatch() -> (summary: String, insertedRange: ClosedRange<Int64>?) {
        let range = insertedRange
        var fields = ["\"inserted\":\(inserted)", "\"updated\":\(updated)", "\"unchanged\":\(unchanged)", "\"duplicates\":\(duplicates)"]
        if let range { fields.append("\"inserted_\(feedIDColumn)_range\":[\(range.lowerBound),\(range.upperBound)]") }
        inserted = 0
        updated = 0
        unchanged = 0
        duplicates = 0
        insertedRange = nil
        return ("{" + fields.joined(separator: ",") + "}", range)
    }
}

/// Where a table writer records per-row audit events and change-feed entries.
protocol AuditSink {
    func recordUpdate(_ kind: EntityKind, key: String, rowID: Int64, before: String, after: String) throws
}
