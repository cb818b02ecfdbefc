package import ChannelCore

/// One SELECT over a kind's canonical records, built from a `RecordQuery`'s filters, sort, cursor and partner scope, in
/// the SQL of either backend, so that both read the same rows in the same order and write the same cursors.
///
/// Every value is a bound argument; column names and expressions come only from `RecordLayout`, never from input. Where
/// the backends differ the dialect says how: PostgreSQL numbers its parameters (`$1`), puts NULLs last in ascending
/// order (SQLite first), and compares text by its collation (SQLite by bytes), so for PostgreSQL the sort column's
/// NULLs are placed and its text compared as SQLite does.
///
/// In SQLite a page in natural-key order walks the key's index and reads each row it passes. With filters that few rows
/// meet, that walk can read the whole table (every order, to find none): slower than reading the table straight
/// through and sorting what matches, which in turn is slower when many rows match. SQLite's planner cannot tell the two
/// apart (it keeps no statistics on values), so such a page is read in two parts (`Part`): first a walk over a window
/// of the next `windowSize` keys, whose end a walk over the index alone finds; then, only if that window held too few
/// matches, the rows past it, read through and sorted. PostgreSQL's planner has statistics and reads the whole query.
package struct RecordStatement {
    /// The SQL spoken by the backend that runs the statement.
    package enum Dialect: Sendable {
        case sqlite, postgres

        /// Placeholder `number` (from 1): `?` in SQLite, `$number` in PostgreSQL.
        package func placeholder(_ number: Int) -> String { self == .postgres ? "$\(number)" : "?" }
    }

    package let layout: RecordLayout
    package let dialect: Dialect
    private var conditions: [Condition] = []
    private var scopeSeeds: [String]?
    /// The cursor's value of the key's first column (natural-key order only).
    private var cursorFirstKey: DBValue?
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
            statement.conditions.append(Condition("t.\(column) = ?", [value]))
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
            conditions.append(Condition("t.\(column.stored) \(bound.isLower ? ">=" : "<=") ?", [stored]))
        }
    }

    private mutating func addExact(_ column: RecordColumn, _ value: String, currencyDigits: () throws -> Int) throws {
        if value.isEmpty {
            // An empty filter matches an empty column (text is stored as '' or NULL).
            conditions.append(Condition(column.type == .text ? "coalesce(t.\(column.stored), '') = ''" : "t.\(column.stored) IS NULL"))
            return
        }
        if case .reference(let kind) = column.type {
            let target = StoredColumns.of(kind).names[0]
            conditions.append(Condition("t.\(column.stored) = (SELECT id FROM \(kind.name) WHERE \(target) = ?)", [.text(value)]))
            return
        }
        guard let stored = try RecordFilterValue.stored(column, value, currencyDigits: currencyDigits) else { return }
        conditions.append(Condition("t.\(column.stored) = ?", [stored]))
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
            cursorFirstKey = keys.first
            conditions.append(Condition(keyCondition, keyArguments, isCursor: true))
            return
        }
        // NULLs come first in ascending order and last in descending order (SQLite's rule, which `sql` gives
        // PostgreSQL too).
        let beyond = descending ? "<" : ">"
        if sortValue == .null {
            let condition =
                descending
                ? "(\(expression) IS NULL AND \(keyCondition))"
                : "((\(expression) IS NULL AND \(keyCondition)) OR \(expression) IS NOT NULL)"
            conditions.append(Condition(condition, keyArguments, isCursor: true))
        } else {
            let nulls = descending ? " OR \(expression) IS NULL" : ""
            conditions.append(
                Condition(
                    "(\(expression) \(beyond) ? OR (\(expression) = ? AND \(keyCondition))\(nulls))", [sortValue, sortValue] + keyArguments,
                    isCursor: true))
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
            conditions.append(Condition("\(expression) IN (SELECT id FROM scope)"))
            return true
        }
    }

    // MARK: SQL

    /// Which rows of the query a statement reads (see the type's discussion).
    package enum Part: Sendable {
        /// All of them.
        case whole
        /// Those whose first key value lies between the cursor (or the start) and `boundary`, inclusive.
        case window(boundary: DBValue)
        /// Those past `boundary`, read through and sorted.
        case rest(boundary: DBValue)
    }

    /// Keys a window spans: reading that many rows by key costs a few milliseconds.
    package static let windowSize = 20_000

    /// The key's first column, when a page in natural-key order is read in parts: in SQLite, for a query with
    /// conditions other than its cursor, over a kind whose key starts with a column of the table itself (so that its
    /// index alone gives the window).
    private var splitKeyColumn: String? {
        guard dialect == .sqlite, sortColumn == nil, let first = layout.keyExpressions.first, first.hasPrefix("t."),
            scopeSeeds != nil || conditions.contains(where: { !$0.isCursor })
        else { return nil }
        return first
    }

    /// The statement that finds the window's boundary: the first key value `windowSize` rows past the cursor, from the
    /// key's index alone; it returns no row when fewer keys remain. Nil when the query is read whole.
    package func windowBoundaryStatement() -> (sql: String, arguments: [DBValue])? {
        guard let first = splitKeyColumn else { return nil }
        var condition = "\(first) >= ''"
        var arguments: [DBValue] = []
        if let cursorFirstKey {
            // Inclusive: with a key of several columns, rows sharing the cursor's first value may still follow it.
            condition += " AND \(first) \(descending ? "<=" : ">=") ?"
            arguments.append(cursorFirstKey)
        }
        let direction = descending ? "DESC" : "ASC"
        return (
            "SELECT \(first) FROM \(layout.table) t WHERE \(condition) ORDER BY \(first) \(direction) LIMIT 1 OFFSET \(Self.windowSize)",
            arguments
        )
    }

    /// The statement reading `part` of the query, at most `limit` rows: the canonical columns, the currency (when the
    /// kind has money), the cursor values (`cursorWidth`), the change-feed id and the stored natural key; with its
    /// arguments in order (the scope's partners, each condition's values, the part's boundary).
    package func statement(limit: Int, part: Part = .whole) -> (sql: String, arguments: [DBValue]) {
        var columns = layout.columns.map(\.expression)
        if let currency = layout.currency { columns.append(currency) }
        if let sortColumn { columns.append(sortColumn.expression) }
        columns += layout.keyExpressions
        columns.append("t.\(layout.stored.feedIDColumn)")
        columns += layout.stored.names[..<layout.stored.keyCount].map { "t.\($0)" }
        let direction = descending ? " DESC" : ""
        var keyOrder = layout.keyExpressions
        var used = conditions
        if dialect == .sqlite, sortColumn == nil, let first = layout.keyExpressions.first {
            switch part {
            case .whole, .window:
                // Always true (keys are non-empty text), but it tells SQLite's planner to walk the key's index in
                // order: without it SQLite reads every order line and sorts them all for a first page in natural-key
                // order.
                used.append(Condition("\(first) >= ''"))
                if case .window(let boundary) = part { used.append(Condition("\(first) \(descending ? ">=" : "<=") ?", [boundary])) }
            case .rest(let boundary):
                // Every row past the boundary is past the cursor too. Unary `+` keeps SQLite's planner off the key's
                // index, for the bound and the order alike: the table is read through and the matches sorted.
                used.removeAll(where: \.isCursor)
                used.append(Condition("+\(first) \(descending ? "<" : ">") ?", [boundary]))
                keyOrder = keyOrder.map { "+" + $0 }
            }
        }
        var order = keyOrder.map { $0 + direction }
        if let sortExpression {
            let nulls = dialect == .postgres ? (descending ? " NULLS LAST" : " NULLS FIRST") : ""
            order.insert(sortExpression + direction + nulls, at: 0)
        }
        var sql = ""
        var arguments: [DBValue] = []
        if let scopeSeeds {
            // The scope: the named partners and, recursively, every partner whose parent is in it.
            sql += """
                WITH RECURSIVE scope(id) AS (
                    SELECT id FROM partners WHERE partner_id IN (\(Array(repeating: "?", count: scopeSeeds.count).joined(separator: ", ")))
                    UNION SELECT c.id FROM partners c JOIN scope s ON c.parent_id = s.id)

                """
            arguments += scopeSeeds.map(DBValue.text)
        }
        sql += "SELECT \(columns.joined(separator: ", ")) FROM \(layout.table) t \(layout.joins)"
        if !used.isEmpty { sql += " WHERE " + used.map(\.sql).joined(separator: " AND ") }
        arguments += used.flatMap(\.arguments)
        sql += " ORDER BY \(order.joined(separator: ", ")) LIMIT \(limit)"
        return (dialect == .postgres ? Self.numberingParameters(sql) : sql, arguments)
    }

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

/// One condition of a WHERE clause and the values bound to its `?`s.
private struct Condition {
    var sql: String
    var arguments: [DBValue]
    /// Whether it continues after a cursor (a part past the window drops it: the window's boundary lies past it).
    var isCursor: Bool

    init(_ sql: String, _ arguments: [DBValue] = [], isCursor: Bool = false) {
        self.sql = sql
        self.arguments = arguments
        self.isCursor = isCursor
    }
}
