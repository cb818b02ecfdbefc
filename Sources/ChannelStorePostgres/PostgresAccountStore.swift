public import ChannelCore
public import ChannelStore
import Foundation

/// Accounts, API keys, sessions and idempotency records in PostgreSQL (tables of migration `0002_accounts`), with the
/// checks, audit images and errors of SQLite's (`AccountRows`). Account changes are audited in their own transaction
/// and stay out of the change feed.
extension PostgresChannelStore: AccountStore {
    @discardableResult
    public func createUser(_ user: User, passwordHash: String?, actor: String, requestID: String?) throws -> Account {
        try AccountRows.validate(user, passwordHash: passwordHash)
        let now = now()
        return try writing("creating user \(user.id)") { session in
            if try Self.userRowID(session, user.id) != nil {
                throw StoreError(.conflict, "user \(user.id) already exists")
            }
            var partnerRowID: Int64?
            if let partner = user.partnerID {
                guard
                    let row = try session.query(
                        "SELECT id FROM partners WHERE partner_id = $1", [.text(partner.rawValue)], context: "reading partner \(partner)"
                    ).first
                else { throw AccountRows.unknownPartner(partner) }
                partnerRowID = try row.integer(at: 0)
            }
            try session.run(
                """
                INSERT INTO users (user_id, display_name, role, partner_id, is_active, created_at, password_hash)
                VALUES ($1, $2, $3, $4, $5 <> 0, $6, $7)
                """,
                [
                    .text(user.id.rawValue), .text(user.displayName), .text(user.role.rawValue), DBValue(partnerRowID),
                    .integer(user.isActive ? 1 : 0), .integer(now.millisecondsSinceEpoch), DBValue(passwordHash),
                ], context: "creating user \(user.id)")
            let account = Account(
                userID: user.id, displayName: user.displayName, role: user.role, partnerID: user.partnerID,
                isActive: user.isActive, createdAt: now, hasPassword: passwordHash != nil)
            try PostgresAuditLog.append(
                session, at: now, actor: actor, requestID: requestID, entity: "users", entityKey: user.id.rawValue,
                action: .create, before: nil, after: AccountRows.image(of: account))
            return account
        }
    }

    public func accounts() throws -> [Account] {
        try reading("listing users") { session in
            try session.query(AccountRows.accountSelect + " ORDER BY u.user_id COLLATE \"C\"", context: "listing users")
                .map(AccountRows.account)
        }
    }

    public func account(_ id: UserID) throws -> Account? {
        try reading("reading user \(id)") { session in try Self.account(session, id) }
    }

    public func passwordHash(of id: UserID) throws -> String? {
        try reading("reading the password of user \(id)") { session in
            try session.query(
                "SELECT password_hash FROM users WHERE user_id = $1", [.text(id.rawValue)], context: "reading a password hash"
            ).first?.optionalText(at: 0)
        }
    }

    public func setActive(_ id: UserID, _ active: Bool, actor: String, requestID: String?) throws {
        let now = now()
        try writing("\(active ? "enabling" : "disabling") user \(id)") { session in
            guard let before = try Self.account(session, id) else { throw AccountRows.unknownUser(id) }
            guard before.isActive != active else { return }
            try session.run(
                "UPDATE users SET is_active = $1 <> 0 WHERE user_id = $2", [.integer(active ? 1 : 0), .text(id.rawValue)],
                context: "updating user \(id)")
            // A disabled account signs out everywhere at once, not when its sessions expire.
            if !active { try Self.deleteSessions(session, of: id) }
            var after = before
            after.isActive = active
            try PostgresAuditLog.append(
                session, at: now, actor: actor, requestID: requestID, entity: "users", entityKey: id.rawValue, action: .update,
                before: AccountRows.image(of: before), after: AccountRows.image(of: after))
        }
    }

    public func setPasswordHash(_ id: UserID, _ hash: String, actor: String, requestID: String?) throws {
        try AccountRows.requireHash(hash, of: "password", for: "user \(id)")
        let now = now()
        try writing("setting the password of user \(id)") { session in
            guard let before = try Self.account(session, id) else { throw AccountRows.unknownUser(id) }
            try session.run(
                "UPDATE users SET password_hash = $1 WHERE user_id = $2", [.text(hash), .text(id.rawValue)],
                context: "updating user \(id)")
            // Whoever signed in with the old password (perhaps the reason for the change) is signed out.
            try Self.deleteSessions(session, of: id)
            var after = before
            after.hasPassword = true
            try PostgresAuditLog.append(
                session, at: now, actor: actor, requestID: requestID, entity: "users", entityKey: id.rawValue, action: .update,
                before: AccountRows.image(of: before), after: AccountRows.image(of: after, passwordChanged: true))
        }
    }

    public func createAPIKey(_ key: APIKeyRecord, secretHash: String, actor: String, requestID: String?) throws {
        try AccountRows.validate(key, secretHash: secretHash)
        try writing("creating API key \(key.keyID)") { session in
            guard let owner = try Self.userRowID(session, key.owner) else { throw AccountRows.unknownUser(key.owner) }
            if try Self.apiKey(session, key.keyID) != nil {
                throw StoreError(.conflict, "API key \(key.keyID) already exists")
            }
            try session.run(
                """
                INSERT INTO api_keys (key_id, secret_hash, name, user_id, scopes, created_at, expires_at, revoked_at, last_used_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """,
                [
                    .text(key.keyID), .text(secretHash), .text(key.name), .integer(owner), .text(key.scopes.joined(separator: " ")),
                    .integer(key.createdAt.millisecondsSinceEpoch), DBValue(key.expiresAt?.millisecondsSinceEpoch),
                    DBValue(key.revokedAt?.millisecondsSinceEpoch), DBValue(key.lastUsedAt?.millisecondsSinceEpoch),
                ], context: "creating API key \(key.keyID)")
            try PostgresAuditLog.append(
                session, at: key.createdAt, actor: actor, requestID: requestID, entity: "api_keys", entityKey: key.keyID,
                action: .create, before: nil, after: AccountRows.image(of: key))
        }
    }

    public func apiKeys(owner: UserID?) throws -> [APIKeyRecord] {
        try reading("listing API keys") { session in
            let rows =
                if let owner {
                    try session.query(
                        AccountRows.apiKeySelect + " WHERE u.user_id = $1 ORDER BY k.key_id COLLATE \"C\"", [.text(owner.rawValue)],
                        context: "listing API keys")
                } else {
                    try session.query(AccountRows.apiKeySelect + " ORDER BY k.key_id COLLATE \"C\"", context: "listing API keys")
                }
            return try rows.map { try AccountRows.apiKey($0).record }
        }
    }

    public func apiKey(_ keyID: String) throws -> (record: APIKeyRecord, secretHash: String)? {
        try reading("reading API key \(keyID)") { session in try Self.apiKey(session, keyID) }
    }

    public func revokeAPIKey(_ keyID: String, at: Instant, actor: String, requestID: String?) throws {
        try writing("revoking API key \(keyID)") { session in
            guard let before = try Self.apiKey(session, keyID)?.record else {
                throw StoreError(.notFound, "API key \(keyID) does not exist")
            }
            if let revokedAt = before.revokedAt { throw AccountRows.alreadyRevoked(keyID, at: revokedAt) }
            try session.run(
                "UPDATE api_keys SET revoked_at = $1 WHERE key_id = $2", [.integer(at.millisecondsSinceEpoch), .text(keyID)],
                context: "revoking API key \(keyID)")
            var after = before
            after.revokedAt = at
            try PostgresAuditLog.append(
                session, at: at, actor: actor, requestID: requestID, entity: "api_keys", entityKey: keyID, action: .update,
                before: AccountRows.image(of: before), after: AccountRows.image(of: after))
        }
    }

    public func noteAPIKeyUse(_ keyID: String, at: Instant) throws {
        // Minute resolution: a busy key would otherwise cost a durable write on every request. The check reads first,
        // so a use within the minute does not even wait for the writer lock.
        let rows = try reading("reading API key \(keyID)") { session in
            try session.query("SELECT last_used_at FROM api_keys WHERE key_id = $1", [.text(keyID)], context: "reading API key \(keyID)")
        }
        guard let row = rows.first else { throw StoreError(.notFound, "API key \(keyID) does not exist") }
        if let lastUse = try row.optionalInteger(at: 0), at.millisecondsSinceEpoch - lastUse < AccountRows.useResolution { return }
        try writing("noting the use of API key \(keyID)") { session in
            try session.run(
                "UPDATE api_keys SET last_used_at = $1 WHERE key_id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)",
                [.integer(at.millisecondsSinceEpoch), .text(keyID), .integer(at.millisecondsSinceEpoch - AccountRows.useResolution)],
                context: "noting the use of API key \(keyID)")
        }
    }

    public func createSession(_ record: SessionRecord) throws {
        try AccountRows.validate(record)
        try writing("creating a session for user \(record.owner)") { session in
            guard let owner = try Self.userRowID(session, record.owner) else { throw AccountRows.unknownUser(record.owner) }
            try session.run(
                "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                [
                    .text(record.tokenHash), .integer(owner), .text(record.csrfToken), .integer(record.createdAt.millisecondsSinceEpoch),
                    .integer(record.expiresAt.millisecondsSinceEpoch),
                ], context: "creating a session")
        }
    }

    public func session(tokenHash: String) throws -> SessionRecord? {
        try reading("reading a session") { session in
            guard
                let row = try session.query(
                    """
                    SELECT s.token_hash, u.user_id, s.csrf_token, s.created_at, s.expires_at
                    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1
                    """, [.text(tokenHash)], context: "reading a session"
                ).first
            else { return nil }
            return SessionRecord(
                tokenHash: try row.text(at: 0), owner: UserID(try row.text(at: 1)), csrfToken: try row.text(at: 2),
                createdAt: try row.instant(at: 3), expiresAt: try row.instant(at: 4))
        }
    }

    public func deleteSession(tokenHash: String) throws {
        try writing("deleting a session") { session in
            try session.run("DELETE FROM sessions WHERE token_hash = $1", [.text(tokenHash)], context: "deleting a session")
        }
    }

    public func deleteExpiredSessions(before: Instant) throws {
        try writing("deleting expired sessions") { session in
            try session.run(
                "DELETE FROM sessions WHERE expires_at <= $1", [.integer(before.millisecondsSinceEpoch)], context: "deleting expired sessions")
        }
    }

    public func deleteStoredResponses(before: Instant) throws {
        try writing("deleting old idempotency records") { session in
            try session.run(
                "DELETE FROM idempotency_keys WHERE created_at < $1", [.integer(before.millisecondsSinceEpoch)],
                context: "deleting old idempotency records")
        }
    }

    public func storedResponse(user: String, key: String) throws -> StoredResponse? {
        try reading("reading the response kept for idempotency key \(key)") { session in
            // The body travels as base64 text: the store's values are integers and text.
            guard
                let row = try session.query(
                    """
                    SELECT request_hash, status, encode(body, 'base64'), content_type, created_at
                    FROM idempotency_keys WHERE user_id = $1 AND key = $2
                    """, [.text(user), .text(key)], context: "reading a kept response"
                ).first
            else { return nil }
            guard let body = Data(base64Encoded: try row.text(at: 2), options: .ignoreUnknownCharacters) else {
                throw StoreError(.corrupt, "the response kept for idempotency key \(key) cannot be read")
            }
            return StoredResponse(
                requestHash: try row.text(at: 0), status: Int(try row.integer(at: 1)), body: Array(body), contentType: try row.text(at: 3),
                createdAt: try row.instant(at: 4))
        }
    }

    public func storeResponse(user: String, key: String, _ response: StoredResponse) throws {
        try AccountRows.validate(response, key: key)
        try writing("keeping the response for idempotency key \(key)") { session in
            let kept = try session.query(
                "SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key = $2", [.text(user), .text(key)],
                context: "looking for a kept response")
            if !kept.isEmpty { throw AccountRows.responseKept(user: user, key: key) }
            try session.run(
                """
                INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, content_type, created_at)
                VALUES ($1, $2, $3, $4, decode($5, 'base64'), $6, $7)
                """,
                [
                    .text(user), .text(key), .text(response.requestHash), .integer(Int64(response.status)),
                    .text(Data(response.body).base64EncodedString()), .text(response.contentType),
                    .integer(response.createdAt.millisecondsSinceEpoch),
                ], context: "keeping a response")
        }
    }

    // MARK: Rows

    static func account(_ session: PostgresSession, _ id: UserID) throws -> Account? {
        try session.query(AccountRows.accountSelect + " WHERE u.user_id = $1", [.text(id.rawValue)], context: "reading user \(id)")
            .first.map(AccountRows.account)
    }

    static func apiKey(_ session: PostgresSession, _ keyID: String) throws -> (record: APIKeyRecord, secretHash: String)? {
        try session.query(AccountRows.apiKeySelect + " WHERE k.key_id = $1", [.text(keyID)], context: "reading API key \(keyID)")
            .first.map(AccountRows.apiKey)
    }

    static func userRowID(_ session: PostgresSession, _ id: UserID) throws -> Int64? {
        try session.query("SELECT id FROM users WHERE user_id = $1", [.text(id.rawValue)], context: "reading user \(id)").first?
            .integer(at: 0)
    }

    private static func deleteSessions(_ session: PostgresSession, of id: UserID) throws {
        try session.run(
            "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE user_id = $1)", [.text(id.rawValue)],
            context: "ending the sessions of user \(id)")
    }
}
