public import ChannelCore
public import ChannelStore
import Foundation
import GRDB

/// Accounts, API keys, sessions and idempotency records in the SQLite file (tables of migration `0002_accounts`).
///
/// Account changes are audited in their own transaction through `AuditLog`, with images that leave out every hash
/// and secret; none of them enters the change feed (the analytic engine has no use for accounts).
extension SQLiteChannelStore: AccountStore {
    @discardableResult
    public func createUser(_ user: User, passwordHash: String?, actor: String, requestID: String?) throws -> Account {
        try AccountRows.validate(user, passwordHash: passwordHash)
        let now = accountClock()
        return try writeAccounts("creating user \(user.id)") { db in
            if try Self.userRowID(db, user.id) != nil {
                throw StoreError(.conflict, "user \(user.id) already exists")
            }
            var partnerRowID: Int64?
            if let partner = user.partnerID {
                guard
                    let rowID = try Int64.fetchOne(
                        db, sql: "SELECT id FROM partners WHERE partner_id = ?", arguments: [partner.rawValue])
                else {
                    throw AccountRows.unknownPartner(partner)
                }
                partnerRowID = rowID
            }
            try db.execute(
                sql: """
                    INSERT INTO users (user_id, display_name, role, partner_id, is_active, created_at, password_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    user.id.rawValue, user.displayName, user.role.rawValue, partnerRowID, user.isActive,
                    now.millisecondsSinceEpoch, passwordHash,
                ])
            let account = Account(
                userID: user.id, displayName: user.displayName, role: user.role, partnerID: user.partnerID,
                isActive: user.isActive, createdAt: now, hasPassword: passwordHash != nil)
            try AuditLog.append(
                db, at: now, actor: actor, requestID: requestID, entity: "users", entityKey: user.id.rawValue,
                action: .create, before: nil, after: AccountRows.image(of: account))
            return account
        }
    }

    public func accounts() throws -> [Account] {
        try readAccounts("listing users") { db in
            try Row.fetchAll(db, sql: AccountRows.accountSelect + " ORDER BY u.user_id").map(AccountRows.account)
        }
    }

    public func account(_ id: UserID) throws -> Account? {
        try readAccounts("reading user \(id)") { db in try Self.account(db, id) }
    }

    public func passwordHash(of id: UserID) throws -> String? {
        try readAccounts("reading the password of user \(id)") { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE user_id = ?", arguments: [id.rawValue])
        }
    }

    public func setActive(_ id: UserID, _ active: Bool, actor: String, requestID: String?) throws {
        let now = accountClock()
        try writeAccounts("\(active ? "enabling" : "disabling") user \(id)") { db in
            guard let before = try Self.account(db, id) else { throw AccountRows.unknownUser(id) }
            guard before.isActive != active else { return }
            try db.execute(sql: "UPDATE users SET is_active = ? WHERE user_id = ?", arguments: [active, id.rawValue])
            // A disabled account signs out everywhere at once, not when its sessions expire.
            if !active { try Self.deleteSessions(db, of: id) }
            var after = before
            after.isActive = active
            try AuditLog.append(
                db, at: now, actor: actor, requestID: requestID, entity: "users", entityKey: id.rawValue, action: .update,
                before: AccountRows.image(of: before), after: AccountRows.image(of: after))
        }
    }

    public func setPasswordHash(_ id: UserID, _ hash: String, actor: String, requestID: String?) throws {
        try AccountRows.requireHash(hash, of: "password", for: "user \(id)")
        let now = accountClock()
        try writeAccounts("setting the password of user \(id)") { db in
            guard let before = try Self.account(db, id) else { throw AccountRows.unknownUser(id) }
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE user_id = ?", arguments: [hash, id.rawValue])
            // Whoever signed in with the old password (perhaps the reason for the change) is signed out.
            try Self.deleteSessions(db, of: id)
            var after = before
            after.hasPassword = true
            try AuditLog.append(
                db, at: now, actor: actor, requestID: requestID, entity: "users", entityKey: id.rawValue, action: .update,
                before: AccountRows.image(of: before), after: AccountRows.image(of: after, passwordChanged: true))
        }
    }

    public func createAPIKey(_ key: APIKeyRecord, secretHash: String, actor: String, requestID: String?) throws {
        try AccountRows.validate(key, secretHash: secretHash)
        try writeAccounts("creating API key \(key.keyID)") { db in
            guard let owner = try Self.userRowID(db, key.owner) else { throw AccountRows.unknownUser(key.owner) }
            if try Self.apiKey(db, key.keyID) != nil {
                throw StoreError(.conflict, "API key \(key.keyID) already exists")
            }
            try db.execute(
                sql: """
                    INSERT INTO api_keys
                        (key_id, secret_hash, name, user_id, scopes, created_at, expires_at, revoked_at, last_used_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key.keyID, secretHash, key.name, owner, key.scopes.joined(separator: " "),
                    key.createdAt.millisecondsSinceEpoch, key.expiresAt?.millisecondsSinceEpoch,
                    key.revokedAt?.millisecondsSinceEpoch, key.lastUsedAt?.millisecondsSinceEpoch,
                ])
            try AuditLog.append(
                db, at: key.createdAt, actor: actor, requestID: requestID, entity: "api_keys", entityKey: key.keyID,
                action: .create, before: nil, after: AccountRows.image(of: key))
        }
    }

    public func apiKeys(owner: UserID?) throws -> [APIKeyRecord] {
        try readAccounts("listing API keys") { db in
            let rows: [Row]
            if let owner {
                rows = try Row.fetchAll(
                    db, sql: AccountRows.apiKeySelect + " WHERE u.user_id = ? ORDER BY k.key_id", arguments: [owner.rawValue])
            } else {
                rows = try Row.fetchAll(db, sql: AccountRows.apiKeySelect + " ORDER BY k.key_id")
            }
            return try rows.map { try AccountRows.apiKey($0).record }
        }
    }

    public func apiKey(_ keyID: String) throws -> (record: APIKeyRecord, secretHash: String)? {
        try readAccounts("reading API key \(keyID)") { db in try Self.apiKey(db, keyID) }
    }

    public func revokeAPIKey(_ keyID: String, at: Instant, actor: String, requestID: String?) throws {
        try writeAccounts("revoking API key \(keyID)") { db in
            guard let before = try Self.apiKey(db, keyID)?.record else {
                throw StoreError(.notFound, "API key \(keyID) does not exist")
            }
            if let revokedAt = before.revokedAt {
                throw AccountRows.alreadyRevoked(keyID, at: revokedAt)
            }
            try db.execute(
                sql: "UPDATE api_keys SET revoked_at = ? WHERE key_id = ?", arguments: [at.millisecondsSinceEpoch, keyID])
            var after = before
            after.revokedAt = at
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "api_keys", entityKey: keyID, action: .update,
                before: AccountRows.image(of: before), after: AccountRows.image(of: after))
        }
    }

    public func noteAPIKeyUse(_ keyID: String, at: Instant) throws {
        // Minute resolution: a busy key would otherwise cost a durable write on every request. The check runs on a
        // reader first, so a use within the minute does not even wait for the writer.
        // nil: no such key; .some(nil): never used.
        let found: Int64?? = try readAccounts("reading API key \(keyID)") { db in
            try Row.fetchOne(db, sql: "SELECT last_used_at FROM api_keys WHERE key_id = ?", arguments: [keyID])
                .map { row -> Int64? in row[0] }
        }
        guard let lastUse = found else { throw StoreError(.notFound, "API key \(keyID) does not exist") }
        if let lastUse, at.millisecondsSinceEpoch - lastUse < AccountRows.useResolution { return }
        try writeAccounts("noting the use of API key \(keyID)") { db in
            try db.execute(
                sql: """
                    UPDATE api_keys SET last_used_at = ?
                    WHERE key_id = ? AND (last_used_at IS NULL OR last_used_at <= ?)
                    """,
                arguments: [at.millisecondsSinceEpoch, keyID, at.millisecondsSinceEpoch - AccountRows.useResolution])
        }
    }

    public func createSession(_ session: SessionRecord) throws {
        try AccountRows.validate(session)
        try writeAccounts("creating a session for user \(session.owner)") { db in
            guard let owner = try Self.userRowID(db, session.owner) else { throw AccountRows.unknownUser(session.owner) }
            try db.execute(
                sql: "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    session.tokenHash, owner, session.csrfToken, session.createdAt.millisecondsSinceEpoch,
                    session.expiresAt.millisecondsSinceEpoch,
                ])
        }
    }

    public func session(tokenHash: String) throws -> SessionRecord? {
        try readAccounts("reading a session") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.token_hash, u.user_id, s.csrf_token, s.created_at, s.expires_at
                        FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?
                        """, arguments: [tokenHash])
            else { return nil }
            return SessionRecord(
                tokenHash: row[0], owner: UserID(row[1] as String), csrfToken: row[2],
                createdAt: Instant(millisecondsSinceEpoch: row[3]), expiresAt: Instant(millisecondsSinceEpoch: row[4]))
        }
    }

    public func deleteSession(tokenHash: String) throws {
        try writeAccounts("deleting a session") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func deleteExpiredSessions(before: Instant) throws {
        try writeAccounts("deleting expired sessions") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [before.millisecondsSinceEpoch])
        }
    }

    public func deleteStoredResponses(before: Instant) throws {
        try writeAccounts("deleting old idempotency records") { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE created_at < ?", arguments: [before.millisecondsSinceEpoch])
        }
    }

    public func storedResponse(user: String, key: String) throws -> StoredResponse? {
        try readAccounts("reading the response kept for idempotency key \(key)") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT request_hash, status, body, content_type, created_at
                        FROM idempotency_keys WHERE user_id = ? AND key = ?
                        """, arguments: [user, key])
            else { return nil }
            let body: Data = row[2]
            return StoredResponse(
                requestHash: row[0], status: row[1], body: Array(body), contentType: row[3],
                createdAt: Instant(millisecondsSinceEpoch: row[4]))
        }
    }

    public func storeResponse(user: String, key: String, _ response: StoredResponse) throws {
        try AccountRows.validate(response, key: key)
        try writeAccounts("keeping the response for idempotency key \(key)") { db in
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM idempotency_keys WHERE user_id = ? AND key = ?", arguments: [user, key]) == true
            {
                throw AccountRows.responseKept(user: user, key: key)
            }
            try db.execute(
                sql: """
                    INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, content_type, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    user, key, response.requestHash, response.status, Data(response.body), response.contentType,
                    response.createdAt.millisecondsSinceEpoch,
                ])
        }
    }
}

// MARK: - Rows

extension SQLiteChannelStore {
    /// The instant of account changes that carry none of their own: the store's clock (injected by tests).
    func accountClock() -> Instant { now() }

    static func account(_ db: Database, _ id: UserID) throws -> Account? {
        try Row.fetchOne(db, sql: AccountRows.accountSelect + " WHERE u.user_id = ?", arguments: [id.rawValue]).map(AccountRows.account)
    }

    static func apiKey(_ db: Database, _ keyID: String) throws -> (record: APIKeyRecord, secretHash: String)? {
        try Row.fetchOne(db, sql: AccountRows.apiKeySelect + " WHERE k.key_id = ?", arguments: [keyID]).map(AccountRows.apiKey)
    }

    static func userRowID(_ db: Database, _ id: UserID) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE user_id = ?", arguments: [id.rawValue])
    }

    static func deleteSessions(_ db: Database, of id: UserID) throws {
        try db.execute(
            sql: "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE user_id = ?)", arguments: [id.rawValue])
    }

    // MARK: Transactions and errors

    /// Runs `body` in one write transaction, with SQLite's errors turned into `StoreError`s about `what`.
    func writeAccounts<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw Self.storeError(error, what)
        }
    }

    /// Runs `body` on a consistent snapshot, with SQLite's errors turned into `StoreError`s about `what`.
    func readAccounts<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.storeError(error, what)
        }
    }

    static func storeError(_ error: any Error, _ what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return StoreError(.unavailable, "\(what) failed", underlying: error) }
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return StoreError(.conflict, "\(what): the record already exists", underlying: error)
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return StoreError(.notFound, "\(what): a record it refers to does not exist", underlying: error)
        default:
            if error.resultCode == .SQLITE_CONSTRAINT {
                return StoreError(.constraint, "\(what): \(error.message ?? "a constraint is violated")", underlying: error)
            }
            return StoreError(.unavailable, "\(what) failed", underlying: error)
        }
    }
}
