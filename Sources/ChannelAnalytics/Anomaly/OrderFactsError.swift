/// Why a set of columns cannot be read as ``OrderFacts``.
public enum OrderFactsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A column's length differs from the other columns of its table.
    case lengthMismatch(column: String, expected: Int, actual: Int)
    /// A position in `column` at `row` points outside the table it refers to.
    case positionOutOfRange(column: String, row: Int)

    public var description: String {
        switch self {
        case .lengthMismatch(let column, let expected, let actual):
            "\(column) has \(actual) values, expected \(expected)"
        case .positionOutOfRange(let column, let row):
            "\(column) at row \(row) points outside its table"
        }
    }
}
