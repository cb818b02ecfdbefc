/// A failure of the store, with a category code, a message fit for an operator, and the underlying cause.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// Category of a store failure; an open set so backends can add codes without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let notFound = Code("not found")
        public static let conflict = Code("conflict")
        public static let constraint = Code("constraint violated")
        public static let unavailable = Code("unavailable")
        public static let migration = Code("migration")
        public static let io = Code("input/output")
        /// Stored data that breaks the schema's own rules (written by something other than Qudao).
        public static let corrupt = Code("corrupt data")
        /// A request the store cannot run as asked: an unknown column, a value that does not parse, a bad cursor.
        public static let invalid = Code("invalid request")
        /// A conditional write whose condition (an If-Match entity tag) no longer holds.
        public static let preconditionFailed = Code("precondition failed")
        public var description: String { name }
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        if let underlying { return "\(message) (\(underlying))" }
        return message
    }
}
