import ChannelAuth
public import ChannelStore
import Crypto
public import Foundation

/// How deliveries are signed, and how a receiver checks them.
///
/// The signature is HMAC-SHA256, keyed with the endpoint's secret (its UTF-8 bytes), over the ASCII unix timestamp, a
/// `.` and the request body's bytes. It is sent as `X-Qudao-Signature: v1=<64 lowercase hex digits>` beside
/// `X-Qudao-Timestamp: <unix seconds>`. Signing the timestamp lets a receiver refuse replays of old requests.
public enum WebhookSignature {
    /// Header carrying the unix time (seconds) at which the request was signed.
    public static let timestampHeader = "X-Qudao-Timestamp"
    /// Header carrying `v1=<hex HMAC>`.
    public static let signatureHeader = "X-Qudao-Signature"
    /// Header carrying the event kind (`alert.raised`, `alert.changed`).
    public static let eventHeader = "X-Qudao-Event"
    /// Header carrying the delivery id, the same for every attempt and replay of one delivery.
    public static let deliveryHeader = "X-Qudao-Delivery"
    /// How far a timestamp may be from the receiver's clock, either way, by default.
    public static let defaultTolerance = Duration.seconds(300)

    /// The prefix of the only signature scheme so far.
    static let schemePrefix = "v1="

    /// The `X-Qudao-Signature` value for a body signed at `timestamp` (unix seconds) with `secret`.
    public static func sign(body: some DataProtocol, timestamp: Int, secret: WebhookSecret) -> String {
        headerValue(body: body, timestampText: String(timestamp), secret: secret)
    }

    /// Checks a received request: the signature must match the body, timestamp and secret, and the timestamp must be
    /// within `tolerance` of `now`. Compares in constant time.
    ///
    /// - Parameters:
    ///   - body: The request body exactly as received.
    ///   - timestamp: The `X-Qudao-Timestamp` header value.
    ///   - signature: The `X-Qudao-Signature` header value.
    ///   - secret: The endpoint's secret.
    ///   - now: The receiver's current time.
    ///   - tolerance: The largest accepted distance between `timestamp` and `now`.
    /// - Throws: ``WebhookSignatureError`` with code `malformed`, `stale` or `mismatch`.
    public static func verify(
        body: some DataProtocol, timestamp: String, signature: String, secret: WebhookSecret, now: Date = Date(),
        tolerance: Duration = defaultTolerance
    ) throws(WebhookSignatureError) {
        guard let seconds = Int(timestamp) else {
            throw WebhookSignatureError(.malformed, "the timestamp is not a whole number of unix seconds")
        }
        guard signature.hasPrefix(schemePrefix), signature.utf8.count == schemePrefix.utf8.count + 64 else {
            throw WebhookSignatureError(.malformed, "the signature is not of the form v1=<64 hex digits>")
        }
        let age = abs(now.timeIntervalSince1970 - Double(seconds))
        guard age <= tolerance.seconds else {
            throw WebhookSignatureError(.stale, "the timestamp is \(Int(age)) s away from now, more than the tolerance")
        }
        // The HMAC covers the header text as received, so "+17…" or "017…" cannot stand in for "17…".
        guard ConstantTime.equals(headerValue(body: body, timestampText: timestamp, secret: secret), signature) else {
            throw WebhookSignatureError(.mismatch, "the signature does not match the body, timestamp and secret")
        }
    }

    /// `v1=` and the HMAC of `<timestampText>.<body>`.
    static func headerValue(body: some DataProtocol, timestampText: String, secret: WebhookSecret) -> String {
        schemePrefix + code(for: [Array("\(timestampText).".utf8), Array(body)], secret: secret)
    }

    /// HMAC-SHA256 of the concatenated parts, as lowercase hex.
    static func code(for parts: [[UInt8]], secret: WebhookSecret) -> String {
        code(for: parts, key: Array(secret.text.utf8))
    }

    /// HMAC-SHA256 of the concatenated parts with a raw key, as lowercase hex.
    static func code(for parts: [[UInt8]], key: [UInt8]) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        for part in parts { hmac.update(data: part) }
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = ""
        for byte in hmac.finalize() {
            text.unicodeScalars.append(digits[Int(byte >> 4)])
            text.unicodeScalars.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
