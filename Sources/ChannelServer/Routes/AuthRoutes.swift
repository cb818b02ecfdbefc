import HTTPTypes
import ChannelAuth
import ChannelCore
import ChannelStore
import Dispatch
import Foundation
import Hummingbird

/// Signing in and out with a password: a session cookie (HttpOnly, SameSite=Strict, Secure unless configured off
/// for plain-HTTP demos) and a CSRF token the pages echo on every state-changing request.
struct AuthRoutes {
    let store: any AccountStore
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let sessionLifetime: Duration
    let secureCookies: Bool
    let clock: @Sendable () -> Instant

    struct Login: Decodable {
        var userID: String
        var password: String

        enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case password
        }
    }

    struct Me: Encodable {
        var userID: String
        var displayName: String
        var role: String
        var partnerID: String?
        var permissions: [String]
        var csrfToken: String?

        enum CodingKeys: String, CodingKey {
            case role, permissions
            case userID = "user_id"
            case displayName = "display_name"
            case partnerID = "partner_id"
            case csrfToken = "csrf_token"
        }

        init(_ principal: Principal, csrfToken: String?) {
            userID = principal.userID.rawValue
            displayName = principal.displayName
            role = principal.role.rawValue
            partnerID = principal.partnerID?.rawValue
            permissions = principal.permissions.map(\.rawValue).sorted()
            self.csrfToken = csrfToken
        }
    }

    static var schemas: [String: JSONValue] {
        [
            "Login": [
                "type": "object", "required": ["user_id", "password"],
                "properties": ["user_id": ["type": "string"], "password": ["type": "string"]],
            ],
            "Me": [
                "type": "object", "required": ["user_id", "display_name", "role", "permissions"],
                "properties": [
                    "user_id": ["type": "string"], "display_name": ["type": "string"], "role": ["type": "string"],
                    "partner_id": ["type": ["string", "null"]], "permissions": ["type": "array", "items": ["type": "string"]],
                    "csrf_token": ["type": ["string", "null"]],
                ],
            ],
        ]
    }

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/auth/login", id: "login", "Sign in with a password", tag: "auth", access: .anonymous,
                body: ["$ref": "#/components/schemas/Login"], returns: "signed in: the session cookie is set",
                schema: ["$ref": "#/components/schemas/Me"]
            ) { request, context in try await login(request, context) },
            Endpoint(
                .post, "/api/v1/auth/logout", id: "logout", "Sign out", tag: "auth", access: .authenticated, status: 204,
                returns: "signed out: the session is ended and its cookie cleared"
            ) { request, _ in
                Response(status: .noContent, headers: [.setCookie: try signOut(request)])
            },
            Endpoint(
                .get, "/api/v1/auth/me", id: "me", "Show the signed-in caller", tag: "auth", access: .authenticated,
                returns: "who is calling and what they may do", schema: ["$ref": "#/components/schemas/Me"]
            ) { _, context in
                guard let principal = context.principal else { throw APIError.unauthorized }
                if case .session(let csrf) = principal.credential { return try JSON.response(Me(principal, csrfToken: csrf)) }
                return try JSON.response(Me(principal, csrfToken: nil))
            },
        ]
    }

    private func login(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await JSON.decode(Login.self, from: request, context: context)
        let (principal, csrfToken, cookie) = try await signIn(userID: body.userID, password: body.password, context: context)
        return try JSON.response(Me(principal, csrfToken: csrfToken), headers: [.setCookie: cookie])
    }

    /// Checks a password and starts a session: the principal, the session's CSRF token and its Set-Cookie value.
    /// Shared by the API's sign-in and the sign-in page.
    /// - Throws: `APIError` 401 for a wrong user, password or a disabled account, 429 after too many failures.
    func signIn(userID: String, password: String, context: ServerContext) async throws -> (Principal, String, String) {
        let body = (userID: userID, password: password)
        let key = "\(body.userID)@\(context.clientAddress)"
        if let wait = throttle.wait(key) {
            throw APIError(
                .tooManyRequests, "rate_limited", "too many failed sign-ins; retry after \(Int(wait.rounded(.up))) s",
                headers: [.retryAfter: String(Int(wait.rounded(.up)))])
        }
        let id = UserID(body.userID)
        let account = try store.account(id)
        let stored = try store.passwordHash(of: id)
        // bcrypt takes a quarter of a second of CPU on purpose: off the request threads.
        let hasher = self.hasher
        let password = body.password
        let valid = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: hasher.verify(password, against: stored)) }
        }
        guard valid, let account, account.isActive else {
            throttle.failed(key)
            throw APIError(.unauthorized, "unauthorized", "wrong user id or password, or the account is disabled")
        }
        throttle.succeeded(key)
        let token = SessionToken.generate()
        let now = clock()
        let session = SessionRecord(
            tokenHash: token.hash, owner: account.userID, csrfToken: SessionToken.makeCSRFToken(), createdAt: now,
            expiresAt: Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + sessionLifetime.components.seconds * 1000))
        try store.createSession(session)
        let principal = Principal(
            userID: account.userID, displayName: account.displayName, role: account.role, partnerID: account.partnerID,
            credential: .session(csrfToken: session.csrfToken))
        return (principal, session.csrfToken, cookie(token.value, maxAge: Int(sessionLifetime.components.seconds)))
    }

    /// Ends the session of the request's cookie (if any); returns the Set-Cookie value that clears the cookie.
    func signOut(_ request: Request) throws -> String {
        if let cookie = Authenticator.cookie(Authenticator.sessionCookie, in: request.headers[.cookie]),
            let token = try? SessionToken(parsing: cookie)
        {
            try store.deleteSession(tokenHash: token.hash)
        }
        return cookie("", maxAge: 0)
    }

    private func cookie(_ value: String, maxAge: Int) -> String {
        "\(Authenticator.sessionCookie)=\(value); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)"
            + (secureCookies ? "; Secure" : "")
    }
}
