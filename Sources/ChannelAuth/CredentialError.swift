/// A credential refused before it reaches the store: a weak password, a malformed key or token, an unknown scope.
///
/// The message says why and what to do, and never repeats the credential itself.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Category of a refusal; an open set, like `StoreError.Code`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The password breaks the password policy (or bcrypt's limits).
        public static let weakPassword = Code("weak password")
        /// The text is not an API key of the form `qk_<key id>_<secret>`.
        public static let malformedAPIKey = Code("malformed API key")
        /// The text is not a session token.
        public static let malformedSessionToken = Code("malformed session token")
        /// A scope name that `APIScope` does not know.
        public static let unknownScope = Code("unknown scope")
        /// A bcrypt cost outside 4...31.
        public static let invalidCost = Code("invalid bcrypt cost")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
