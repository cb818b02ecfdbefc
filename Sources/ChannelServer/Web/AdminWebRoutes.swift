import ChannelAuth
import ChannelCore
import ChannelStore
import ChannelWeb
import Hummingbird

/// The admin page: accounts, roles, API keys. Its forms go through `AccountAdmin`, as the admin API does; each
/// answers with the page again, saying what happened (a new key's secret, this once) or why it did not.
struct AdminWebRoutes {
    let server: QudaoServer

    private var admin: AccountAdmin { AccountAdmin(store: server.store, hasher: server.hasher, clock: server.clock) }

    func register(on web: WebRouter) {
        web.get("/admin", requires: .admin) { page in try render(page) }
        web.post("/admin/users", requires: .admin) { page in
            let form = try await page.form(NewUserForm.self)
            return try perform(page, notice: "userCreated") {
                var user = form.user
                user.partnerID = user.partnerID.flatMap { $0.isEmpty ? nil : $0 }  // the form's empty choice
                _ = try admin.createUser(user, actor: page.principal.actor, requestID: page.context.requestID)
                return nil
            }
        }
        for (action, active) in [("disable", false), ("enable", true)] {
            web.post(RouterPath("/admin/users/{user_id}/\(action)"), requires: .admin) { page in
                _ = try await page.form(TokenForm.self)
                let id = UserID(try page.parameter("user_id"))
                return try perform(page, notice: "userUpdated") {
                    _ = try admin.setActive(id, active, caller: page.principal, requestID: page.context.requestID)
                    return nil
                }
            }
        }
        web.post("/admin/api-keys", requires: .admin) { page in
            let form = try await page.form(NewKeyForm.self)
            return try perform(page, notice: nil) {
                try admin.createKey(
                    .init(userID: form.userID, name: form.name, scopes: form.scopes ?? [], expiresInDays: form.expiresInDays.flatMap { Int($0) }),
                    actor: page.principal.actor, requestID: page.context.requestID
                ).key
            }
        }
        web.post("/admin/api-keys/{key_id}/revoke", requires: .admin) { page in
            _ = try await page.form(TokenForm.self)
            let id = try page.parameter("key_id")
            return try perform(page, notice: "keyRevoked") {
                try admin.revokeKey(id, actor: page.principal.actor, requestID: page.context.requestID)
                return nil
            }
        }
    }

    /// Runs one form's change and shows the page again: with the notice (or a new key's secret), or the error.
    private func perform(_ page: WebPage, notice: String?, _ change: () throws -> String?) throws -> Response {
        do {
            let key = try change()
            return try render(page, notice: notice.map { UIText.text($0, page.language) }, newKey: key)
        } catch let error as APIError where error.status == .badRequest || error.status == .conflict || error.status == .notFound {
            return try render(page, error: error.message, status: error.status)
        }
    }

    private func render(
        _ page: WebPage, notice: String? = nil, newKey: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let accounts = try translatingErrors { try server.store.accounts() }
        let keys = try translatingErrors { try server.store.apiKeys(owner: nil) }
        let model = AdminPage(
            users: accounts.map {
                .init(id: $0.userID.rawValue, name: $0.displayName, role: $0.role.rawValue, partner: $0.partnerID?.rawValue ?? "", isActive: $0.isActive,
                    isSelf: $0.userID == page.principal.userID)
            },
            roles: UserRole.allCases.map(\.rawValue), permissions: Permission.allCases.map(\.rawValue),
            grants: Dictionary(uniqueKeysWithValues: UserRole.allCases.map { ($0.rawValue, Set(Permission.granted(to: $0).map(\.rawValue))) }),
            scopes: APIScope.allCases.map(\.rawValue),
            keys: keys.map {
                .init(
                    id: $0.keyID, name: $0.name, owner: $0.owner.rawValue, scopes: $0.scopes.joined(separator: ", "),
                    expires: LocalTime.text($0.expiresAt?.iso8601), isRevoked: $0.revokedAt != nil)
            },
            csrfToken: page.csrfToken, notice: notice, newKey: newKey, error: error)
        return page.render("admin", model.model(page.language), title: UIText.text("admin", page.language), status: status)
    }

    private struct TokenForm: CSRFProtectedForm {
        var csrfToken: String?

        enum CodingKeys: String, CodingKey { case csrfToken = "csrf_token" }
    }

    /// The API's new-user body (`AdminRoutes.NewUser`) posted as a form, with the session's CSRF token.
    private struct NewUserForm: CSRFProtectedForm {
        var csrfToken: String?
        var user: AdminRoutes.NewUser

        enum CodingKeys: String, CodingKey { case csrfToken = "csrf_token" }

        init(from decoder: any Decoder) throws {
            user = try AdminRoutes.NewUser(from: decoder)
            csrfToken = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .csrfToken)
        }
    }

    private struct NewKeyForm: CSRFProtectedForm {
        var csrfToken: String?
        var userID: String
        var name: String
        var scopes: [String]?
        var expiresInDays: String?

        enum CodingKeys: String, CodingKey {
            case name, scopes
            case csrfToken = "csrf_token"
            case userID = "user_id"
            case expiresInDays = "expires_in_days"
        }
    }
}
