import ChannelWeb
import HTTPTypes
import Hummingbird

/// Registers pages. Every page needs a signed-in browser session: without one a GET goes to the sign-in page (and
/// comes back afterwards) and anything else is refused. A user whose role lacks the page's permission gets the
/// "not allowed" page (403); a record outside the user's scope or not there at all gets "not found" (404), the
/// same page either way.
struct WebRouter {
    let router: Router<ServerContext>
    let gate: PageGate

    init(router: Router<ServerContext>, renderer: PageRenderer) {
        self.router = router
        gate = PageGate(renderer: renderer)
    }

    typealias Handler = @Sendable (WebPage) async throws -> Response

    func get(_ path: RouterPath, requires permission: Permission = .read, _ handler: @escaping Handler) {
        router.get(path) { [gate] request, context in try await gate.serve(request, context, permission, handler) }
    }

    func post(_ path: RouterPath, requires permission: Permission = .read, _ handler: @escaping Handler) {
        router.post(path) { [gate] request, context in try await gate.serve(request, context, permission, handler) }
    }
}
