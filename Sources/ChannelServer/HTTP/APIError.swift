public import HTTPTypes
import ChannelCore
import Foundation
public import Hummingbird

/// Every error the API answers, in one shape: `{"error": {"code", "message", "details"}}`.
///
/// Messages say what was wrong and how to fix it; they never carry stack traces, SQL or secrets.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// A stable, machine-readable code: `invalid_request`, `unauthorized`, `forbidden`, `not_found`, ...
    public var code: String
    public var message: String
    /// Field-level details (column, value, reason) where there are any.
    public var details: [Detail]
    public var headers: HTTPFields

    public struct Detail: Codable, Sendable, Hashable {
        public var field: String?
        public var value: String?
        public var reason: String

        public init(field: String? = nil, value: String? = nil, reason: String) {
            self.field = field
            self.value = value
            self.reason = reason
        }
    }

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: [Detail] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    public static func invalid(_ message: String, details: [Detail] = []) -> APIError {
        APIError(.badRequest, "invalid_request", message, details: details)
    }
    /// A 400 listing every problem of a rules or plans file (line:column, key path, why).
    static func invalid(_ file: String, _ issues: RuleIssues) -> APIError {
        invalid(
            "the \(file) has \(issues.issues.count) problem\(issues.issues.count == 1 ? "" : "s")",
            details: issues.issues.map { .init(field: $0.path.description, value: "\($0.position)", reason: $0.message) })
    }
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }
    public static let unauthorized = APIError(
        .unauthorized, "unauthorized", "sign in, or send an API key as 'Authorization: Bearer qk_...'")
    public static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "forbidden", message) }
    public static func conflict(_ message: String) -> APIError { APIError(.conflict, "conflict", message) }

    struct Body: Encodable {
        struct Inner: Encodable {
            var code: String
            var message: String
            var details: [Detail]
        }
        var error: Inner
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder.api.encode(Body(error: .init(code: code, message: message, details: details)))
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension JSONEncoder {
    /// The API's JSON: sorted keys (stable output), no escaped slashes.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
