import ChannelCore
import ChannelStore

/// Reads canonical records (`Record`) from PostgreSQL with the shared `RecordLayout`: the stored columns, references
/// joined back to their natural keys, and `RecordText` spelling every value as SQLite's reader does.
struct PostgresRecordReader {
    let session: PostgresSession

    /// The record of `kind` with natural key `key` (canonical text, in `kind.keyColumns` order), or nil.
    /// - Throws: `StoreError` `.invalid` when the key has the wrong number of parts or a part does not parse.
    func find(_ kind: EntityKind, key: [String]) throws -> Record? {
        let layout = RecordLayout.of(kind)
        let columns = kind.keyColumns
        guard key.count == columns.count else {
            throw StoreError(
                .invalid, "a key of \(kind.name) has \(columns.count) part(s) (\(columns.joined(separator: ", "))), not \(key.count)")
        }
        var binds: [DBValue] = []
        for (column, part) in zip(columns, key) {
            guard let recordColumn = layout.column(named: column) else {
                throw StoreError(.invalid, "\(kind.name) has no key column \(column)")
            }
            switch recordColumn.type {
            case .integer:
                guard let number = Int64(part) else {
                    throw StoreError(.invalid, "\(column) '\(part)' is not a whole number")
                }
                binds.append(.integer(number))
            default:
                binds.append(.text(part))
            }
        }
        let match = layout.keyExpressions.enumerated().map { "\($0.element) = $\($0.offset + 1)" }.joined(separator: " AND ")
        return try run(layout, where: match, binds)
    }

    /// The record of `kind` whose stored natural-key columns hold `storedKey`, or nil.
    func find(_ kind: EntityKind, storedKey: [DBValue]) throws -> Record? {
        let layout = RecordLayout.of(kind)
        let names = layout.stored.names
        let match = storedKey.indices.map { "t.\(names[$0]) = $\($0 + 1)" }.joined(separator: " AND ")
        return try run(layout, where: match, storedKey)
    }

    private func run(_ layout: RecordLayout, where condition: String, _ binds: [DBValue]) throws -> Record? {
        let expressions = layout.columns.map(\.expression) + (layout.currency.map { [$0] } ?? [])
        let rows = try session.query(
            "SELECT \(expressions.joined(separator: ", ")) FROM \(layout.table) t \(layout.joins) WHERE \(condition) LIMIT 1", binds,
            context: "reading a record of \(layout.table)")
        guard let row = rows.first else { return nil }
        var digits = 2
        if layout.currency != nil, case .text(let code) = row[layout.columns.count] {
            digits = RecordText.digits(ofCurrency: code)
        }
        let values = layout.columns.enumerated().map { position, column in
            RecordText.text(row[position], column.type, currencyDigits: digits)
        }
        return Record(kind: layout.kind, values: values, etag: RecordText.etag(layout.kind, values))
    }
}
