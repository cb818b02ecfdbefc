import AsyncHTTPClient
import ChannelStore
import Foundation
// AsyncHTTPClient's request and response types are NIO's (TimeAmount, HTTPHeaders, HTTPMethod).
import NIOCore
import NIOHTTP1

/// What one HTTP request of a delivery came to.
struct AttemptResponse: Sendable {
    /// The status, or why there was none.
    var outcome: WebhookAttempt.Outcome
    /// The receiver's `Retry-After`, when it sent one in seconds.
    var retryAfter: Duration?
}

extension HTTPClient {
    /// Sends one signed attempt of a delivery and waits for the whole response (its body is read and discarded) or
    /// for `timeout`, whichever comes first. Only cancellation throws; every other failure is an outcome.
    func sendAttempt(_ target: WebhookTarget, signedAt timestamp: Int, timeout: Duration) async throws -> AttemptResponse {
        let delivery = target.delivery
        let body = Array(delivery.payload.utf8)
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Qudao-Webhooks/1")
        request.headers.add(name: WebhookSignature.eventHeader, value: delivery.kind.rawValue)
        request.headers.add(name: WebhookSignature.deliveryHeader, value: String(delivery.id))
        request.headers.add(name: WebhookSignature.timestampHeader, value: String(timestamp))
        request.headers.add(
            name: WebhookSignature.signatureHeader, value: WebhookSignature.sign(body: body, timestamp: timestamp, secret: target.secret))
        request.body = .bytes(body)
        do {
            let response = try await execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            for try await _ in response.body {}
            let retryAfter = response.headers.first(name: "Retry-After").flatMap {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
            return AttemptResponse(outcome: .status(Int(response.status.code)), retryAfter: retryAfter.map { .seconds($0) })
        } catch {
            try _Concurrency.Task.checkCancellation()
            return AttemptResponse(outcome: .failure(Self.describe(error, timeout: timeout)), retryAfter: nil)
        }
    }

    /// A failure in words, for the attempt record and the logs (never the URL, whose path may hold a token).
    private static func describe(_ error: any Error, timeout: Duration) -> String {
        let timeouts: [HTTPClientError] = [.deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout]
        if let error = error as? HTTPClientError, timeouts.contains(error) { return "timed out after \(timeout)" }
        return "request failed: \(error)"
    }
}
