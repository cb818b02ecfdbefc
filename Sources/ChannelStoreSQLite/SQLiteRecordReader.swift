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
        guard (1...RecordQuery.maximumLimit).contains(query.limit) else {
            throw StoreError(.invalid, "limit \(query.limit) is outside 1...\(RecordQuery.maximumLimit)")
        }
        let layout = RecordLayout.of(kind)
        var select = RecordSelect(layout: layout)
        try select.apply(filters: query.filters, reader: self)
        try select.order(by: query.sort)
        if let cursor = query.cursor { try select.resume(after: cursor) }
        guard try select.scope(to: query.partnerScope) else { return RecordPage(records: [], nextCursor: nil) }
        let found = try runInParts(select, limit: query.limit + 1)
        let records = found.prefix(query.limit)
        let next = found.count > query.limit ? records.last.map { select.cursor(after: $0) } : nil
        return RecordPage(records: records.map(\.record), nextCursor: next)
    }

    /// The record of `kind` with natural key `key`, when it exists and lies in `scope`.
    func find(_ kind: EntityKind, key: [String], scope: [String]? = nil) throws -> FoundRecord? {
        let columns = kind.keyColumns
        guard key.count == columns.count else {
            throw StoreError(
                .invalid, "a key of \(kind.name) has \(columns.count) part(s) (\(columns.joined(separator: ", "))), not \(key.count)")
        }
        var select = RecordSelect(layout: RecordLayout.of(kind))
        try select.apply(filters: Dictionary(uniqueKeysWithValues: zip(columns, key)), reader: self)
        guard try select.scope(to: scope) else { return nil }
        return try run(select, limit: 1).first
    }

    /// The record of `kind` whose stored natural-key columns hold `storedKey`.
    func find(_ kind: EntityKind, storedKey: [DBValue]) throws -> FoundRecord? {
        var select = RecordSelect(layout: RecordLayout.of(kind))
        select.match(storedKey: storedKey)
        return try run(select, limit: 1).first
    }

    /// The digits of the store's currency (settings), in which money filters are written.
    func storeCurrencyDigits() throws -> Int {
        let statement = try statement("SELECT value FROM settings WHERE key = 'currency'")
        guard case .text(let code) = try statement.firstRow(columns: 1)?.first else { return 2 }
        return RecordText.digits(ofCurrency: code)
    }

    /// Reads a page in natural-key order with conditions in two parts when the key's window is full (see
    /// `RecordSelect`): the window first, then, if it held fewer than `limit` matches, the rest.
    private func runInParts(_ select: RecordSelect, limit: Int) throws -> [FoundRecord] {
        guard let (sql, arguments) = select.windowBoundaryStatement() else { return try run(select, limit: limit) }
        let boundaryStatement = try statement(sql)
        boundaryStatement.bind(arguments)
        // No boundary: fewer keys than a window remain, and the walk over them is short.
        guard let boundary = try boundaryStatement.firstRow(columns: 1)?.first else { return try run(select, limit: limit) }
        let window = try run(select, limit: limit, part: .window(boundary: boundary))
        guard window.count < limit else { return window }
        return window + (try run(select, limit: limit - window.count, part: .rest(boundary: boundary)))
    }

    private func run(_ select: RecordSelect, limit: Int, part: RecordSelect.Part = .whole) throws -> [FoundRecord] {
        let (sql, arguments) = select.statement(limit: limit, part: part)
        let statement = try statement(sql)
        statement.bind(arguments)
        let layout = select.layout
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
            let cursorValues = (0..<select.cursorWidth).map { row.column(at: index + Int32($0)) }
            index += Int32(select.cursorWidth)
            let feedID = row.integer(at: index)
            let storedKey = (0..<keyCount).map { row.column(at: index + 1 + Int32($0)) }
            let record = Record(kind: layout.kind, values: values, etag: RecordText.etag(layout.kind, values))
            found.append(FoundRecord(record: record, cursorValues: cursorValues, feedID: feedID, storedKey: storedKey))
        }
        return found
    }
}
