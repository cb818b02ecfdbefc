import ChannelCore
import ChannelStore

/// Reads canonical records through the SQLite C API on one connection: a page of a query, or one row by its natural
/// or stored key. Used by the store's readers and, inside a bulk write, by the bulk writer (with its executor as
/// the gate, so reads never overlap the insert thread).
struct SQLiteRecordReader {
    let connection: OpaquePointer
    var gate: InsertExecutor? = nil
    /// Where a writer keeps its statements prepared between reads; nil to prepare each query afresh.
    var cache: StatementCache? = nil

    private func statement(_ sql: String) throws -> RawStatement {
        try cache?.statement(sql) ?? RawStatement(sql, connection: connection, gate: gate)
    }

    // MARK: Queries

    /// One page of `query` over `kind`.
    func page(_ kind: EntityKind, _ query: RecordQuery) throws -> RecordPage {
        guard let statement = try RecordStatement.page(kind, query, dialect: .sqlite, currencyDigits: storeCurrencyDigits) else {
            return RecordPage(records: [], nextCursor: nil)
        }
        let found = try runInParts(statement, limit: query.limit + 1)
        let records = found.prefix(query.limit)
        let next = found.count > query.limit ? records.last.map { statement.cursor(after: $0) } : nil
        return RecordPage(records: records.map(\.record), nextCursor: next)
    }

    /// The record of `kind` with natural key `key`, when it exists and lies in `scope`.
    func find(_ kind: EntityKind, key: [String], scope: [String]? = nil) throws -> FoundRecord? {
        guard
            let statement = try RecordStatement.find(kind, key: key, scope: scope, dialect: .sqlite, currencyDigits: storeCurrencyDigits)
        else { return nil }
        return try run(statement, limit: 1).first
    }

    /// The record of `kind` whose stored natural-key columns hold `storedKey`.
    func find(_ kind: EntityKind, storedKey: [DBValue]) throws -> FoundRecord? {
        try run(RecordStatement.find(kind, storedKey: storedKey, dialect: .sqlite), limit: 1).first
    }

    /// The digits of the store's currency (settings), in which money filters are written.
    func storeCurrencyDigits() throws -> Int {
        let statement = try statement("SELECT value FROM settings WHERE key = 'currency'")
        guard case .text(let code) = try statement.firstRow(columns: 1)?.first else { return 2 }
        return RecordText.digits(ofCurrency: code)
    }

    /// Reads a page in natural-key order with conditions in two parts when the key's window is full (see
    /// `RecordStatement`): the window first, then, if it held fewer than `limit` matches, the rest.
    private func runInParts(_ query: RecordStatement, limit: Int) throws -> [FoundRecord] {
        guard let (sql, arguments) = query.windowBoundaryStatement() else { return try run(query, limit: limit) }
        let boundaryStatement = try statement(sql)
        boundaryStatement.bind(arguments)
        // No boundary: fewer keys than a window remain, and the walk over them is short.
        guard let boundary = try boundaryStatement.firstRow(columns: 1)?.first else { return try run(query, limit: limit) }
        let window = try run(query, limit: limit, part: .window(boundary: boundary))
        guard window.count < limit else { return window }
        return window + (try run(query, limit: limit - window.count, part: .rest(boundary: boundary)))
    }

    private func run(_ query: RecordStatement, limit: Int, part: RecordStatement.Part = .whole) throws -> [FoundRecord] {
        let (sql, arguments) = query.statement(limit: limit, part: part)
        let statement = try statement(sql)
        statement.bind(arguments)
        let layout = query.layout
        let columnCount = layout.columns.count
        let keyCount = layout.stored.keyCount
        var found: [FoundRecord] = []
        var digits: [String: Int] = [:]
        try statement.forEachRow { row in
            var index = Int32(columnCount)
            var currencyDigits = 2
            if layout.currency != nil {
                let code = row.text(at: index)
                if let known = digits[code] {
                    currencyDigits = known
                } else {
                    currencyDigits = RecordText.digits(ofCurrency: code)
                    digits[code] = currencyDigits
                }
                index += 1
            }
            let values = layout.columns.enumerated().map { position, column in
                RecordText.text(row.column(at: Int32(position)), column.type, currencyDigits: currencyDigits)
            }
            let cursorValues = (0..<query.cursorWidth).map { row.column(at: index + Int32($0)) }
            index += Int32(query.cursorWidth)
            let feedID = row.integer(at: index)
            let storedKey = (0..<keyCount).map { row.column(at: index + 1 + Int32($0)) }
            let record = Record(kind: layout.kind, values: values, etag: RecordText.etag(layout.kind, values))
            found.append(FoundRecord(record: record, cursorValues: cursorValues, feedID: feedID, storedKey: storedKey))
        }
        return found
    }
}
