public import ChannelStore

extension WebhookSecret {
    /// What every generated webhook secret starts with, so that secret scanners and people can recognise one.
    public static let generatedPrefix = "whsec_"

    /// A new random secret: `whsec_` and 32 random bytes as 64 hex digits (256 bits from the system's secure source).
    public static func generate() -> WebhookSecret {
        WebhookSecret(stored: generatedPrefix + Hex.encode(Randomness.bytes(32)))
    }
}
