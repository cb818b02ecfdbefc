/// An API key as a client presents it: `qk_<key id>_<secret>`.
///
/// The key id (12 characters of lowercase base32, 60 random bits) is public: it names the key in listings, logs and
/// audit events. The secret (32 random bytes as 64 hex digits) is shown once, when the key is created; the store keeps
/// only its SHA-256. The value prints redacted (`qk_<key id>_…`), so interpolating it into a log line cannot leak it.
public struct APIKeySecret: Sendable, CustomStringConvertible {
    /// What every Qudao API key starts with, so that secret scanners and people can recognise one.
    public static let prefix = "qk_"
    /// Characters of a key id.
    public static let keyIDLength = 12
    /// Hex digits of a secret.
    public static let secretLength = 64

    /// The lowercase base32 alphabet of RFC 4648.
    static let keyIDAlphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// The public identifier of the key.
    public let keyID: String
    let secret: String

    init(keyID: String, secret: String) {
        self.keyID = keyID
        self.secret = secret
    }

    /// A new random key.
    public static func generate() -> APIKeySecret {
        APIKeySecret(
            keyID: Randomness.string(keyIDLength, from: keyIDAlphabet), secret: Hex.encode(Randomness.bytes(secretLength / 2)))
    }

    /// Reads a key presented by a client (an `Authorization: Bearer` header, say); surrounding spaces are ignored.
    public init(parsing presented: String) throws(CredentialError) {
        let text = presented.trimmingSpaces
        let idStart = text.utf8.index(text.startIndex, offsetBy: Self.prefix.utf8.count, limitedBy: text.endIndex)
        guard text.utf8.count == Self.prefix.utf8.count + Self.keyIDLength + 1 + Self.secretLength,
            text.hasPrefix(Self.prefix), let idStart
        else { throw Self.malformed }
        let idEnd = text.utf8.index(idStart, offsetBy: Self.keyIDLength)
        let keyID = text[idStart..<idEnd]
        let secret = text[text.utf8.index(after: idEnd)...]
        guard text.utf8[idEnd] == UInt8(ascii: "_"), Self.isKeyID(keyID), Hex.isHex(secret, count: Self.secretLength)
        else { throw Self.malformed }
        self.init(keyID: String(keyID), secret: String(secret))
    }

    /// The key as the client must send it. Show it once, at creation, and never log it.
    public var presented: String { Self.prefix + keyID + "_" + secret }

    /// SHA-256 (hex) of the secret: what the store keeps.
    public var secretHash: String { SHA256Hex.digest(of: secret) }

    /// Whether this key's secret is the one whose hash the store keeps (compared in constant time).
    public func matches(secretHash stored: String) -> Bool { ConstantTime.equals(secretHash, stored) }

    public var description: String { Self.prefix + keyID + "_…" }

    /// Whether `text` has the form of a key id (12 characters of lowercase base32).
    public static func isKeyID(_ text: some StringProtocol) -> Bool {
        text.count == keyIDLength && text.allSatisfy { keyIDAlphabet.contains($0) }
    }

    static let malformed = CredentialError(
        .malformedAPIKey,
        "not a Qudao API key: expected qk_, a 12-character key id, _ and a 64-digit hex secret")
}

extension String {
    /// The text without spaces, tabs and line breaks at either end.
    var trimmingSpaces: Substring {
        let start = firstIndex(where: { !$0.isWhitespace }) ?? endIndex
        let end = lastIndex(where: { !$0.isWhitespace }).map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
