import ChannelCore
import ChannelStore
import Foundation
import Testing

@testable import ChannelNotify

@Suite struct WebhookSignatureTests {
    let secret: WebhookSecret
    let body = Array(#"{"alert":"stock-out","partner":"P000123"}"#.utf8)

    init() throws { secret = try WebhookSecret("whsec_qudao_test_secret") }

    /// RFC 4231, test case 2: the HMAC-SHA256 underneath the signature.
    @Test func hmacMatchesRFC4231() {
        let code = WebhookSignature.code(for: [Array("what do ya want for nothing?".utf8)], key: Array("Jefe".utf8))
        #expect(code == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// The expected value was computed outside Swift, as docs/WEBHOOKS.md shows a receiver doing it:
    /// `printf '%s' '1700000000.{"alert":"stock-out","partner":"P000123"}' | openssl dgst -sha256 -hmac whsec_qudao_test_secret`
    /// and Python's `hmac.new(secret, b"1700000000." + body, hashlib.sha256).hexdigest()` agree.
    @Test func signatureKnownAnswer() {
        let signature = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: secret)
        #expect(signature == "v1=693c556488b92799c568c09d33de4e9d60e263bfbca8bfebd58c779a3e7995ff")
    }

    @Test func verifiesAFreshSignature() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_100)
        let signature = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: secret)
        try WebhookSignature.verify(body: body, timestamp: "1700000000", signature: signature, secret: secret, now: now)
    }

    @Test func tamperedBodyFails() {
        let signature = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: secret)
        let tampered = Array(#"{"alert":"stock-out","partner":"P000124"}"#.utf8)
        let error = #expect(throws: WebhookSignatureError.self) {
            try WebhookSignature.verify(
                body: tampered, timestamp: "1700000000", signature: signature, secret: secret,
                now: Date(timeIntervalSince1970: 1_700_000_000))
        }
        #expect(error?.code == .mismatch)
    }

    @Test func otherSecretOrTimestampFails() throws {
        let signature = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: secret)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let other = try WebhookSecret("whsec_another_secret_entirely")
        #expect(throws: WebhookSignatureError.self) {
            try WebhookSignature.verify(body: body, timestamp: "1700000000", signature: signature, secret: other, now: now)
        }
        #expect(throws: WebhookSignatureError.self) {
            try WebhookSignature.verify(body: body, timestamp: "1700000001", signature: signature, secret: secret, now: now)
        }
        // The same number spelled differently is not the signed text.
        #expect(throws: WebhookSignatureError.self) {
            try WebhookSignature.verify(body: body, timestamp: "+1700000000", signature: signature, secret: secret, now: now)
        }
    }

    @Test(arguments: [-301.0, 301.0, 86_400.0])
    func timestampOutsideToleranceFails(offset: Double) {
        let signature = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: secret)
        let error = #expect(throws: WebhookSignatureError.self) {
            try WebhookSignature.verify(
                body: body, timestamp: "1700000000", signature: signature, secret: secret,
                now: Date(timeIntervalSince1970: 1_700_000_000 + offset))
        }
        #expect(error?.code == .stale)
    }

    @Test func toleranceIsConfigurable() throws {
        let signature = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: secret)
        try WebhookSignature.verify(
            body: body, timestamp: "1700000000", signature: signature, secret: secret,
            now: Date(timeIntervalSince1970: 1_700_003_000), tolerance: .seconds(3600))
    }

    @Test(arguments: [
        ("", "v1=693c556488b92799c568c09d33de4e9d60e263bfbca8bfebd58c779a3e7995ff"),
        ("1700000000", "v0=693c556488b92799c568c09d33de4e9d60e263bfbca8bfebd58c779a3e7995ff"),
        ("1700000000", "v1=693c55"),
        ("1700000000", ""),
    ])
    func malformedHeadersFail(timestamp: String, signature: String) {
        let error = #expect(throws: WebhookSignatureError.self) {
            try WebhookSignature.verify(
                body: body, timestamp: timestamp, signature: signature, secret: secret, now: Date(timeIntervalSince1970: 1_700_000_000))
        }
        #expect(error?.code == .malformed)
    }

    @Test func secretNeverPrints() throws {
        for text in ["\(secret)", String(reflecting: secret), dumped(secret), "\(WebhookSignatureError(.mismatch, "x"))"] {
            #expect(!text.contains("whsec_qudao_test_secret"), "\(text)")
        }
        #expect("\(secret)" == "<redacted>")
        #expect(WebhookEndpoint.origin(of: "https://hooks.example.com/qudao/token-in-path?key=abc") == "https://hooks.example.com")
        #expect(WebhookEndpoint.origin(of: "http://127.0.0.1:8080/x") == "http://127.0.0.1:8080")
    }

    @Test(arguments: [
        "short", "has spaces in the secret", "tab\tin-the-secret-text", "密钥密钥密钥密钥密钥密钥", String(repeating: "x", count: 257),
    ])
    func secretsMustBeLongPrintableASCII(text: String) {
        #expect(throws: FieldError.self) { try WebhookSecret(text) }
    }

    @Test(arguments: ["ftp://example.com/hook", "file:///etc/passwd", "example.com/hook", "http:///no-host", "", "https://user:pw@example.com/"])
    func endpointURLMustBeHTTP(url: String) {
        #expect(throws: FieldError.self) { try WebhookEndpoint.checkURL(url) }
    }

    @Test func acceptsHTTPAndHTTPS() throws {
        #expect(try WebhookEndpoint.checkURL("http://127.0.0.1:8080/hook") == "http://127.0.0.1:8080/hook")
        #expect(try WebhookEndpoint.checkURL("HTTPS://example.com") == "HTTPS://example.com")
    }

    @Test func aNewEndpointNamesEveryWrongField() throws {
        let error = #expect(throws: WebhookFieldErrors.self) {
            try NewWebhookEndpoint(name: nil, url: "ftp://example.com", events: ["alert.raised", "order.created"], secret: "short")
        }
        #expect(error?.problems.map(\.field) == ["url", "events", "secret"])
        #expect(error?.problems.first { $0.field == "secret" }?.value == nil, "a secret is never repeated")
        #expect(error.map { "\($0)" }?.contains("order.created") == true)
        let endpoint = try NewWebhookEndpoint(name: " ", url: "https://hooks.example.com/q", events: [], secret: "0123456789abcdef")
        #expect(endpoint.name == "hooks.example.com")
        #expect(endpoint.events == [.alertRaised, .alertChanged])
        let changes = try NewWebhookEndpoint(
            name: "风控", url: "https://hooks.example.com/q", events: ["alert.changed"], secret: "0123456789abcdef")
        #expect(changes.events == [.alertChanged] && changes.name == "风控")
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
