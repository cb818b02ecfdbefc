/// The token of a signed-in browser session: 32 random bytes as 64 hex digits, held in the session cookie.
///
/// The store keeps only the token's SHA-256 (`hash`), so a copy of the database does not let anyone sign in.
/// The value prints redacted.
public struct SessionToken: Sendable, CustomStringConvertible {
    /// Hex digits of a token (and of a CSRF token).
    public static let length = 64

    /// The token as the cookie carries it.
    public let value: String

    init(value: String) { self.value = value }

    /// A new random token.
    public static func generate() -> SessionToken { SessionToken(value: Hex.encode(Randomness.bytes(length / 2))) }

    /// Reads the token from a cookie value.
    public init(parsing cookie: String) throws(CredentialError) {
        let text = cookie.trimmingSpaces
        guard Hex.isHex(text, count: Self.length) else {
            throw CredentialError(.malformedSessionToken, "not a Qudao session token: expected 64 hex digits")
        }
        self.init(value: String(text))
    }

    /// SHA-256 (hex) of the token: the key of the session in the store.
    public var hash: String { SHA256Hex.digest(of: value) }

    /// A new random CSRF token (32 bytes as 64 hex digits) for a session; compare the one a request echoes back with
    /// `ConstantTime.equals`.
    public static func makeCSRFToken() -> String { Hex.encode(Randomness.bytes(length / 2)) }

    public var description: String { "session token (redacted)" }
}
