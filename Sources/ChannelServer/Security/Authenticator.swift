import HTTPTypes
import ChannelAuth
import ChannelCore
import ChannelStore
import Foundation
import Hummingbird
import Logging
import Synchronization

/// Finds out who is calling: an API key (`Authorization: Bearer qk_...`) or a session cookie (`qudao_session`).
/// Credentials that are presented but wrong are refused at once (401); a request without any goes on anonymous,
/// and `EndpointTable` refuses it wherever an endpoint needs a caller. Also applies the rate limits: per API key
/// or account for signed-in callers, per client address for anonymous ones.
struct Authenticator: RouterMiddleware {
    typealias Context = ServerContext

    static let sessionCookie = "qudao_session"

    let store: any AccountStore
    let callerLimit: RateLimiter
    let addressLimit: RateLimiter
    let cache: PrincipalCache
    let clock: @Sendable () -> Instant

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let authorization = request.headers[.authorization] {
            context.principal = try apiKeyPrincipal(authorization)
        } else if let token = Self.cookie(Self.sessionCookie, in: request.headers[.cookie]) {
            do {
                context.principal = try sessionPrincipal(token)
            } catch let error as APIError where !request.uri.path.hasPrefix("/api/") {
                // A page with an ended session goes on anonymous and sends the browser to the sign-in page.
                context.logger.debug("ignoring a session cookie on a page", metadata: ["reason": "\(error.message)"])
            }
        }
        let bucket = context.principal.map { "caller:\($0.actor)" } ?? "address:\(context.clientAddress)"
        let limiter = context.principal == nil ? addressLimit : callerLimit
        if let wait = limiter.take(bucket) {
            throw APIError(
                .tooManyRequests, "rate_limited", "too many requests; retry after \(Int(wait.rounded(.up))) s",
                headers: [.retryAfter: String(Int(wait.rounded(.up)))])
        }
        if let principal = context.principal { context.logger[metadataKey: "user"] = .string(principal.userID.rawValue) }
        return try await next(request, context)
    }

    private func apiKeyPrincipal(_ authorization: String) throws -> Principal {
        guard authorization.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, "unauthorized", "the Authorization header must be 'Bearer qk_...'")
        }
        let presented = String(authorization.dropFirst("bearer ".count))
        let key: APIKeySecret
        do { key = try APIKeySecret(parsing: presented) } catch {
            throw APIError(.unauthorized, "unauthorized", error.message)
        }
        if let cached = cache.principal(for: key.secretHash) { return cached }
        let now = clock()
        guard let stored = try store.apiKey(key.keyID), key.matches(secretHash: stored.secretHash) else {
            throw APIError(.unauthorized, "unauthorized", "unknown API key")
        }
        guard stored.record.isUsable(at: now) else {
            throw APIError(.unauthorized, "unauthorized", "API key \(key.keyID) is revoked or expired")
        }
        guard let account = try store.account(stored.record.owner), account.isActive else {
            throw APIError(.unauthorized, "unauthorized", "the owner of API key \(key.keyID) is disabled")
        }
        let granted = stored.record.scopes.compactMap(APIScope.init(rawValue:))
        // Seeing every partner follows the owner's role; a key's scopes narrow the rest.
        let scopes = Set(Permission.allCases.filter { $0.apiScope.map { APIScope.allows(granted, $0) } ?? true })
        let principal = Principal(
            userID: account.userID, displayName: account.displayName, role: account.role, partnerID: account.partnerID,
            credential: .apiKey(key.keyID), keyScopes: scopes)
        cache.remember(principal, for: key.secretHash)
        if cache.shouldNoteUse(key.keyID) { try? store.noteAPIKeyUse(key.keyID, at: now) }
        return principal
    }

    private func sessionPrincipal(_ cookie: String) throws -> Principal {
        let token: SessionToken
        do { token = try SessionToken(parsing: cookie) } catch {
            throw APIError(.unauthorized, "unauthorized", "the session cookie is not valid; sign in again")
        }
        guard let session = try store.session(tokenHash: token.hash), session.isValid(at: clock()) else {
            throw APIError(.unauthorized, "unauthorized", "the session has ended; sign in again")
        }
        guard let account = try store.account(session.owner), account.isActive else {
            throw APIError(.unauthorized, "unauthorized", "this account is disabled")
        }
        return Principal(
            userID: account.userID, displayName: account.displayName, role: account.role, partnerID: account.partnerID,
            credential: .session(csrfToken: session.csrfToken))
    }

    /// The value of cookie `name` in a Cookie header.
    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                return pair[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

/// API key callers resolved recently (by the key's secret hash), so that a busy integration does not cost two
/// database reads per request: a revoked or disabled key stops working within `lifetime`.
final class PrincipalCache: Sendable {
    private let entries = Mutex<[String: (principal: Principal, until: ContinuousClock.Instant)]>([:])
    private let lastNoted = Mutex<[String: ContinuousClock.Instant]>([:])
    let lifetime: Duration

    init(lifetime: Duration = .seconds(5)) { self.lifetime = lifetime }

    func principal(for key: String) -> Principal? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key], entry.until > now else { return nil }
            return entry.principal
        }
    }

    func remember(_ principal: Principal, for key: String) {
        let until = ContinuousClock.now + lifetime
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[key] = (principal, until)
        }
    }

    /// Whether to record a key's use now (at most once a minute per key).
    func shouldNoteUse(_ keyID: String) -> Bool {
        let now = ContinuousClock.now
        return lastNoted.withLock { noted in
            if let last = noted[keyID], now - last < .seconds(60) { return false }
            noted[keyID] = now
            return true
        }
    }

    func forget() { entries.withLock { $0.removeAll() } }
}

extension Permission {
    /// The API key scope that grants this permission (nil: not a key scope).
    var apiScope: APIScope? {
        switch self {
        case .read: .read
        case .write: .write
        case .import: .import
        case .kpi: .kpi
        case .admin: .admin
        case .allPartners: nil
        }
    }
}
