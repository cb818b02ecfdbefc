import ChannelCore
import ChannelStore

/// One SELECT over a kind's canonical columns, built up from filters, an order, a cursor and a scope.
///
/// Every value is a bound argument; column names and expressions come only from `RecordLayout`, never from input.
///
/// A page in natural-key order walks the key's index and reads each row it passes. With filters that few rows meet,
/// that walk can read the whole table (every order, to find none) — slower than reading the table straight through
/// and sorting what matches, which in turn is slower when many rows match. SQLite's planner cannot tell the two cases
/// apart (it has no statistics on values), so such a page is read in two parts (`Part`): first a walk over a window of
/// the next `windowSize` keys, whose end a walk over the index alone finds; then, only if that window held too few
/// matches, the rows beyond it, read through and sorted.
struct RecordSelect {
    let layout: RecordLayout
    private var conditions: [Condition] = []
    private var scopeSeeds: [String]?
    /// The cursor's value of the key's first column (natural-key order only).
    private var cursorFirstKey: DBValue?
    /// The column ordered by before the natural key, when it is not the key's first column.
    private var sortColumn: RecordColumn?
    private var descending = false
    /// The normalized sort (`-name`, `name`, or empty for natural-key order), which a cursor must match.
    private var sortSpec = ""

    init(layout: RecordLayout) { self.layout = layout }

    /// Values per row that a cursor holds: the sort value (if any) and the natural key.
    var cursorWidth: Int { (sortColumn == nil ? 0 : 1) + layout.keyExpressions.count }

    // MARK: Filters

    mutating func apply(filters: [String: String], reader: SQLiteRecordReader) throws {
        var currencyDigits: Int?
        // Sorted, so the same filters always make the same statement.
        for (name, value) in filters.sorted(by: { $0.key < $1.key }) {
            if let column = layout.column(named: name) {
                try addExact(column, value, currencyDigits: { try Self.cached(&currencyDigits, reader.storeCurrencyDigits) })
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
            guard let stored = try Self.storedValue(column, value, currencyDigits: {
                try Self.cached(&currencyDigits, reader.storeCurrencyDigits)
            }) else {
                throw StoreError(.invalid, "filter '\(name)': a range bound cannot be empty")
            }
            conditions.append(Condition("t.\(column.stored) \(bound.isLower ? ">=" : "<=") ?", [stored]))
        }
    }

    private static func cached(_ value: inout Int?, _ load: () throws -> Int) throws -> Int {
        if let value { return value }
        let loaded = try load()
        value = loaded
        return loaded
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
        guard let stored = try Self.storedValue(column, value, currencyDigits: currencyDigits) else { return }
        conditions.append(Condition("t.\(column.stored) = ?", [stored]))
    }

    /// A filter value as the stored column holds it; nil for an empty value.
    /// - Throws: `.invalid` naming the column when the value does not parse as that column's type.
    private static func storedValue(_ column: RecordColumn, _ value: String, currencyDigits: () throws -> Int) throws -> DBValue? {
        guard !value.isEmpty else { return nil }
        func invalid(_ reason: String) -> StoreError {
            StoreError(.invalid, "filter on \(column.name): '\(value)' \(reason)")
        }
        do {
            switch column.type {
            case .text, .reference: return .text(value)
            case .code(let codes):
                guard codes.contains(value) else { throw invalid("is not one of: \(codes.joined(separator: ", "))") }
                return .text(value)
            case .integer:
                guard let number = Int64(value) else { throw invalid("is not a whole number") }
                return .integer(number)
            case .money:
                let digits = try currencyDigits()
                let decimal = try ExactDecimal(parsing: value)
                guard decimal.scale <= digits, let units = decimal.scaled(to: digits) else {
                    throw invalid("has more than \(digits) decimal places")
                }
                return .integer(units)
            case .discount:
                return .integer(Int64(try DiscountRate(parsing: value).partsPerMillion))
            case .thousandths:
                let decimal = try ExactDecimal(parsing: value)
                guard decimal.scale <= 3, let units = decimal.scaled(to: 3) else { throw invalid("has more than 3 decimal places") }
                return .integer(units)
            case .instant:
                return .integer(try Instant(iso8601: value).millisecondsSinceEpoch)
            case .date:
                return .text(try CalendarDay(parsing: value).description)
            }
        } catch let error as FieldError {
            throw invalid(error.reason)
        }
    }

    /// Matches the stored natural-key columns (the bulk writer's own key values).
    mutating func match(storedKey: [DBValue]) {
        for (column, value) in zip(layout.stored.names, storedKey) {
            conditions.append(Condition("t.\(column) = ?", [value]))
        }
    }

    // MARK: Order and cursor

    /// Orders by a canonical column (`-` first for descending) and then the natural key; by the natural key alone
    /// when nil.
    mutating func order(by sort: String?) throws {
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

    /// The cursor of the page after `record`.
    func cursor(after found: FoundRecord) -> String {
        RecordCursor(kind: layout.kind.name, sort: sortSpec, values: found.cursorValues.map(RecordCursor.Value.init)).encoded
    }

    /// Continues after the row a cursor of this same query names.
    mutating func resume(after text: String) throws {
        guard let cursor = RecordCursor(decoding: text), cursor.kind == layout.kind.name, cursor.sort == sortSpec,
            cursor.values.count == cursorWidth
        else {
            throw StoreError(.invalid, "cursor '\(text.prefix(40))' does not belong to this query (\(layout.table), sort '\(sortSpec)')")
        }
        let values = cursor.values.map(\.dbValue)
        let keys = Array(values.suffix(layout.keyExpressions.count))
        let (keyCondition, keyArguments) = after(layout.keyExpressions, keys)
        guard let sortColumn, let sortValue = values.first else {
            cursorFirstKey = keys.first
            conditions.append(Condition(keyCondition, keyArguments, isCursor: true))
            return
        }
        // SQLite puts NULLs first in ascending order and last in descending order.
        let expression = sortColumn.expression
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
        guard let first = expressions.first, let value = values.first else { return ("0", []) }
        let beyond = descending ? "<" : ">"
        if expressions.count == 1 { return ("\(first) \(beyond) ?", [value]) }
        let (rest, restArguments) = after(Array(expressions.dropFirst()), Array(values.dropFirst()))
        return ("(\(first) \(beyond)= ? AND (\(first) \(beyond) ? OR \(rest)))", [value, value] + restArguments)
    }

    // MARK: Scope

    /// Restricts to the records a partner scope may see; false when it can see none of this kind.
    mutating func scope(to partners: [String]?) throws -> Bool {
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
    enum Part {
        /// All of them.
        case whole
        /// Those whose first key value lies between the cursor (or the start) and `boundary`, inclusive.
        case window(boundary: DBValue)
        /// Those beyond `boundary`, read through and sorted.
        case rest(boundary: DBValue)
    }

    /// Keys a window spans: reading that many rows by key costs a few milliseconds.
    static let windowSize = 20_000

    /// The key's first column, when a page in natural-key order may be read in parts: the query has conditions other
    /// than its cursor, and the key starts with a column of the table itself (so its index alone gives the window).
    var splitKeyColumn: String? {
        guard sortColumn == nil, let first = layout.keyExpressions.first, first.hasPrefix("t."),
            scopeSeeds != nil || conditions.contains(where: { !$0.isCursor })
        else { return nil }
        return first
    }

    /// The statement that finds the window's boundary: the first key value `windowSize` rows past the cursor, from the
    /// key's index alone; it returns no row when fewer keys remain. Nil when the query is not read in parts.
    func windowBoundaryStatement() -> (sql: String, arguments: [DBValue])? {
        guard let first = splitKeyColumn else { return nil }
        let direction = descending ? "DESC" : "ASC"
        var condition = "\(first) >= ''"
        var arguments: [DBValue] = []
        if let cursorFirstKey {
            // Inclusive: with a key of several columns, rows sharing the cursor's first value may still follow it.
            condition += " AND \(first) \(descending ? "<=" : ">=") ?"
            arguments.append(cursorFirstKey)
        }
        return (
            "SELECT \(first) FROM \(layout.table) t WHERE \(condition) ORDER BY \(first) \(direction) LIMIT 1 OFFSET \(Self.windowSize)",
            arguments
        )
    }

    /// The statement reading `part` of the query, at most `limit` rows, with its arguments in order: the scope's
    /// partners, then each condition's values, then the part's boundary.
    func statement(limit: Int, part: Part = .whole) -> (sql: String, arguments: [DBValue]) {
        var columns = layout.columns.map(\.expression)
        if let currency = layout.currency { columns.append(currency) }
        if let sortColumn { columns.append(sortColumn.expression) }
        columns += layout.keyExpressions
        columns.append("t.\(layout.stored.feedIDColumn)")
        columns += layout.stored.names[..<layout.stored.keyCount].map { "t.\($0)" }
        let direction = descending ? " DESC" : ""
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
        var used = conditions
        var keyOrder = layout.keyExpressions
        if sortColumn == nil, let first = layout.keyExpressions.first {
            switch part {
            case .whole, .window:
                // Always true (keys are non-empty text), but it tells the planner to walk the key's index in order:
                // without it SQLite reads every order line and sorts them all for a first page in natural-key order.
                used.append(Condition("\(first) >= ''"))
                if case .window(let boundary) = part { used.append(Condition("\(first) \(descending ? ">=" : "<=") ?", [boundary])) }
            case .rest(let boundary):
                // Every row past the boundary is past the cursor too. Unary `+` keeps the planner off the key's index,
                // for the bound and the order alike: the table is read through and the matches sorted.
                used.removeAll(where: \.isCursor)
                used.append(Condition("+\(first) \(descending ? "<" : ">") ?", [boundary]))
                keyOrder = keyOrder.map { "+" + $0 }
            }
        }
        let order = ((sortColumn.map { [$0.expression] } ?? []) + keyOrder).map { $0 + direction }
        if !used.isEmpty { sql += " WHERE " + used.map(\.sql).joined(separator: " AND ") }
        arguments += used.flatMap(\.arguments)
        sql += " ORDER BY \(order.joined(separator: ", ")) LIMIT \(limit)"
        return (sql, arguments)
    }
}

/// One condition of a WHERE clause and the values bound to its `?`s.
private struct Condition {
    var sql: String
    var arguments: [DBValue] = []
    /// Whether it continues after a cursor (a part beyond the window drops it: the window's boundary lies past it).
    var isCursor = false

    init(_ sql: String, _ arguments: [DBValue] = [], isCursor: Bool = false) {
        self.sql = sql
        self.arguments = arguments
        self.isCursor = isCursor
    }
}
