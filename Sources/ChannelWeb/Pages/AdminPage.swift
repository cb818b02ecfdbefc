/// Administration: user accounts (create, disable, enable), what each role may do, and API keys (create, shown
/// once; revoke). Every form posts with the session's CSRF token.
public struct AdminPage: Sendable {
    public struct User: Sendable {
        public var id: String
        public var name: String
        public var role: String
        public var partner: String
        public var isActive: Bool
        /// The signed-in admin: no button to disable oneself.
        public var isSelf: Bool

        public init(id: String, name: String, role: String, partner: String, isActive: Bool, isSelf: Bool = false) {
            self.id = id
            self.name = name
            self.role = role
            self.partner = partner
            self.isActive = isActive
            self.isSelf = isSelf
        }
    }

    public struct Key: Sendable {
        public var id: String
        public var name: String
        public var owner: String
        public var scopes: String
        public var expires: String
        public var isRevoked: Bool

        public init(id: String, name: String, owner: String, scopes: String, expires: String, isRevoked: Bool) {
            self.id = id
            self.name = name
            self.owner = owner
            self.scopes = scopes
            self.expires = expires
            self.isRevoked = isRevoked
        }
    }

    public var users: [User]
    public var roles: [String]
    public var permissions: [String]
    /// Role -> the permissions it grants.
    public var grants: [String: Set<String>]
    public var scopes: [String]
    public var keys: [Key]
    public var csrfToken: String
    /// What the last form did (a created key's secret, shown this once) or why it failed.
    public var notice: String?
    public var newKey: String?
    public var error: String?

    public init(
        users: [User], roles: [String], permissions: [String], grants: [String: Set<String>], scopes: [String], keys: [Key],
        csrfToken: String, notice: String? = nil, newKey: String? = nil, error: String? = nil
    ) {
        self.users = users
        self.roles = roles
        self.permissions = permissions
        self.grants = grants
        self.scopes = scopes
        self.keys = keys
        self.csrfToken = csrfToken
        self.notice = notice
        self.newKey = newKey
        self.error = error
    }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let roleTable = TableView(
            caption: t("roles"), headers: [(t("role"), false)] + permissions.map { (t("permission." + $0), false) },
            rows: roles.map { role in
                [TableView.Cell(t("role." + role))]
                    + permissions.map { TableView.Cell(grants[role]?.contains($0) == true ? "✓" : "—") }
            })
        return [
            "csrf": csrfToken, "notice": notice ?? false, "newKey": newKey ?? false, "error": error ?? false,
            "users": users.map { user -> [String: Any] in
                [
                    "id": user.id, "name": user.name, "role": t("role." + user.role), "partner": user.partner.isEmpty ? "—" : user.partner,
                    "active": user.isActive, "state": t(user.isActive ? "active" : "disabled"), "isSelf": user.isSelf,
                ]
            },
            "roleChoices": roles.map { ["code": $0, "label": t("role." + $0)] },
            "roleTable": roleTable.model,
            "scopeChoices": scopes.map { ["code": $0, "label": t("permission." + $0)] },
            "keys": keys.map { key -> [String: Any] in
                [
                    "id": key.id, "name": key.name, "owner": key.owner, "scopes": key.scopes, "expires": key.expires.isEmpty ? "—" : key.expires,
                    "revoked": key.isRevoked, "state": t(key.isRevoked ? "revoked" : "active"),
                ]
            },
        ]
    }

    static let template = """
        <h1>{{t.admin}}</h1>
        {{#notice}}<p class="note" role="status">{{notice}}</p>{{/notice}}
        {{#newKey}}<p class="secret" role="status">{{t.newKeyOnce}}<br><code>{{newKey}}</code></p>{{/newKey}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section class="panel" aria-labelledby="users-title">
          <h2 id="users-title">{{t.users}}</h2>
          <div class="table-wrap" role="region" aria-label="{{t.users}}" tabindex="0"><table>
          <thead><tr><th scope="col">{{t.userID}}</th><th scope="col">{{t.name}}</th><th scope="col">{{t.role}}</th><th scope="col">{{t.partner}}</th><th scope="col">{{t.state}}</th><th scope="col">{{t.action}}</th></tr></thead>
          <tbody>
          {{#users}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{role}}</td><td>{{partner}}</td><td>{{state}}</td>
          <td>{{^isSelf}}<form method="post" action="/admin/users/{{id}}/{{#active}}disable{{/active}}{{^active}}enable{{/active}}"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">{{#active}}{{t.disable}}{{/active}}{{^active}}{{t.enable}}{{/active}}</button></form>{{/isSelf}}</td></tr>
          {{/users}}
          </tbody></table></div>
          <h3>{{t.newUser}}</h3>
          <form method="post" action="/admin/users" class="filters">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <p><label for="new-user-id">{{t.userID}}</label><input id="new-user-id" name="user_id" required autocomplete="off"></p>
            <p><label for="new-display-name">{{t.name}}</label><input id="new-display-name" name="display_name" required></p>
            <p><label for="new-role">{{t.role}}</label><select id="new-role" name="role">{{#roleChoices}}<option value="{{code}}">{{label}}</option>{{/roleChoices}}</select></p>
            <p><label for="new-partner">{{t.partnerCodeForPartnerUser}}</label><input id="new-partner" name="partner_id"></p>
            <p><label for="new-password">{{t.password}}</label><input id="new-password" name="password" type="password" required autocomplete="new-password"></p>
            <p><button type="submit">{{t.create}}</button></p>
          </form>
        </section>
        <section class="panel">{{#roleTable}}{{> table}}{{/roleTable}}</section>
        <section class="panel" aria-labelledby="keys-title">
          <h2 id="keys-title">{{t.apiKeys}}</h2>
          <div class="table-wrap" role="region" aria-label="{{t.apiKeys}}" tabindex="0"><table>
          <thead><tr><th scope="col">{{t.keyID}}</th><th scope="col">{{t.name}}</th><th scope="col">{{t.owner}}</th><th scope="col">{{t.scopes}}</th><th scope="col">{{t.expires}}</th><th scope="col">{{t.state}}</th><th scope="col">{{t.action}}</th></tr></thead>
          <tbody>
          {{#keys}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{owner}}</td><td>{{scopes}}</td><td>{{expires}}</td><td>{{state}}</td>
          <td>{{^revoked}}<form method="post" action="/admin/api-keys/{{id}}/revoke"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">{{t.revoke}}</button></form>{{/revoked}}</td></tr>
          {{/keys}}
          {{^keys}}<tr><td colspan="7">{{t.noRows}}</td></tr>{{/keys}}
          </tbody></table></div>
          <h3>{{t.newKey}}</h3>
          <form method="post" action="/admin/api-keys" class="filters">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <p><label for="key-name">{{t.name}}</label><input id="key-name" name="name" required></p>
            <p><label for="key-owner">{{t.owner}}</label><input id="key-owner" name="user_id" required></p>
            <fieldset><legend>{{t.scopes}}</legend>{{#scopeChoices}}<label class="check"><input type="checkbox" name="scopes[]" value="{{code}}"> {{label}}</label> {{/scopeChoices}}</fieldset>
            <p><label for="key-days">{{t.expiresInDays}}</label><input id="key-days" name="expires_in_days" type="number" min="1"></p>
            <p><button type="submit">{{t.create}}</button></p>
          </form>
        </section>
        """
}
