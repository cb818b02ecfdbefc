public import ChannelCore

/// The response to a request that carried an `Idempotency-Key`, kept so that a retry gets the same answer.
public struct StoredResponse: Hashable, Sendable, Codable {
    /// A hash of the original request (method, path, body): a retry with the same key but another request is refused.
    public var requestHash: String
    /// The HTTP status code.
    public var status: Int
    public var body: [UInt8]
    public var contentType: String
    public var createdAt: Instant

    public init(requestHash: String, status: Int, body: [UInt8], contentType: String, createdAt: Instant) {
        self.requestHash = requestHash
        self.status = status
        self.body = body
        self.contentType = contentType
        self.createdAt = createdAt
    }
}
