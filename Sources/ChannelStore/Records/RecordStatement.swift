package import ChannelCore

/// One SELECT over a kind's canonical records, built from a `RecordQuery`'s filters, sort, cursor and partner scope, in
/// the SQL of either backend, so that both read the same rows in the same order and write the same cursors.
///
/// Every value is a bound argument; column names and expressions come only from `RecordLayout`, never from input. Where
/// the backends differ the dialect says how: PostgreSQL numbers its parameters (`$1`), puts NULLs last in ascending
/// order (SQLite first), and compares text by its collation (SQLite by bytes), so for PostgreSQL the sort column's
/// NULLs are placed and its text compared as SQLite does.
package struct RecordStatement {
    /// The SQL spoken by the backend that runs the statement.
    package enum Dialect: Sendable {
        case sqlite, postgres
    }

    package let layout: RecordLayout
    package let dialect: Dialect
    private var conditions: [String] = []
    private var arguments: [DBValue] = []
    private var scopeSeeds: [String]?
    /// The column ordered by before the natural key, when it is not the key's first column.
    private var sortColumn: RecordColumn?
    private var descending = false
    /// The normalized sort (`-name`, `name`, or empty for natural-key order), which a cursor must match.
    private var sortSpec = ""

    package init(layout: RecordLayout, dialect: Dialect) {
        self.layout = layout
        self.dialect = dialect
    }

    /// Values per row that a cursor holds: the sort value (if any) and the natural key.
    package var cursorWidth: Int { (sortColumn == nil ? 0 : 1) + layout.keyExpressions.count }

    /// The page size a query asks for, checked against 1...`RecordQuery.maximumLimit`.
    package static func checkLimit(_ limit: Int) throws {
        guard (1...RecordQuery.maximumLimit).contains(limit) else {
            throw StoreError(.invalid, "limit \(limit) is outside 1...\(RecordQuery.maximumLimit)")
        }
    }

    /// The statement of one page of `query`, or nil when the partner scope can see no record of this kind.
    /// - Parameter currencyDigits: reads the digits of the store's currency, in which money filters are written.
    package static func page(
        _ kind: EntityKind, _ query: RecordQuery, dialect: Dialect, currencyDigits: () throws -> Int
    ) throws -> RecordStatement? {
        try checkLimit(query.limit)
        var statement = RecordStatement(layout: RecordLayout.of(kind), dialect: dialect)
        try statement.apply(filters: query.filters, currencyDigits: currencyDigits)
        try statement.order(by: query.sort)
        if let cursor = query.cursor { try statement.resume(after: cursor) }
        return try statement.scope(to: query.partnerScope) ? statement : nil
    }

    /// The statement of the record with natural key `key`, or nil when it lies outside `scope`.
    /// - Throws: `.invalid` when the key has the wrong number of parts or a part does not parse.
    package static func find(
        _ kind: EntityKind, key: [String], scope: [String]?, dialect: Dialect, currencyDigits: () throws -> Int
    ) throws -> RecordStatement? {
        let columns = kind.keyColumns
        guard key.count == columns.count else {
            throw StoreError(
                .invalid, "a key of \(kind.name) has \(columns.count) part(s) (\(columns.joined(separator: ", "))), not \(key.count)")
        }
        var statement = RecordStatement(layout: RecordLayout.of(kind), dialect: dialect)
        try statement.apply(filters: Dictionary(uniqueKeysWithValues: zip(columns, key)), currencyDigits: currencyDigits)
        return try statement.scope(to: scope) ? statement : nil
    }

    /// The statement of the record whose stored natural-key columns hold `storedKey`.
    package static func find(_ kind: EntityKind, storedKey: [DBValue], dialect: Dialect) -> RecordStatement {
        var statement = RecordStatement(layout: RecordLayout.of(kind), dialect: dialect)
        for (column, value) in zip(statement.layout.stored.names, storedKey) {
            statement.conditions.append("t.\(column) = ?")
            statement.arguments.append(value)
        }
        return statement
    }

    /// The lines of an order (a `FoundRecord` of `orders`), as records, walking every page: what a delete of the order
    /// deletes and audits with it.
    package static func lines(ofOrder order: FoundRecord, page: (EntityKind, RecordQuery) throws -> RecordPage) throws -> [Record] {
        var lines: [Record] = []
        var query = RecordQuery(filters: ["order_id": order.record.key.first ?? ""], limit: RecordQuery.maximumLimit)
        while true {
            let found = try page(.orderLines, query)
            lines += found.records
            guard let next = found.nextCursor else { return lines }
            query.cursor = next
        }
    }

    // MARK: Filters

    private mutating func apply(filters: [String: String], currencyDigits: () throws -> Int) throws {
        var digits: Int?
        let cachedDigits = {
            if let digits { return digits }
            let loaded = try currencyDigits()
            digits = loaded
            return loaded
        }
        // Sorted, so the same filters always make the same statement.
        for (name, value) in filters.sorted(by: { $0.key < $1.key }) {
            if let column = layout.column(named: name) {
                try addExact(column, value, currencyDigits: cachedDigits)
                continue
            }
            let bound: (column: String, isLower: Bool)? =
                name.hasSuffix("_from") ? (String(name.dropLast(5)), true) : name.hasSuffix("_to") ? (String(name.dropLast(3)), false) : nil
            guard let bound, let column = layout.column(named: bound.column) else {
                throw StoreError(
                    .invalid,
                    "unknown filter '\(name)' for \(layout.table); columns: \(layout.kind.columns.joined(separator: ", "))")
            }
            guard column.type.isOrdered else {
                throw StoreError(
                    .invalid, "filter '\(name)': column \(column.name) has no range (only instant, date and numeric columns do)")
            }
            guard let stored = try RecordFilterValue.stored(column, value, currencyDigits: cachedDigits) else {
                throw StoreError(.invalid, "filter '\(name)': a range bound cannot be empty")
            }
            conditions.append("t.\(column.stored) \(bound.isLower ? ">=" : "<=") ?")
            arguments.append(stored)
        }
    }

    private mutating func addExact(_ column: RecordColumn, _ value: String, currencyDigits: () throws -> Int) throws {
        if value.isEmpty {
            // An empty filter matches an empty column (text is stored as '' or NULL).
            conditions.append(column.type == .text ? "coalesce(t.\(column.stored), '') = ''" : "t.\(column.stored) IS NULL")
            return
        }
        if case .reference(let kind) = column.type {
            let target = StoredColumns.of(kind).names[0]
            conditions.append("t.\(column.stored) = (SELECT id FROM \(kind.name) WHERE \(target) = ?)")
            arguments.append(.text(value))
            return
        }
        guard let stored = try RecordFilterValue.stored(column, value, currencyDigits: currencyDigits) else { return }
        conditions.append("t.\(column.stored) = ?")
        arguments.append(stored)
    }

    // MARK: Order and cursor

    /// Orders by a canonical column (`-` first for descending) and then the natural key; by the natural key alone
    /// when nil.
    private mutating func order(by sort: String?) throws {
        guard let sort, !sort.isEmpty else { return }
        descending = sort.hasPrefix("-")
        let name = descending ? String(sort.dropFirst()) : sort
        guard let column = layout.column(named: name) else {
            throw StoreError(
                .invalid, "unknown sort column '\(name)' for \(layout.table); columns: \(layout.kind.columns.joined(separator: ", "))")
        }
        sortSpec = (descending ? "-" : "") + name
        // Ordering by the key's first column is the natural-key order.
        if name != layout.kind.keyColumns[0] { sortColumn = column }
    }

    /// The cursor of the page after `found`.
    package func cursor(after found: FoundRecord) -> String {
        RecordCursor(kind: layout.kind.name, sort: sortSpec, values: found.cursorValues.map(RecordCursor.Value.init)).encoded
    }

    /// The sort column's expression, compared as SQLite compares it (by bytes) on either backend.
    private var sortExpression: String? {
        guard let sortColumn else { return nil }
        switch (dialect, sortColumn.type) {
        case (.postgres, .text), (.postgres, .code), (.postgres, .reference), (.postgres, .date):
            return "(\(sortColumn.expression) COLLATE \"C\")"
        default:
            return sortColumn.expression
        }
    }

    /// Continues after the row a cursor of this same query names.
    private mutating func resume(after text: String) throws {
        guard let cursor = RecordCursor(decoding: text), cursor.kind == layout.kind.name, cursor.sort == sortSpec,
            cursor.values.count == cursorWidth
        else {
            throw StoreError(.invalid, "cursor '\(text.prefix(40))' does not belong to this query (\(layout.table), sort '\(sortSpec)')")
        }
        let values = cursor.values.map(\.dbValue)
        let keys = Array(values.suffix(layout.keyExpressions.count))
        let (keyCondition, keyArguments) = after(layout.keyExpressions, keys)
        guard let expression = sortExpression, let sortValue = values.first else {
            conditions.append(keyCondition)
            arguments += keyArguments
            return
        }
        // NULLs come first in ascending order and last in descending order (SQLite's rule, which `sql` gives
        // PostgreSQL too).
        let beyond = descending ? "<" : ">"
        if sortValue == .null {
            if descending {
                conditions.append("(\(expression) IS NULL AND \(keyCondition))")
            } else {
                conditions.append("((\(expression) IS NULL AND \(keyCondition)) OR \(expression) IS NOT NULL)")
            }
            arguments += keyArguments
        } else {
            let nulls = descending ? " OR \(expression) IS NULL" : ""
            conditions.append("(\(expression) \(beyond) ? OR (\(expression) = ? AND \(keyCondition))\(nulls))")
            arguments += [sortValue, sortValue] + keyArguments
        }
    }

    /// `(e1, e2, ...) > (v1, v2, ...)` in the query's direction, spelled so that an index on `e1` bounds the scan.
    private func after(_ expressions: [String], _ values: [DBValue]) -> (String, [DBValue]) {
        guard let first = expressions.first, let value = values.first else { return ("1 = 0", []) }
        let beyond = descending ? "<" : ">"
        if expressions.count == 1 { return ("\(first) \(beyond) ?", [value]) }
        let (rest, restArguments) = after(Array(expressions.dropFirst()), Array(values.dropFirst()))
        return ("(\(first) \(beyond)= ? AND (\(first) \(beyond) ? OR \(rest)))", [value, value] + restArguments)
    }

    // MARK: Scope

    /// Restricts to the records a partner scope may see; false when it can see none of this kind.
    private mutating func scope(to partners: [String]?) throws -> Bool {
        guard let partners else { return true }
        switch layout.scope {
        case .everyone: return true
        case .nobody: return false
        case .partner(let expression):
            guard !partners.isEmpty else { return false }
            scopeSeeds = partners
            conditions.append("\(expression) IN (SELECT id FROM scope)")
            return true
        }
    }

    // MARK: SQL

    /// The statement, reading `limit` rows: the canonical columns, the currency (when the kind has money), the cursor
    /// values (`cursorWidth`), the change-feed id and the stored natural key. Its arguments are `arguments`.
    package func sql(limit: Int) -> String {
        var columns = layout.columns.map(\.expression)
        if let currency = layout.currency { columns.append(currency) }
        if let sortColumn { columns.append(sortColumn.expression) }
        columns += layout.keyExpressions
        columns.append("t.\(layout.stored.feedIDColumn)")
        columns += layout.stored.names[..<layout.stored.keyCount].map { "t.\($0)" }
        let direction = descending ? " DESC" : ""
        var order = layout.keyExpressions.map { $0 + direction }
        if let sortExpression {
            let nulls = dialect == .postgres ? (descending ? " NULLS LAST" : " NULLS FIRST") : ""
            order.insert(sortExpression + direction + nulls, at: 0)
        }
        var sql = ""
        if let scopeSeeds {
            // The scope: the named partners and, recursively, every partner whose parent is in it.
            sql += """
                WITH RECURSIVE scope(id) AS (
                    SELECT id FROM partners WHERE partner_id IN (\(Array(repeating: "?", count: scopeSeeds.count).joined(separator: ", ")))
                    UNION SELECT c.id FROM partners c JOIN scope s ON c.parent_id = s.id)

                """
        }
        sql += "SELECT \(columns.joined(separator: ", ")) FROM \(layout.table) t \(layout.joins)"
        var conditions = conditions
        if dialect == .sqlite, sortColumn == nil, let first = layout.keyExpressions.first {
            // Always true (keys are non-empty text), but it tells SQLite's planner to walk the key's index in order:
            // without it SQLite reads every order line and sorts them all for a first page in natural-key order.
            conditions.append("\(first) >= ''")
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(order.joined(separator: ", ")) LIMIT \(limit)"
        return dialect == .postgres ? Self.numberingParameters(sql) : sql
    }

    /// Every bound value in statement order.
    package var allArguments: [DBValue] { (scopeSeeds ?? []).map(DBValue.text) + arguments }

    /// `?` placeholders as PostgreSQL's `$1, $2, ...`. Safe because no expression of `RecordLayout` and no literal of
    /// this statement contains a `?`: every value is bound.
    private static func numberingParameters(_ sql: String) -> String {
        var result = ""
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
