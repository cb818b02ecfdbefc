import ChannelWeb
import HTTPTypes
import Hummingbird

/// What every page passes before its handler runs: a signed-in session and the page's permission; and what a
/// "not found" or "not allowed" from the handler looks like.
struct PageGate: Sendable {
    let renderer: PageRenderer

    func serve(
        _ request: Request, _ context: ServerContext, _ permission: Permission, _ handler: WebRouter.Handler
    ) async throws -> Response {
        let language = WebResponse.language(request)
        guard let principal = context.principal, case .session(let csrf) = principal.credential else {
            guard request.method == .get else { throw APIError.unauthorized }
            let next = WebResponse.pathAndQuery(request)
            return WebResponse.redirect(to: PageLink.href("/login", [("next", next), ("lang", language.rawValue)]), language)
        }
        let page = WebPage(
            request: request, context: context, principal: principal, csrfToken: csrf, language: language, renderer: renderer)
        guard principal.permissions.contains(permission) else { return message(page, "forbidden", status: .forbidden) }
        do {
            return try await handler(page)
        } catch let error as APIError where error.status == .notFound {
            return message(page, "notFound", status: .notFound)
        } catch let error as APIError where error.status == .forbidden {
            return message(page, "forbidden", status: .forbidden)
        }
    }

    /// A page that only says what went wrong (`notFound`, `forbidden`).
    private func message(_ page: WebPage, _ template: String, status: HTTPResponse.Status) -> Response {
        page.render(template, [:], title: UIText.text(template, page.language), status: status)
    }
}
