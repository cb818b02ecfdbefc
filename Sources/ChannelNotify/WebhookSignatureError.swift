/// Why a received webhook request does not verify. The message says what is wrong and never repeats a secret or a
/// signature.
public struct WebhookSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Category of a refusal; an open set, so new codes do not break callers' `switch` statements.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The timestamp or signature header is missing its expected form (`v1=<64 hex digits>`).
        public static let malformed = Code("malformed signature")
        /// The signature does not match the body, timestamp and secret.
        public static let mismatch = Code("signature mismatch")
        /// The timestamp is further from now than the replay tolerance.
        public static let stale = Code("stale timestamp")
        public var description: String { name }
    }

    /// The category.
    public var code: Code
    /// What is wrong, for people.
    public var message: String

    /// An error of the given category.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
