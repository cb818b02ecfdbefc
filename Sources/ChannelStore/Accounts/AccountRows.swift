package import ChannelCore
import Foundation

/// What every backend's `AccountStore` shares: the checks before a write (with their messages), the SELECTs and how
/// their rows become accounts and keys, and the audit images, which never hold a hash or a secret.
package enum AccountRows {
    /// A key's `last_used_at` moves only when a use is at least this much later (milliseconds).
    package static let useResolution: Int64 = 60_000

    /// Users with their partner's code: `account(_:)` reads its rows.
    package static let accountSelect = """
        SELECT u.user_id, u.display_name, u.role, p.partner_id, u.is_active, u.created_at, u.password_hash IS NOT NULL
        FROM users u LEFT JOIN partners p ON p.id = u.partner_id
        """

    /// API keys with their owner's user id and the secret hash: `apiKey(_:)` reads its rows.
    package static let apiKeySelect = """
        SELECT k.key_id, k.name, u.user_id, k.scopes, k.created_at, k.expires_at, k.revoked_at, k.last_used_at, k.secret_hash
        FROM api_keys k JOIN users u ON u.id = k.user_id
        """

    package static func account(_ row: some StoreRow) throws -> Account {
        let userID = try row.text(at: 0)
        let roleCode = try row.text(at: 2)
        guard let role = UserRole(rawValue: roleCode) else {
            throw StoreError(.corrupt, "user \(userID) has the unknown role '\(roleCode)'")
        }
        return Account(
            userID: UserID(userID), displayName: try row.text(at: 1), role: role, partnerID: try row.optionalText(at: 3).map { PartnerID($0) },
            isActive: try row.flag(at: 4), createdAt: try row.instant(at: 5), hasPassword: try row.flag(at: 6))
    }

    package static func apiKey(_ row: some StoreRow) throws -> (record: APIKeyRecord, secretHash: String) {
        let record = APIKeyRecord(
            keyID: try row.text(at: 0), name: try row.text(at: 1), owner: UserID(try row.text(at: 2)),
            scopes: try row.text(at: 3).split(separator: " ").map(String.init), createdAt: try row.instant(at: 4),
            expiresAt: try row.optionalInstant(at: 5), revokedAt: try row.optionalInstant(at: 6), lastUsedAt: try row.optionalInstant(at: 7))
        return (record, try row.text(at: 8))
    }

    package static func unknownUser(_ id: UserID) -> StoreError { StoreError(.notFound, "user \(id) does not exist") }

    package static func unknownPartner(_ partner: PartnerID) -> StoreError {
        StoreError(.notFound, "partner \(partner) does not exist; a partner user must belong to a known partner")
    }

    // MARK: Checks

    /// Refuses a user that breaks a rule, before anything is written.
    package static func validate(_ user: User, passwordHash: String?) throws {
        let issues = user.validate()
        guard issues.isEmpty else {
            throw StoreError(.constraint, "user \(user.id): \(issues.map(\.description).joined(separator: "; "))")
        }
        do {
            _ = try UserID(parsing: user.id.rawValue)
        } catch {
            throw StoreError(.constraint, "user id '\(user.id.rawValue)' \(error.reason)")
        }
        guard !user.displayName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(.constraint, "user \(user.id): the display name is empty")
        }
        if let passwordHash { try requireHash(passwordHash, of: "password", for: "user \(user.id)") }
    }

    /// Refuses an empty hash, which would look like a credential but match nothing (or, worse, anything).
    package static func requireHash(_ hash: String, of what: String, for owner: String) throws {
        guard !hash.isEmpty else { throw StoreError(.constraint, "\(owner): the \(what) hash is empty") }
    }

    package static func validate(_ key: APIKeyRecord, secretHash: String) throws {
        let subject = "API key '\(key.keyID)'"
        guard !key.keyID.isEmpty, !key.keyID.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true })
        else { throw StoreError(.constraint, "\(subject): a key id must be non-empty, without spaces") }
        guard !key.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(.constraint, "\(subject): the name is empty")
        }
        guard !key.scopes.isEmpty else { throw StoreError(.constraint, "\(subject): a key needs at least one scope") }
        for scope in key.scopes where scope.isEmpty || scope.contains(where: \.isWhitespace) {
            throw StoreError(.constraint, "\(subject): scope '\(scope)' is empty or contains a space")
        }
        if let expiresAt = key.expiresAt, expiresAt <= key.createdAt {
            throw StoreError(.constraint, "\(subject): it expires (\(expiresAt)) before it is created (\(key.createdAt))")
        }
        try requireHash(secretHash, of: "secret", for: "API key \(key.keyID)")
    }

    package static func validate(_ session: SessionRecord) throws {
        guard !session.tokenHash.isEmpty, !session.csrfToken.isEmpty else {
            throw StoreError(.constraint, "a session needs a token hash and a CSRF token")
        }
        guard session.expiresAt > session.createdAt else {
            throw StoreError(
                .constraint, "a session must expire after it is created (\(session.createdAt) >= \(session.expiresAt))")
        }
    }

    package static func validate(_ response: StoredResponse, key: String) throws {
        guard !key.isEmpty else { throw StoreError(.constraint, "an idempotency key must not be empty") }
        guard (100...599).contains(response.status) else {
            throw StoreError(.constraint, "HTTP status \(response.status) is not between 100 and 599")
        }
    }

    package static func alreadyRevoked(_ keyID: String, at revokedAt: Instant) -> StoreError {
        StoreError(.conflict, "API key \(keyID) was already revoked at \(revokedAt)")
    }

    package static func responseKept(user: String, key: String) -> StoreError {
        StoreError(.conflict, "a response is already kept for idempotency key \(key) of \(user)")
    }

    // MARK: Audit images (never a hash or a secret)

    package static func image(of account: Account, passwordChanged: Bool = false) -> String {
        var columns = ["user_id", "display_name", "role", "partner_id", "is_active", "created_at", "has_password"]
        var values: [DBValue] = [
            .text(account.userID.rawValue), .text(account.displayName), .text(account.role.rawValue),
            DBValue(account.partnerID?.rawValue), .integer(account.isActive ? 1 : 0),
            .integer(account.createdAt.millisecondsSinceEpoch), .integer(account.hasPassword ? 1 : 0),
        ]
        if passwordChanged {
            columns.append("password_changed")
            values.append(.integer(1))
        }
        return JSONText.object(columns, values)
    }

    package static func image(of key: APIKeyRecord) -> String {
        JSONText.object(
            ["key_id", "name", "user_id", "scopes", "created_at", "expires_at", "revoked_at", "last_used_at"],
            [
                .text(key.keyID), .text(key.name), .text(key.owner.rawValue), .text(key.scopes.joined(separator: " ")),
                .integer(key.createdAt.millisecondsSinceEpoch), DBValue(key.expiresAt?.millisecondsSinceEpoch),
                DBValue(key.revokedAt?.millisecondsSinceEpoch), DBValue(key.lastUsedAt?.millisecondsSinceEpoch),
            ])
    }
}
