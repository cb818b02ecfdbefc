/// A pending delivery with what sending it takes: its endpoint's URL and secret, read fresh before every attempt (so
/// a deactivated endpoint gets nothing more).
public struct WebhookTarget: Sendable {
    public var delivery: WebhookDelivery
    public var url: String
    public var secret: WebhookSecret

    public init(delivery: WebhookDelivery, url: String, secret: WebhookSecret) {
        self.delivery = delivery
        self.url = url
        self.secret = secret
    }
}
