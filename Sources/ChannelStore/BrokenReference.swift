/// A record's reference that cannot be written: the referred row does not exist in the store or the current
/// transaction, or it exists but does not fit (an outlet of another partner).
///
/// Bulk writers throw it instead of writing a dangling or inconsistent reference; an importer turns it into a
/// rejected row.
public struct BrokenReference: Error, Sendable, Equatable, CustomStringConvertible {
    /// The referring column, e.g. `order_id`.
    public var column: String
    /// The natural key written in that column.
    public var value: String
    /// Why, phrased to follow the column: "refers to unknown order".
    public var reason: String

    public init(column: String, value: String, reason: String) {
        self.column = column
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(column) '\(value)' \(reason)" }
}
