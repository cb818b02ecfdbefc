import ChannelAnalytics
import ChannelAuth
import ChannelCore
import ChannelWeb
import Foundation
import HTTPTypes
import Hummingbird

/// The browser UI: server-rendered pages in Chinese (default) or English, signed in with the same sessions as the
/// API. Handlers are thin: they read the request, ask the engine or the store, and hand plain values to `ChannelWeb`.
///
/// The language comes from `?lang=zh|en`, remembered in a cookie, else Chinese. A page needs a signed-in user
/// (`WebRouter`); state-changing forms carry the session's CSRF token. Each group of pages has its own routes type.
struct WebRoutes: Sendable {
    let server: QudaoServer

    func register(on router: Router<ServerContext>) {
        router.get("/login") { request, context in login(request, context) }
        router.post("/login") { request, context in try await submitLogin(request, context) }
        router.post("/logout") { request, context in try await logout(request, context) }
        router.get("/assets/qudao.css") { _, _ in WebResponse.asset(Stylesheet.css, type: "text/css; charset=utf-8") }
        router.get("/assets/icon.svg") { _, _ in WebResponse.asset(Stylesheet.icon, type: "image/svg+xml") }
        router.get("/assets/alerts.js") { _, _ in WebResponse.asset(Scripts.alerts, type: "text/javascript; charset=utf-8") }
        let web = WebRouter(router: router, renderer: server.renderer)
        web.get("/") { page in try await dashboard(page) }
        ExplorerWebRoutes(engine: server.engine, cubes: server.pageCubes).register(on: web)
        OrderWebRoutes(store: server.store, engine: server.engine).register(on: web)
        PartnerWebRoutes(store: server.store, engine: server.engine, cubes: server.pageCubes).register(on: web)
        InventoryWebRoutes(engine: server.engine).register(on: web)
        PlanningWebRoutes(planning: server.planning, clock: server.clock).register(on: web)
        AlertWebRoutes(alerting: server.alerting, contingency: server.contingency).register(on: web)
        ImportWebRoutes(server: server).register(on: web)
        AdminWebRoutes(server: server).register(on: web)
    }

    // MARK: Pages

    private func dashboard(_ page: WebPage) async throws -> Response {
        let snapshot = try await server.engine.latestSnapshot()
        let data = try DashboardData(snapshot: snapshot, scope: page.scope, map: page.query("map"), language: page.language)
        return page.render("dashboard", data.page.model(page.language), title: UIText.text("dashboard", page.language))
    }

    private func login(_ request: Request, _ context: ServerContext) -> Response {
        let language = WebResponse.language(request)
        let next = request.uri.queryParameters["next"].map(String.init) ?? "/"
        if context.principal != nil { return WebResponse.redirect(to: LoginPage.safeNext(next), language) }
        return loginPage(LoginPage(next: next), language, request: request, status: .ok)
    }

    private func loginPage(_ page: LoginPage, _ language: Language, request: Request, status: HTTPResponse.Status) -> Response {
        let frame = PageFrame(language: language, user: nil, path: "/login", query: WebResponse.query(request))
        var response = WebResponse.page(
            server.renderer.render("login", page.model(language), title: UIText.text("signIn", language), frame: frame), language)
        response.status = status
        return response
    }

    private func submitLogin(_ request: Request, _ context: ServerContext) async throws -> Response {
        let language = WebResponse.language(request)
        let form = try await WebResponse.form(SignInForm.self, request)
        let userID = form.userID ?? ""
        let next = form.next ?? "/"
        do {
            let (_, _, cookie) = try await server.auth.signIn(userID: userID, password: form.password ?? "", context: context)
            var response = WebResponse.redirect(to: LoginPage.safeNext(next), language)
            response.headers.append(HTTPField(name: .setCookie, value: cookie))
            return response
        } catch let error as APIError {
            let failure: LoginPage.Failure = error.status == .tooManyRequests ? .throttled : .wrongCredentials
            return loginPage(LoginPage(userID: userID, next: next, failure: failure), language, request: request, status: error.status)
        }
    }

    private func logout(_ request: Request, _ context: ServerContext) async throws -> Response {
        let language = WebResponse.language(request)
        let form = try await WebResponse.form(SignOutForm.self, request)
        // Only the session's own pages know its CSRF token: another site cannot sign the user out.
        guard case .session(let csrf) = context.principal?.credential, let sent = form.csrfToken, ConstantTime.equals(sent, csrf)
        else { throw APIError.forbidden("missing or wrong csrf_token for a signed-in session") }
        var response = WebResponse.redirect(to: PageLink.href("/login", [("lang", language.rawValue)]), language)
        response.headers.append(HTTPField(name: .setCookie, value: try server.auth.signOut(request)))
        return response
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

    private struct SignOutForm: CSRFProtectedForm {
        var csrfToken: String?

        enum CodingKeys: String, CodingKey { case csrfToken = "csrf_token" }
    }
}
