public import HTTPTypes
import ChannelAuth
import ChannelCore
public import Hummingbird

/// One route of the API with everything the OpenAPI document says about it. Routes are registered only through
/// `EndpointTable`, so every route is documented and every route's access rule is checked in one place.
public struct Endpoint: Sendable {
    public enum Access: Sendable, Hashable {
        /// No credentials needed (health, the OpenAPI document, signing in).
        case anonymous
        /// Any signed-in caller.
        case authenticated
        case requires(Permission)
    }

    public struct Parameter: Sendable {
        public var name: String
        public var description: String
        public var schema: JSONValue
        public var required: Bool

        public init(_ name: String, _ description: String, schema: JSONValue = ["type": "string"], required: Bool = false) {
            self.name = name
            self.description = description
            self.schema = schema
            self.required = required
        }
    }

    public typealias Handler = @Sendable (Request, ServerContext) async throws -> Response

    public var method: HTTPRequest.Method
    /// The OpenAPI path template, e.g. `/api/v1/orders/{order_id}`.
    public var path: String
    public var operationID: String
    public var summary: String
    public var tag: String
    public var access: Access
    public var query: [Parameter]
    /// The JSON schema of the request body; nil when the route takes none.
    public var requestBody: JSONValue?
    /// A non-JSON body (an upload): its media type.
    public var requestMediaType: String?
    public var status: Int
    public var responseDescription: String
    /// The JSON schema of a successful response's body; nil for no body.
    public var responseSchema: JSONValue?
    /// A non-JSON response (the metrics text): its media type.
    public var responseMediaType: String?
    public var handler: Handler

    public init(
        _ method: HTTPRequest.Method, _ path: String, id operationID: String, _ summary: String, tag: String, access: Access,
        query: [Parameter] = [], body requestBody: JSONValue? = nil, bodyMediaType: String? = nil, status: Int = 200,
        returns responseDescription: String, schema responseSchema: JSONValue? = nil, mediaType: String? = nil,
        handler: @escaping Handler
    ) {
        self.method = method
        self.path = path
        self.operationID = operationID
        self.summary = summary
        self.tag = tag
        self.access = access
        self.query = query
        self.requestBody = requestBody
        self.requestMediaType = bodyMediaType
        self.status = status
        self.responseDescription = responseDescription
        self.responseSchema = responseSchema
        self.responseMediaType = mediaType
        self.handler = handler
    }

    /// Names of the `{parameters}` in the path, in order.
    public var pathParameters: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// The path in the router's syntax (`:name` for `{name}`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }
}

/// Every endpoint of the server. Registering wraps each handler in the access check: the one place where roles,
/// API key scopes and CSRF tokens are enforced.
public struct EndpointTable: Sendable {
    public private(set) var endpoints: [Endpoint] = []

    public init() {}

    public mutating func add(_ endpoint: Endpoint) { endpoints.append(endpoint) }
    public mutating func add(_ more: [Endpoint]) { endpoints += more }

    func register(on router: Router<ServerContext>) {
        for endpoint in endpoints {
            router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
                try Self.authorize(endpoint, request, context)
                return try await endpoint.handler(request, context)
            }
        }
    }

    static func authorize(_ endpoint: Endpoint, _ request: Request, _ context: ServerContext) throws {
        if endpoint.access == .anonymous { return }
        guard let principal = context.principal else { throw APIError.unauthorized }
        if case .requires(let permission) = endpoint.access, !principal.permissions.contains(permission) {
            throw APIError.forbidden(
                "\(principal.role.rawValue) \(principal.userID) may not \(endpoint.summary.lowercased()) (needs \(permission.rawValue))")
        }
        // A browser session proves a state-changing request came from Qudao's own pages by echoing its CSRF token.
        if case .session(let token) = principal.credential, request.method != .get, request.method != .head {
            guard let sent = request.headers[.csrfToken], ConstantTime.equals(sent, token) else {
                throw APIError.forbidden("missing or wrong X-CSRF-Token header for a signed-in session")
            }
        }
    }
}

extension HTTPField.Name {
    // Literal, valid field names: the initializer cannot fail for them (a test reads each back); the fallback only
    // keeps a force unwrap off the request path.
    static let csrfToken = HTTPField.Name("X-CSRF-Token") ?? .via
    static let requestID = HTTPField.Name("X-Request-Id") ?? .via
    static let idempotencyKey = HTTPField.Name("Idempotency-Key") ?? .via
    /// The id of the last server-sent event a reconnecting client saw.
    static let lastEventID = HTTPField.Name("Last-Event-ID") ?? .via
    static let retryAfter = HTTPField.Name("Retry-After") ?? .via
}
