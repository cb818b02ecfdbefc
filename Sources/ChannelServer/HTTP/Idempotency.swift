import ChannelCore
import ChannelStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `Idempotency-Key` on POST: the first successful answer to a key is kept (per caller) and replayed for a retry
/// of the same request; the same key with a different request is refused. Two retries racing each other may both
/// run; a create then answers the second with 409 (the record exists), never a duplicate.
struct Idempotency {
    let store: any AccountStore
    let clock: @Sendable () -> Instant

    /// A JSON answer as bytes, so that it can be kept.
    struct Reply {
        var status: HTTPResponse.Status
        var body: [UInt8]
        var headers: HTTPFields

        var response: Response {
            var fields = headers
            fields[.contentType] = "application/json; charset=utf-8"
            return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    func respond(
        _ request: Request, _ context: ServerContext, body: ByteBuffer, _ produce: () async throws -> Reply
    ) async throws -> Response {
        guard let key = request.headers[.idempotencyKey] else { return try await produce().response }
        guard (1...255).contains(key.count), let principal = context.principal else {
            throw APIError.invalid("Idempotency-Key must be 1 to 255 characters")
        }
        var hasher = SHA256()
        hasher.update(data: Array("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        hasher.update(data: Array(body.readableBytesView))
        let requestHash = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let caller = principal.actor
        if let stored = try translatingErrors({ try store.storedResponse(user: caller, key: key) }) {
            guard stored.requestHash == requestHash else {
                throw APIError(
                    .unprocessableContent, "idempotency_key_reused",
                    "Idempotency-Key '\(key)' was used for a different request; use a new key for a new request")
            }
            var headers: HTTPFields = [.contentType: stored.contentType]
            headers[HTTPField.Name("Idempotent-Replayed") ?? .via] = "true"
            return Response(
                status: HTTPResponse.Status(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
        }
        let reply = try await produce()
        if (200..<300).contains(reply.status.code) {
            try translatingErrors {
                try store.storeResponse(
                    user: caller, key: key,
                    StoredResponse(
                        requestHash: requestHash, status: reply.status.code, body: reply.body,
                        contentType: "application/json; charset=utf-8", createdAt: clock()))
            }
        }
        return reply.response
    }
}
