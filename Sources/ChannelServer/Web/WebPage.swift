import ChannelAuth
import ChannelCore
import ChannelWeb
import Foundation
import HTTPTypes
import Hummingbird

/// One page request of a signed-in browser session: who asks, in which language, with which query; and how to
/// answer it with a rendered page. Every page handler receives one from `WebRouter`, which has already sent
/// anonymous visitors to the sign-in page and refused users whose role lacks the page's permission.
struct WebPage {
    let request: Request
    let context: ServerContext
    let principal: Principal
    let csrfToken: String
    let language: Language
    let renderer: PageRenderer

    /// The partner codes that bound what this user sees; nil for staff.
    var scope: [String]? { principal.partnerScope }

    /// A query parameter, trimmed; nil when absent or blank.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Every non-blank value of a repeated query parameter (`?m=a&m=b`), in order.
    func queries(_ name: String) -> [String] {
        request.uri.queryParameters.getAll(name).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A path parameter, percent-decoded.
    func parameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else { throw APIError.invalid("the path lacks \(name)") }
        return value.removingPercentEncoding ?? value
    }

    /// The page's HTML document in the frame every page shares.
    func render(_ template: String, _ model: [String: Any], title: String, status: HTTPResponse.Status = .ok) -> Response {
        let frame = PageFrame(
            language: language, user: .init(displayName: principal.displayName, csrfToken: csrfToken),
            path: request.uri.path, query: WebResponse.query(request), permissions: Set(principal.permissions.map(\.rawValue)))
        var response = WebResponse.page(renderer.render(template, model, title: title, frame: frame), language)
        response.status = status
        return response
    }

    /// A URL-encoded form posted by one of this session's pages: refused unless it carries the session's CSRF token.
    func form<Form: CSRFProtectedForm>(_ type: Form.Type) async throws -> Form {
        let form = try await WebResponse.form(type, request)
        try checkCSRF(form.csrfToken)
        return form
    }

    /// Refuses a state-changing request whose token is not this session's (another site cannot post it).
    func checkCSRF(_ token: String?) throws {
        guard let token, ConstantTime.equals(token, csrfToken) else {
            throw APIError.forbidden("missing or wrong csrf_token for a signed-in session")
        }
    }

    /// Sends the browser to `path` (303, so a posted form is followed by a GET).
    func redirect(_ path: String) -> Response { WebResponse.redirect(to: path, language) }
}
