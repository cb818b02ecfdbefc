import HTTPTypes
import Foundation
import Hummingbird
import Logging

/// Gives every request an id (the caller's `X-Request-Id` when it is a sane token), logs one structured line per
/// request with it, turns unexpected errors into the API's error shape without internals, and sets the security
/// headers on every response.
struct RequestMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.requestID = Self.requestID(request.headers[.requestID])
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch let error as HTTPError {
            response = try APIError(error.status, "http_error", error.body ?? error.status.reasonPhrase)
                .response(from: request, context: context)
        } catch {
            // Never echo an internal error: it may carry SQL or paths. The log keeps it, under the request id.
            context.logger.error("request failed", metadata: ["error": .string(String(describing: error))])
            response = try APIError(.internalServerError, "internal", "something went wrong; quote request id \(context.requestID)")
                .response(from: request, context: context)
        }
        response.headers[.requestID] = context.requestID
        Self.secure(&response.headers)
        let elapsed = ContinuousClock.now - started
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code),
                "ms": .stringConvertible(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000),
            ])
        return response
    }

    static func requestID(_ offered: String?) -> String {
        if let offered, (1...64).contains(offered.count),
            offered.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            return offered
        }
        // 128 random bits in hex, from getrandom: Foundation's UUID() opens /dev/urandom for every call.
        var generator = SystemRandomNumberGenerator()
        return [generator.next(), generator.next()].map { (word: UInt64) in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    static func secure(_ headers: inout HTTPFields) {
        headers[HTTPField.Name("X-Content-Type-Options") ?? .via] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options") ?? .via] = "DENY"
        headers[HTTPField.Name("Referrer-Policy") ?? .via] = "no-referrer"
        headers[HTTPField.Name("Content-Security-Policy") ?? .via] = "default-src 'self'; frame-ancestors 'none'"
        headers[.cacheControl] = headers[.cacheControl] ?? "no-store"
    }
}
