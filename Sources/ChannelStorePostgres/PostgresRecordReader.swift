import ChannelCore
import ChannelStore

/// Reads canonical records (`Record`) from PostgreSQL with the statements both backends share (`RecordStatement`,
/// dialect `.postgres`): pages of a query, or one row by its natural or stored key, with references joined back to
/// their natural keys and `RecordText` spelling every value as SQLite's reader does.
struct PostgresRecordReader {
    let session: PostgresSession

    /// One page of `query` over `kind`.
    func page(_ kind: EntityKind, _ query: RecordQuery) throws -> RecordPage {
        guard let statement = try RecordStatement.page(kind, query, dialect: .postgres, currencyDigits: storeCurrencyDigits) else {
            return RecordPage(records: [], nextCursor: nil)
        }
        let found = try run(statement, limit: query.limit + 1)
        let records = found.prefix(query.limit)
        let next = found.count > query.limit ? records.last.map { statement.cursor(after: $0) } : nil
        return RecordPage(records: records.map(\.record), nextCursor: next)
    }

    /// The record of `kind` with natural key `key` (canonical text, in `kind.keyColumns` order), when it exists and lies
    /// in `scope`.
    /// - Throws: `StoreError` `.invalid` when the key has the wrong number of parts or a part does not parse.
    func find(_ kind: EntityKind, key: [String], scope: [String]? = nil) throws -> FoundRecord? {
        guard let statement = try RecordStatement.find(kind, key: key, scope: scope, dialect: .postgres, currencyDigits: storeCurrencyDigits)
        else { return nil }
        return try run(statement, limit: 1).first
    }

    /// The record of `kind` whose stored natural-key columns hold `storedKey`, or nil.
    func find(_ kind: EntityKind, storedKey: [DBValue]) throws -> Record? {
        try run(RecordStatement.find(kind, storedKey: storedKey, dialect: .postgres), limit: 1).first?.record
    }

    /// The digits of the store's currency (settings), in which money filters are written.
    private func storeCurrencyDigits() throws -> Int {
        let rows = try session.query("SELECT value FROM settings WHERE key = 'currency'", context: "reading the store currency")
        guard let code = try rows.first?.optionalText(at: 0) else { return 2 }
        return RecordText.digits(ofCurrency: code)
    }

    private func run(_ statement: RecordStatement, limit: Int) throws -> [FoundRecord] {
        let layout = statement.layout
        let (sql, arguments) = statement.statement(limit: limit)
        let rows = try session.query(sql, arguments, context: "reading records of \(layout.table)")
        let columnCount = layout.columns.count
        let keyCount = layout.stored.keyCount
        return try rows.map { row in
            var index = columnCount
            var digits = 2
            if layout.currency != nil {
                if case .text(let code) = row[index] { digits = RecordText.digits(ofCurrency: code) }
                index += 1
            }
            let values = layout.columns.enumerated().map { position, column in
                RecordText.text(row[position], column.type, currencyDigits: digits)
            }
            let cursorValues = Array(row.values[index..<index + statement.cursorWidth])
            index += statement.cursorWidth
            let feedID = try row.integer(at: index)
            let storedKey = Array(row.values[index + 1..<index + 1 + keyCount])
            let record = Record(kind: layout.kind, values: values, etag: RecordText.etag(layout.kind, values))
            return FoundRecord(record: record, cursorValues: cursorValues, feedID: feedID, storedKey: storedKey)
        }
    }
}
