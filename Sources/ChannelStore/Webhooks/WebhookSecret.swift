public import ChannelCore

/// The key an endpoint's deliveries are signed with (HMAC-SHA256), shared with the receiver's operator.
///
/// It is stored as given, because signing needs it, and shown once: in the answer to the endpoint's creation. It never
/// prints: `description`, `debugDescription` and mirrors show `<redacted>`, so interpolating a secret into a log line
/// or an error cannot leak it. The text itself is visible only inside the Qudao package.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The fewest characters a secret may have: shorter ones are too easy to guess.
    public static let minimumLength = 16
    /// The most characters a secret may have.
    public static let maximumLength = 256

    /// The secret as the receiver's operator types it; its UTF-8 bytes are the HMAC key.
    package let text: String

    /// Checks a secret: 16 to 256 printable ASCII characters, no spaces.
    ///
    /// - Throws: ``FieldError`` saying which rule the text breaks (never repeating the text).
    public init(_ text: String) throws(FieldError) {
        guard text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw FieldError("may hold printable ASCII characters only, without spaces")
        }
        guard (Self.minimumLength...Self.maximumLength).contains(text.utf8.count) else {
            throw FieldError("must be \(Self.minimumLength) to \(Self.maximumLength) characters long, not \(text.utf8.count)")
        }
        self.text = text
    }

    /// Wraps a secret read back from the store, which checked it when it was written.
    package init(stored text: String) { self.text = text }

    public var description: String { "<redacted>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
