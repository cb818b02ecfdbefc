import ChannelAuth
import ChannelCore
import ChannelStore

/// Account and API key administration: the checks and store calls that the admin API and the admin page share.
/// Errors are `APIError`s that say which field is wrong and why.
struct AccountAdmin {
    let store: any QudaoServer.Store
    let hasher: PasswordHasher
    let clock: @Sendable () -> Instant

    /// Creates an account with a password that passes the password policy.
    func createUser(_ body: AdminRoutes.NewUser, actor: String, requestID: String?) throws -> Account {
        guard let role = UserRole(rawValue: body.role) else {
            throw APIError.invalid("role must be one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let hash: String
        do {
            try PasswordPolicy().check(body.password)
            hash = try hasher.hash(body.password)
        } catch {
            throw APIError.invalid(error.message, details: [.init(field: "password", reason: error.message)])
        }
        let user = User(id: UserID(body.userID), displayName: body.displayName, role: role, partnerID: body.partnerID.map { PartnerID($0) })
        return try translatingErrors { try store.createUser(user, passwordHash: hash, actor: actor, requestID: requestID) }
    }

    /// Enables or disables an account and returns it. An admin cannot disable their own account: it would lock them
    /// out mid-session, and perhaps the last admin with them.
    /// - Throws: `APIError` 409 when `caller` disables itself, 404 for an unknown user.
    func setActive(_ id: UserID, _ active: Bool, caller: Principal, requestID: String?) throws -> Account {
        if !active, id == caller.userID {
            throw APIError.conflict("you cannot disable your own account; another admin can")
        }
        let actor = caller.actor
        let account = try translatingErrors { () throws -> Account? in
            try store.setActive(id, active, actor: actor, requestID: requestID)
            return try store.account(id)
        }
        guard let account else { throw APIError.notFound("there is no user \(id)") }
        return account
    }

    /// Creates an API key; returns its record and the whole key, which is shown this once.
    func createKey(_ body: AdminRoutes.NewKey, actor: String, requestID: String?) throws -> (record: APIKeyRecord, key: String) {
        let scopes: [APIScope]
        do { scopes = try APIScope.parseList(body.scopes) } catch { throw APIError.invalid(error.message) }
        guard !scopes.isEmpty else { throw APIError.invalid("name at least one scope") }
        let key = APIKeySecret.generate()
        let now = clock()
        let record = APIKeyRecord(
            keyID: key.keyID, name: body.name, owner: UserID(body.userID), scopes: scopes.map(\.rawValue), createdAt: now,
            expiresAt: body.expiresInDays.map { Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + Int64($0) * 86_400_000) })
        try translatingErrors { try store.createAPIKey(record, secretHash: key.secretHash, actor: actor, requestID: requestID) }
        return (record, key.presented)
    }

    func revokeKey(_ keyID: String, actor: String, requestID: String?) throws {
        try translatingErrors { try store.revokeAPIKey(keyID, at: clock(), actor: actor, requestID: requestID) }
    }
}
