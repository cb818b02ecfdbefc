/// Why one value is not acceptable; the caller adds where (file, line, column).
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A short English reason, phrased to follow the value: "is not a whole number".
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
