import ChannelAnalytics
import ChannelAuth
import ChannelCore
import ChannelWeb
import Foundation
import HTTPTypes
import Hummingbird

/// The browser UI: server-rendered pages in Chinese (default) or English, signed in with the same sessions as the
/// API. Handlers are thin: they read the request, ask the engine, and hand plain values to `ChannelWeb`.
///
/// The language comes from `?lang=zh|en`, remembered in a cookie, else Chinese. A page needs a signed-in user;
/// without one the browser goes to the sign-in page and comes back afterwards. State-changing forms (sign out)
/// carry the session's CSRF token.
struct WebRoutes: Sendable {
    let auth: AuthRoutes
    let engine: AnalyticsEngine
    let renderer: PageRenderer

    static let languageCookie = "qudao_lang"

    func register(on router: Router<ServerContext>) {
        router.get("/") { request, context in try await dashboard(request, context) }
        router.get("/login") { request, context in login(request, context) }
        router.post("/login") { request, context in try await submitLogin(request, context) }
        router.post("/logout") { request, context in try await logout(request, context) }
        router.get("/assets/qudao.css") { _, _ in Self.asset(Stylesheet.css, type: "text/css; charset=utf-8") }
        router.get("/assets/icon.svg") { _, _ in Self.asset(Stylesheet.icon, type: "image/svg+xml") }
    }

    // MARK: Pages

    private func dashboard(_ request: Request, _ context: ServerContext) async throws -> Response {
        let language = Self.language(request)
        guard let principal = context.principal, case .session(let csrf) = principal.credential else {
            return Self.redirect(to: PageLink.href("/login", [("next", Self.pathAndQuery(request)), ("lang", language.rawValue)]), language)
        }
        let snapshot = try await engine.latestSnapshot()
        let data = try DashboardData(
            snapshot: snapshot, scope: principal.partnerScope, map: request.uri.queryParameters["map"].map(String.init),
            language: language)
        let frame = PageFrame(
            language: language, user: .init(displayName: principal.displayName, csrfToken: csrf), path: "/",
            query: Self.query(request))
        return Self.page(renderer.render("dashboard", data.page.model(language), title: UIText.text("dashboard", language), frame: frame), language)
    }

    private func login(_ request: Request, _ context: ServerContext) -> Response {
        let language = Self.language(request)
        let next = request.uri.queryParameters["next"].map(String.init) ?? "/"
        if context.principal != nil { return Self.redirect(to: LoginPage.safeNext(next), language) }
        return loginPage(LoginPage(next: next), language, request: request, status: .ok)
    }

    private func loginPage(_ page: LoginPage, _ language: Language, request: Request, status: HTTPResponse.Status) -> Response {
        let frame = PageFrame(language: language, user: nil, path: "/login", query: Self.query(request))
        var response = Self.page(renderer.render("login", page.model(language), title: UIText.text("signIn", language), frame: frame), language)
        response.status = status
        return response
    }

    private func submitLogin(_ request: Request, _ context: ServerContext) async throws -> Response {
        let language = Self.language(request)
        let form = try await Self.form(SignInForm.self, request)
        let userID = form.userID ?? ""
        let next = form.next ?? "/"
        do {
            let (_, _, cookie) = try await auth.signIn(userID: userID, password: form.password ?? "", context: context)
            var response = Self.redirect(to: LoginPage.safeNext(next), language)
            response.headers.append(HTTPField(name: .setCookie, value: cookie))
            return response
        } catch let error as APIError {
            let failure: LoginPage.Failure = error.status == .tooManyRequests ? .throttled : .wrongCredentials
            return loginPage(LoginPage(userID: userID, next: next, failure: failure), language, request: request, status: error.status)
        }
    }

    private func logout(_ request: Request, _ context: ServerContext) async throws -> Response {
        let language = Self.language(request)
        let form = try await Self.form(SignOutForm.self, request)
        // Only the session's own pages know its CSRF token: another site cannot sign the user out.
        guard case .session(let csrf) = context.principal?.credential, let sent = form.csrfToken, ConstantTime.equals(sent, csrf)
        else { throw APIError.forbidden("missing or wrong csrf_token for a signed-in session") }
        var response = Self.redirect(to: PageLink.href("/login", [("lang", language.rawValue)]), language)
        response.headers.append(HTTPField(name: .setCookie, value: try auth.signOut(request)))
        return response
    }

    // MARK: Helpers

    /// `?lang=` first, then the cookie, then Chinese.
    static func language(_ request: Request) -> Language {
        if let code = request.uri.queryParameters["lang"], let language = Language(code: String(code)) { return language }
        if let code = Authenticator.cookie(languageCookie, in: request.headers[.cookie]), let language = Language(code: code) {
            return language
        }
        return .chinese
    }

    private static func query(_ request: Request) -> [(String, String)] {
        request.uri.queryParameters.map { (String($0.key), String($0.value)) }.sorted { $0.0 < $1.0 }
    }

    private static func pathAndQuery(_ request: Request) -> String {
        PageLink.href(request.uri.path, query(request).filter { $0.0 != "lang" })
    }

    /// An HTML page; remembers the language in a cookie.
    private static func page(_ html: String, _ language: Language) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
        ]
        headers.append(HTTPField(name: .setCookie, value: languageCookieValue(language)))
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    private static func languageCookieValue(_ language: Language) -> String {
        "\(languageCookie)=\(language.rawValue); Path=/; SameSite=Lax; Max-Age=31536000"
    }

    private static func redirect(to location: String, _ language: Language) -> Response {
        var headers: HTTPFields = [.location: location]
        headers.append(HTTPField(name: .setCookie, value: languageCookieValue(language)))
        return Response(status: .seeOther, headers: headers)
    }

    private static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private struct SignInForm: Decodable {
        var userID: String?
        var password: String?
        var next: String?

        enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case password, next
        }
    }

    private struct SignOutForm: Decodable {
        var csrfToken: String?

        enum CodingKeys: String, CodingKey { case csrfToken = "csrf_token" }
    }

    /// A URL-encoded form body (at most 64 KiB).
    private static func form<Form: Decodable>(_ type: Form.Type, _ request: Request) async throws -> Form {
        let buffer = try await request.body.collect(upTo: 64 << 10)
        do {
            return try URLEncodedFormDecoder().decode(type, from: String(buffer: buffer))
        } catch {
            throw APIError.invalid("the form could not be read: \(error)")
        }
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy") ?? .via
}
