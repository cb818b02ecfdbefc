import ChannelStore
import NIOCore
import PostgresNIO

/// Rows read as one result row of arrays, one array per column (`array_agg`), for reading whole tables quickly.
///
/// PostgresNIO turns every row and cell of a result into values of their own; for the analytic engine's millions of
/// rows that cost about 3 µs a row of seven columns (most of it reference counting), on the connection's event loop and
/// on the reading thread both, and made the engine's build on PostgreSQL four times as slow as on SQLite. A page as one
/// row of binary arrays is decoded here straight from PostgreSQL's wire format instead (written by hand for that speed;
/// PostgresNIO's own array decoding makes a buffer slice per element).
///
/// The arrays of a page come in the order of its ordered subquery, which PostgreSQL keeps in practice but does not
/// promise (an `ORDER BY` inside each aggregate would sort every column again, several times the cost of the read), so
/// `sorted(byKey:)` checks the order and restores it when it is not so.
struct PostgresColumnPage {
    /// One column's values, NULL as nil.
    enum Column: Equatable {
        case integers([Int64?])
        case texts([String?])

        var count: Int {
            switch self {
            case .integers(let values): values.count
            case .texts(let values): values.count
            }
        }

        /// The values in the order of `permutation` (positions into this column).
        func reordered(_ permutation: [Int]) -> Column {
            switch self {
            case .integers(let values): .integers(permutation.map { values[$0] })
            case .texts(let values): .texts(permutation.map { values[$0] })
            }
        }
    }

    let columns: [Column]
    /// Rows in the page.
    let count: Int

    init(columns: [Column]) throws(StoreError) {
        let count = columns.first?.count ?? 0
        guard columns.allSatisfy({ $0.count == count }) else {
            throw StoreError(.corrupt, "the columns of a page of rows have different lengths (\(columns.map(\.count)))")
        }
        self.columns = columns
        self.count = count
    }

    /// The page in `row`, a row of binary one-dimensional arrays (all NULL, as `array_agg` gives for no rows: an empty
    /// page).
    init(_ row: PostgresRow) throws(StoreError) {
        var columns: [Column] = []
        for cell in row {
            guard var bytes = cell.bytes else {
                columns.append(.integers([]))
                continue
            }
            guard cell.format == .binary else {
                throw StoreError(.corrupt, "column \(cell.columnName) of a page of rows came as text, not as a binary array")
            }
            columns.append(try Self.array(&bytes, column: cell.columnName))
        }
        try self.init(columns: columns)
    }

    /// The page with its rows in ascending order of the integer columns `key` (compared in turn), as they normally
    /// come already; a page with two rows of one key is corrupt.
    func sorted(byKey key: [Int]) throws(StoreError) -> PostgresColumnPage {
        let keys = try key.map { index throws(StoreError) -> [Int64?] in
            guard case .integers(let values) = columns[index] else {
                throw StoreError(.corrupt, "column \(index + 1) of a page of rows is not an integer key")
            }
            return values
        }
        func ascending(_ a: Int, _ b: Int) -> Bool? {
            for values in keys where values[a] != values[b] { return (values[a] ?? .min) < (values[b] ?? .min) }
            return nil
        }
        guard count > 1, !(1..<count).allSatisfy({ ascending($0 - 1, $0) == true }) else { return self }
        let permutation = (0..<count).sorted { ascending($0, $1) == true }
        guard (1..<count).allSatisfy({ ascending(permutation[$0 - 1], permutation[$0]) != nil }) else {
            throw StoreError(.corrupt, "a page of rows holds two rows with the same key")
        }
        return try PostgresColumnPage(columns: columns.map { $0.reordered(permutation) })
    }

    /// Row `index` of the page, read as a stored row is.
    func row(_ index: Int) -> Row { Row(page: self, index: index) }

    /// One row of a page.
    struct Row: StoreRow {
        let page: PostgresColumnPage
        let index: Int

        func optionalInteger(at column: Int) throws -> Int64? {
            guard case .integers(let values) = page.columns[column] else { throw mismatch(column, "an integer") }
            return values[index]
        }

        func integer(at column: Int) throws -> Int64 { try present(optionalInteger(at: column), column, "an integer") }

        func optionalText(at column: Int) throws -> String? {
            guard case .texts(let values) = page.columns[column] else { throw mismatch(column, "text") }
            return values[index]
        }

        func text(at column: Int) throws -> String { try present(optionalText(at: column), column, "text") }

        func optionalReal(at column: Int) throws -> Double? {
            try optionalInteger(at: column).map(Double.init)
        }

        private func present<Value>(_ value: Value?, _ column: Int, _ expected: String) throws -> Value {
            guard let value else { throw mismatch(column, "\(expected), not NULL") }
            return value
        }

        private func mismatch(_ column: Int, _ expected: String) -> StoreError {
            StoreError(.corrupt, "column \(column + 1) of row \(index + 1) of a page of rows is not \(expected)")
        }
    }

    /// PostgreSQL's binary array: dimensions, a has-NULLs flag, the element type's OID, each dimension's length and
    /// lower bound, then each element as its length (-1 for NULL) and bytes.
    private static func array(_ bytes: inout ByteBuffer, column: String) throws(StoreError) -> Column {
        func malformed(_ why: String) -> StoreError {
            StoreError(.corrupt, "column \(column) of a page of rows is not a binary array PostgreSQL sends: \(why)")
        }
        guard let dimensions = bytes.readInteger(as: Int32.self), bytes.readInteger(as: Int32.self) != nil,
            let elementType = bytes.readInteger(as: UInt32.self)
        else { throw malformed("its header is cut short") }
        guard dimensions <= 1 else { throw malformed("it has \(dimensions) dimensions, not one") }
        var length = 0
        if dimensions == 1 {
            guard let count = bytes.readInteger(as: Int32.self), count >= 0, bytes.readInteger(as: Int32.self) != nil else {
                throw malformed("its length is cut short")
            }
            length = Int(count)
        }
        switch elementType {
        case 20, 23, 21:  // int8, int4, int2
            var values: [Int64?] = []
            values.reserveCapacity(length)
            for _ in 0..<length {
                guard let size = bytes.readInteger(as: Int32.self) else { throw malformed("an element is cut short") }
                switch size {
                case -1: values.append(nil)
                case 8: values.append(bytes.readInteger(as: Int64.self))
                case 4: values.append(bytes.readInteger(as: Int32.self).map(Int64.init))
                case 2: values.append(bytes.readInteger(as: Int16.self).map(Int64.init))
                default: throw malformed("an integer element has \(size) bytes")
                }
                guard size == -1 || values[values.count - 1] != nil else { throw malformed("an element is cut short") }
            }
            return .integers(values)
        case 25, 1043:  // text, varchar
            var values: [String?] = []
            values.reserveCapacity(length)
            for _ in 0..<length {
                guard let size = bytes.readInteger(as: Int32.self) else { throw malformed("an element is cut short") }
                if size == -1 {
                    values.append(nil)
                    continue
                }
                guard size >= 0, let text = bytes.readString(length: Int(size)) else { throw malformed("an element is cut short") }
                values.append(text)
            }
            return .texts(values)
        default:
            throw malformed("its elements' type (OID \(elementType)) is neither an integer nor text")
        }
    }
}
