/// Prepared statements of one connection, by SQL text, for a writer that runs the same few queries many times.
///
/// Preparing is the dearest part of a one-row query here: besides SQLite's parser, GRDB's authorizer (installed
/// on every connection it opens) is called back for each column the statement reads. A group commit reads a
/// record back for every write, so its writer keeps them prepared.
final class StatementCache {
    let connection: OpaquePointer
    private let gate: InsertExecutor?
    private var statements: [String: RawStatement] = [:]

    init(connection: OpaquePointer, gate: InsertExecutor?) {
        self.connection = connection
        self.gate = gate
    }

    /// The statement for `sql`, prepared on first use. It is reset after each use (`firstRow`, `forEachRow`,
    /// `execute`), so one statement never serves two callers at once as long as none nests a use of the same SQL.
    func statement(_ sql: String) throws -> RawStatement {
        if let statement = statements[sql] { return statement }
        let statement = try RawStatement(sql, connection: connection, gate: gate)
        statements[sql] = statement
        return statement
    }
}
