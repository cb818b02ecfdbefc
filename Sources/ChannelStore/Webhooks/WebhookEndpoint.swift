public import ChannelCore
import Foundation

/// A receiver of webhooks as the store holds it: where deliveries go, which kinds of events it takes, and whether it
/// is active. Its secret is not part of it: the dispatcher reads it with the delivery (``WebhookTarget``), and people
/// see it only once, when the endpoint is created.
public struct WebhookEndpoint: Sendable, Hashable {
    public var id: Int64
    /// A name for people, such as `risk-desk`.
    public var name: String
    /// Where deliveries are POSTed: an absolute `http` or `https` URL with a host.
    public var url: String
    /// The kinds of events it receives, in the order of ``WebhookEventKind/allCases``; never empty.
    public var events: [WebhookEventKind]
    /// Whether it receives deliveries; deactivated endpoints are kept for their delivery history.
    public var isActive: Bool
    public var createdAt: Instant
    /// Who created it (an audit actor: `user:<id>`, `cli:<login>`).
    public var createdBy: String
    /// When it was deactivated; nil while it is active.
    public var deactivatedAt: Instant?

    public init(
        id: Int64, name: String, url: String, events: [WebhookEventKind], isActive: Bool, createdAt: Instant, createdBy: String,
        deactivatedAt: Instant?
    ) {
        self.id = id
        self.name = name
        self.url = url
        self.events = events
        self.isActive = isActive
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.deactivatedAt = deactivatedAt
    }

    /// Whether it receives events of `kind`: it is active and subscribes to the kind.
    public func accepts(_ kind: WebhookEventKind) -> Bool { isActive && events.contains(kind) }

    /// The longest URL accepted, in UTF-8 bytes.
    public static let maximumURLLength = 2_048

    /// Checks an endpoint URL: absolute, `http` or `https`, with a host, without user name or password, at most 2,048
    /// bytes. Returns it as given.
    ///
    /// - Throws: ``FieldError`` saying what is wrong (the reason follows the value: "is not an absolute URL").
    public static func checkURL(_ text: String) throws(FieldError) -> String {
        guard !text.isEmpty else { throw FieldError("is empty; give an http:// or https:// URL") }
        guard text.utf8.count <= maximumURLLength else { throw FieldError("is longer than \(maximumURLLength) bytes") }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw FieldError("is not an absolute URL; give an http:// or https:// URL such as https://hooks.example.com/qudao")
        }
        guard scheme == "http" || scheme == "https" else {
            throw FieldError("has the scheme \(scheme); a webhook URL must start with http:// or https://")
        }
        guard let host = url.host(), !host.isEmpty else { throw FieldError("has no host") }
        guard url.user == nil, url.password == nil else {
            throw FieldError("holds a user name or password; deliveries are authenticated by their signature instead")
        }
        return text
    }

    /// The URL's host, the default name of an endpoint.
    public static func host(of text: String) -> String { URL(string: text)?.host() ?? "webhook" }

    /// The URL's scheme, host and port: what logs may show of it (a path or query can hold a receiver's token).
    public static func origin(of text: String) -> String {
        guard let url = URL(string: text) else { return "(invalid URL)" }
        return "\(url.scheme?.lowercased() ?? "")://\(url.host() ?? "")\(url.port.map { ":\($0)" } ?? "")"
    }
}
