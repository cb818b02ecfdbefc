import ChannelStore

/// What the bulk writer asks of the writer of one table, whether it loads rows in bulk (`PostgresLoadWriter`, imports)
/// or writes them one by one (`PostgresTableWriter`, writes that audit each row).
protocol PostgresRowWriter: AnyObject {
    /// Writes one row (values in `StoredColumns` order). `feedID` is given for order lines (the order's id); tables
    /// with an `id` get the next one. Returns the outcome and the row's feed id (for an update, the stored row's).
    /// - Parameters:
    ///   - key: the natural key, as the writer tracks it to catch repeats.
    ///   - settle: writes every table's buffered rows, parents first (a row may refer to rows still buffered).
    func write(
        _ values: [DBValue], key: RowKey, naturalKey: @autoclosure () -> String, feedID: Int64?, audit: any PostgresAuditSink,
        settle: () throws -> Void
    ) throws -> (WriteOutcome, Int64)

    /// Sends the rows still buffered to the server.
    func flush() throws

    /// A hint that about `rows` more rows follow.
    func reserve(rows: Int) throws

    /// Whether the current batch inserted or updated anything.
    var batchChangedRows: Bool { get }

    /// Completes the table's work before commit (after every table has settled).
    func finish() throws

    /// Flushes, then returns the batch's counts as JSON (the same text as SQLite's) and zeroes them for the next batch.
    func closeBatch() throws -> (summary: String, insertedRange: ClosedRange<Int64>?)
}
