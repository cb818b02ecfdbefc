import ChannelCore
import ChannelStore

/// Writes rows of one table one by one, for bulk writes that audit each row (API and UI writes: a handful of rows):
/// every row is looked up by its natural key first, compared, and inserted (a `create` event with the row read back as
/// a record), or updated with an `update` event and a change-feed entry only when a value differs. The same outcomes
/// as SQLite's `TableWriter`; imports go through `PostgresLoadWriter`.
final class PostgresTableWriter: PostgresRowWriter {
    let kind: EntityKind
    /// Stored columns in bind order (without the surrogate `id`); the natural key columns come first.
    let columns: [String]
    let keyCount: Int
    /// Column whose value identifies the row in the change feed (`id`, or the parent's id for order lines).
    let feedIDColumn: String

    private var hasRowID: Bool { feedIDColumn == "id" }
    private let session: PostgresSession
    /// `$n::type` for each stored column (and `id` first when the writer assigns it), so that a NULL bind has the
    /// column's type.
    private let placeholderTypes: [String]
    private var nextID: Int64
    /// Keys written in this transaction, to catch repeats.
    private var seen: Set<[DBValue]> = []

    private var counts = BatchCounts()

    init(kind: EntityKind, session: PostgresSession) throws {
        let layout = StoredColumns.of(kind)
        self.kind = kind
        columns = layout.names
        keyCount = layout.keyCount
        feedIDColumn = layout.feedIDColumn
        self.session = session
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
        if layout.feedIDColumn == "id" {
            let maxID = try session.query("SELECT coalesce(max(id), 0) FROM \(table)", context: "reading the last id of \(table)")
            nextID = try (maxID.first?.integer(at: 0) ?? 0) + 1
        } else {
            nextID = 1
        }
    }

    /// Settles the other tables first: the look-up and the insert run statements of their own.
    func write(
        _ values: [DBValue], key _: RowKey, naturalKey: @autoclosure () -> String, feedID knownFeedID: Int64?, audit: any PostgresAuditSink,
        settle: () throws -> Void
    ) throws -> (WriteOutcome, Int64) {
        let key = Array(values[..<keyCount])
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
            try insert((hasRowID ? [.integer(feedID)] : []) + values, context: "inserting \(kind.name) \(naturalKey())")
            counts.countInsert(feedID)
            try audit.recordCreate(kind, key: naturalKey(), rowID: feedID, storedKey: key)
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
        // Per-row writes are audited as canonical records (the API's view).
        let beforeImage = try audit.recordImage(kind, storedKey: key)
        let assignments = (keyCount..<columns.count).enumerated().map { position, column in
            "\(columns[column]) = $\(position + 1)::\(placeholderTypes[hasRowID ? column + 1 : column])"
        }.joined(separator: ", ")
        let keyAfterValues = (0..<keyCount).map { "\(columns[$0]) = $\(columns.count - keyCount + $0 + 1)" }.joined(separator: " AND ")
        try session.run(
            "UPDATE \(kind.name) SET \(assignments) WHERE \(keyAfterValues)", Array(values[keyCount...]) + key,
            context: "updating \(kind.name) \(naturalKey())")
        let afterImage = try audit.recordImage(kind, storedKey: key)
        try audit.recordUpdate(kind, key: naturalKey(), rowID: feedID, before: beforeImage, after: afterImage)
        counts.countUpdate()
        return (.updated, feedID)
    }

    /// Every row is written as it comes: nothing to flush.
    func flush() throws {}

    func reserve(rows: Int) {}

    func finish() {}

    var batchChangedRows: Bool { counts.changedRows }

    func closeBatch() throws -> (summary: String, insertedRange: ClosedRange<Int64>?) {
        counts.close(feedIDColumn: feedIDColumn)
    }

    private func insert(_ values: [DBValue], context: @autoclosure () -> String) throws {
        let stored = (hasRowID ? ["id"] : []) + columns
        let placeholders = placeholderTypes.indices.map { "$\($0 + 1)::\(placeholderTypes[$0])" }
        try session.run(
            "INSERT INTO \(kind.name) (\(stored.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))", values,
            context: context())
    }

    private func assignFeedID(_ known: Int64?) -> Int64 {
        if let known { return known }
        defer { nextID += 1 }
        return nextID
    }
}
