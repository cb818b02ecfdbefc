import ChannelCore
import Foundation

/// The body of every webhook request: `{"id", "type", "created_at", "data": {"alert": …}}`, the alert as the API
/// returns it.
struct WebhookPayload: Encodable, Sendable {
    struct Contents: Encodable, Sendable {
        var alert: Alert
    }

    var id: String
    var type: String
    var createdAt: String
    var data: Contents

    init(id: String, type: String, createdAt: String, alert: Alert) {
        self.id = id
        self.type = type
        self.createdAt = createdAt
        data = Contents(alert: alert)
    }

    enum CodingKeys: String, CodingKey {
        case id, type, data
        case createdAt = "created_at"
    }

    /// The payload as the API writes JSON (sorted keys).
    func json() throws -> String { String(decoding: try JSONEncoder.api.encode(self), as: UTF8.self) }
}
