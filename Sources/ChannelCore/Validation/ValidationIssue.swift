/// One broken rule of a record: the field (column) and why.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// The column name in the canonical layout (`qty`, `parent_id`, ...).
    public var field: String
    public var reason: String

    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field) \(reason)" }
}
