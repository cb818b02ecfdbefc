import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
import ChannelStoreTestSupport

/// Accounts, API keys, sessions and idempotency records round-trip through the store (each backend); every account
/// change is audited without hashes or secrets; refusals carry the right `StoreError` code and a message naming the
/// record.
@Suite struct AccountStoreTests {
    /// Stand-ins for a bcrypt hash and SHA-256 secret hashes: distinctive, so the tests can look for leaks.
    static let passwordHash = "$2b$04$PASSWORDHASHPASSWORDHASHPASSWORDHASHPASSWORDHASHPASSW"
    static let otherPasswordHash = "$2b$04$OTHERHASHOTHERHASHOTHERHASHOTHERHASHOTHERHASHOTHERHAS"
    static let secretHash = String(repeating: "5ec7e7", count: 10) + "abcd"

    static let admin = User(id: UserID("alice"), displayName: "Alice 管理员", role: .admin, partnerID: nil)
    static let analyst = User(id: UserID("bob"), displayName: "Bob", role: .analyst, partnerID: nil)
    static let dealer = User(id: UserID("r1-user"), displayName: "福田经销店", role: .partnerUser, partnerID: PartnerID("R1"))

    static func at(_ seconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: fixedNow.millisecondsSinceEpoch + seconds * 1_000)
    }

    static func key(_ id: String, owner: UserID = admin.id, scopes: [String] = ["read", "kpi"], expiresAt: Instant? = nil)
        -> APIKeyRecord
    {
        APIKeyRecord(keyID: id, name: "ERP sync \(id)", owner: owner, scopes: scopes, createdAt: at(0), expiresAt: expiresAt)
    }

    /// Asserts that `body` throws a `StoreError` with `code` whose message contains `text`.
    func expectStoreError(_ code: StoreError.Code, _ text: String, _ body: () throws -> Void) {
        let error = #expect(throws: StoreError.self) { try body() }
        #expect(error?.code == code, "\(error.map { "\($0.code): \($0.message)" } ?? "no error")")
        #expect(error?.message.contains(text) == true, "\(error?.message ?? "no error")")
    }

    /// No audit image holds any of the hashes the tests store.
    func expectNoSecrets(in events: [AuditEvent]) {
        for event in events {
            for image in [event.before, event.after].compactMap({ $0 }) {
                #expect(!image.contains(Self.passwordHash))
                #expect(!image.contains(Self.otherPasswordHash))
                #expect(!image.contains(Self.secretHash))
                #expect(!image.contains("hash\""), "image names a hash column: \(image)")
            }
        }
    }

    // MARK: Users

    @Test(arguments: Backend.allCases)
    func createsListsAndReadsAccounts(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let created = try store.createUser(Self.admin, passwordHash: Self.passwordHash, actor: "cli:root", requestID: "req-1")
            try store.createUser(Self.analyst, passwordHash: nil, actor: "cli:root", requestID: nil)
            #expect(created.userID == Self.admin.id)
            #expect(created.displayName == "Alice 管理员")
            #expect(created.role == .admin)
            #expect(created.isActive)
            #expect(created.hasPassword)
            #expect(created.user == Self.admin)
            #expect(created.createdAt == fixedNow)

            #expect(try store.accounts().map(\.userID) == [Self.admin.id, Self.analyst.id])
            #expect(try store.account(Self.admin.id) == created)
            let analyst = try #require(try store.account(Self.analyst.id))
            #expect(!analyst.hasPassword)
            #expect(try store.account(UserID("nobody")) == nil)

            #expect(try store.passwordHash(of: Self.admin.id) == Self.passwordHash)
            #expect(try store.passwordHash(of: Self.analyst.id) == nil)
            #expect(try store.passwordHash(of: UserID("nobody")) == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func auditsUserCreationWithoutTheHash(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let account = try store.createUser(Self.admin, passwordHash: Self.passwordHash, actor: "cli:root", requestID: "req-1")
            let event = try #require(try store.auditEvents(after: 0, limit: 10).last)
            #expect(event.entity == "users")
            #expect(event.entityKey == "alice")
            #expect(event.action == .create)
            #expect(event.actor == "cli:root")
            #expect(event.requestID == "req-1")
            #expect(event.before == nil)
            #expect(event.at == account.createdAt)
            let after = try jsonObject(event.after)
            #expect(after["user_id"] as? String == "alice")
            #expect(after["display_name"] as? String == "Alice 管理员")
            #expect(after["role"] as? String == "admin")
            #expect(after["partner_id"] is NSNull)
            #expect(after["is_active"] as? Int == 1)
            #expect(after["has_password"] as? Int == 1)
            #expect(after["created_at"] as? Int64 == account.createdAt.millisecondsSinceEpoch)
            expectNoSecrets(in: try store.auditEvents(after: 0, limit: 10))
        }
    }

    @Test(arguments: Backend.allCases)
    func refusesADuplicateUserID(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(Self.admin, passwordHash: nil, actor: "test", requestID: nil)
            let events = try store.lastAuditEventID()
            var again = Self.analyst
            again.id = Self.admin.id
            expectStoreError(.conflict, "user alice already exists") {
                _ = try store.createUser(again, passwordHash: nil, actor: "test", requestID: nil)
            }
            #expect(try store.account(Self.admin.id)?.role == .admin)
            #expect(try store.lastAuditEventID() == events)
        }
    }

    @Test(arguments: Backend.allCases)
    func refusesUsersTheDomainRejects(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            var unbound = Self.dealer
            unbound.partnerID = nil
            expectStoreError(.constraint, "partner_id is required for a partner user") {
                _ = try store.createUser(unbound, passwordHash: nil, actor: "test", requestID: nil)
            }
            var bound = Self.analyst
            bound.partnerID = PartnerID("R1")
            expectStoreError(.constraint, "partner_id is only allowed for a partner user") {
                _ = try store.createUser(bound, passwordHash: nil, actor: "test", requestID: nil)
            }
            expectStoreError(.constraint, "has leading or trailing spaces") {
                _ = try store.createUser(
                    User(id: UserID(" x"), displayName: "X", role: .analyst, partnerID: nil), passwordHash: nil, actor: "t",
                    requestID: nil)
            }
            expectStoreError(.constraint, "display name is empty") {
                _ = try store.createUser(
                    User(id: UserID("x"), displayName: " ", role: .analyst, partnerID: nil), passwordHash: nil, actor: "t",
                    requestID: nil)
            }
            expectStoreError(.constraint, "password hash is empty") {
                _ = try store.createUser(Self.analyst, passwordHash: "", actor: "t", requestID: nil)
            }
            #expect(try store.accounts().isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func partnerUserNeedsAnExistingPartner(_ backend: Backend) throws {
        try backend.withStore { store throws in
            expectStoreError(.notFound, "partner R1 does not exist; a partner user must belong to a known partner") {
                _ = try store.createUser(Self.dealer, passwordHash: nil, actor: "test", requestID: nil)
            }
            #expect(try store.accounts().isEmpty)
            #expect(try store.auditEvents(after: 0, limit: 10).isEmpty)

            try store.write(SampleData())
            let account = try store.createUser(Self.dealer, passwordHash: Self.passwordHash, actor: "test", requestID: nil)
            #expect(account.partnerID == PartnerID("R1"))
            #expect(try store.account(Self.dealer.id)?.partnerID == PartnerID("R1"))
            let event = try #require(try store.auditEvents(after: 0, limit: 100).last)
            #expect(try jsonObject(event.after)["partner_id"] as? String == "R1")
        }
    }

    @Test(arguments: Backend.allCases)
    func disablesAndEnablesWithAudit(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(Self.admin, passwordHash: Self.passwordHash, actor: "test", requestID: nil)
            try store.createSession(
                SessionRecord(tokenHash: "t1", owner: Self.admin.id, csrfToken: "c1", createdAt: Self.at(0), expiresAt: Self.at(3_600)))
            let start = try store.lastAuditEventID()

            try store.setActive(Self.admin.id, false, actor: "cli:ops", requestID: "req-9")
            #expect(try store.account(Self.admin.id)?.isActive == false)
            #expect(try store.session(tokenHash: "t1") == nil, "disabling ends the user's sessions")
            let disabled = try #require(try store.auditEvents(after: start, limit: 10).first)
            #expect(disabled.entity == "users" && disabled.entityKey == "alice" && disabled.action == .update)
            #expect(disabled.actor == "cli:ops" && disabled.requestID == "req-9")
            #expect(try jsonObject(disabled.before)["is_active"] as? Int == 1)
            #expect(try jsonObject(disabled.after)["is_active"] as? Int == 0)

            // Already disabled: nothing changes, nothing is recorded.
            try store.setActive(Self.admin.id, false, actor: "cli:ops", requestID: nil)
            #expect(try store.lastAuditEventID() == disabled.id)

            try store.setActive(Self.admin.id, true, actor: "cli:ops", requestID: nil)
            #expect(try store.account(Self.admin.id)?.isActive == true)
            let enabled = try #require(try store.auditEvents(after: disabled.id, limit: 10).first)
            #expect(try jsonObject(enabled.after)["is_active"] as? Int == 1)
            #expect(try store.passwordHash(of: Self.admin.id) == Self.passwordHash)
            expectNoSecrets(in: try store.auditEvents(after: 0, limit: 100))

            expectStoreError(.notFound, "user nobody does not exist") {
                try store.setActive(UserID("nobody"), false, actor: "t", requestID: nil)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func changesPasswordsWithAuditAndEndsSessions(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(Self.analyst, passwordHash: nil, actor: "test", requestID: nil)
            try store.createSession(
                SessionRecord(tokenHash: "t1", owner: Self.analyst.id, csrfToken: "c", createdAt: Self.at(0), expiresAt: Self.at(60)))
            let start = try store.lastAuditEventID()

            try store.setPasswordHash(Self.analyst.id, Self.passwordHash, actor: "cli:ops", requestID: nil)
            #expect(try store.passwordHash(of: Self.analyst.id) == Self.passwordHash)
            #expect(try store.account(Self.analyst.id)?.hasPassword == true)
            #expect(try store.session(tokenHash: "t1") == nil)

            try store.setPasswordHash(Self.analyst.id, Self.otherPasswordHash, actor: "cli:ops", requestID: nil)
            #expect(try store.passwordHash(of: Self.analyst.id) == Self.otherPasswordHash)

            let events = try store.auditEvents(after: start, limit: 10)
            #expect(events.count == 2)
            #expect(events.allSatisfy { $0.entity == "users" && $0.entityKey == "bob" && $0.action == .update })
            #expect(try jsonObject(events[0].before)["has_password"] as? Int == 0)
            #expect(try jsonObject(events[0].after)["has_password"] as? Int == 1)
            #expect(try jsonObject(events[0].after)["password_changed"] as? Int == 1)
            expectNoSecrets(in: events)

            expectStoreError(.notFound, "user nobody does not exist") {
                try store.setPasswordHash(UserID("nobody"), Self.passwordHash, actor: "t", requestID: nil)
            }
            expectStoreError(.constraint, "password hash is empty") {
                try store.setPasswordHash(Self.analyst.id, "", actor: "t", requestID: nil)
            }
        }
    }

    // MARK: API keys

    @Test(arguments: Backend.allCases)
    func createsAndListsAPIKeys(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(Self.admin, passwordHash: nil, actor: "test", requestID: nil)
            try store.createUser(Self.analyst, passwordHash: nil, actor: "test", requestID: nil)
            let expiring = Self.key("bbbbbbbbbbbb", expiresAt: Self.at(86_400))
            let forever = Self.key("aaaaaaaaaaaa", owner: Self.analyst.id, scopes: ["kpi"])
            try store.createAPIKey(expiring, secretHash: Self.secretHash, actor: "cli:root", requestID: "req-2")
            try store.createAPIKey(forever, secretHash: "other-hash", actor: "cli:root", requestID: nil)

            #expect(try store.apiKeys(owner: nil) == [forever, expiring])
            #expect(try store.apiKeys(owner: Self.admin.id) == [expiring])
            #expect(try store.apiKeys(owner: UserID("nobody")).isEmpty)
            let found = try #require(try store.apiKey("bbbbbbbbbbbb"))
            #expect(found.record == expiring)
            #expect(found.record.scopes == ["read", "kpi"])
            #expect(found.record.expiresAt == Self.at(86_400))
            #expect(found.record.revokedAt == nil && found.record.lastUsedAt == nil)
            #expect(found.secretHash == Self.secretHash)
            #expect(try store.apiKey("cccccccccccc") == nil)

            let event = try #require(try store.auditEvents(after: 0, limit: 100).first { $0.entity == "api_keys" })
            #expect(event.entityKey == "bbbbbbbbbbbb")
            #expect(event.action == .create)
            #expect(event.at == expiring.createdAt)
            #expect(event.requestID == "req-2")
            let after = try jsonObject(event.after)
            #expect(after["user_id"] as? String == "alice")
            #expect(after["scopes"] as? String == "read kpi")
            #expect(after["expires_at"] as? Int64 == Self.at(86_400).millisecondsSinceEpoch)
            #expect(after["revoked_at"] is NSNull)
            expectNoSecrets(in: try store.auditEvents(after: 0, limit: 100))
        }
    }

    @Test(arguments: Backend.allCases)
    func refusesBadAPIKeys(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(Self.admin, passwordHash: nil, actor: "test", requestID: nil)
            try store.createAPIKey(Self.key("aaaaaaaaaaaa"), secretHash: Self.secretHash, actor: "t", requestID: nil)
            let events = try store.lastAuditEventID()
            expectStoreError(.conflict, "API key aaaaaaaaaaaa already exists") {
                try store.createAPIKey(Self.key("aaaaaaaaaaaa"), secretHash: "x", actor: "t", requestID: nil)
            }
            expectStoreError(.notFound, "user nobody does not exist") {
                try store.createAPIKey(Self.key("bbbbbbbbbbbb", owner: UserID("nobody")), secretHash: "x", actor: "t", requestID: nil)
            }
            expectStoreError(.constraint, "at least one scope") {
                try store.createAPIKey(Self.key("bbbbbbbbbbbb", scopes: []), secretHash: "x", actor: "t", requestID: nil)
            }
            expectStoreError(.constraint, "scope 'read kpi' is empty or contains a space") {
                try store.createAPIKey(Self.key("bbbbbbbbbbbb", scopes: ["read kpi"]), secretHash: "x", actor: "t", requestID: nil)
            }
            expectStoreError(.constraint, "before it is created") {
                try store.createAPIKey(Self.key("bbbbbbbbbbbb", expiresAt: Self.at(0)), secretHash: "x", actor: "t", requestID: nil)
            }
            expectStoreError(.constraint, "secret hash is empty") {
                try store.createAPIKey(Self.key("bbbbbbbbbbbb"), secretHash: "", actor: "t", requestID: nil)
            }
            expectStoreError(.constraint, "without spaces") {
                try store.createAPIKey(Self.key("bad key"), secretHash: "x", actor: "t", requestID: nil)
            }
            #expect(try store.apiKeys(owner: nil).map(\.keyID) == ["aaaaaaaaaaaa"])
            #expect(try store.lastAuditEventID() == events)
        }
    }

    @Test(arguments: Backend.allCases)
    func revokesAPIKeys(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(Self.admin, passwordHash: nil, actor: "test", requestID: nil)
            let key = Self.key("aaaaaaaaaaaa")
            try store.createAPIKey(key, secretHash: Self.secretHash, actor: "t", requestID: nil)
            #expect(key.isUsable(at: Self.at(10)))
            let start = try store.lastAuditEventID()

            try store.revokeAPIKey("aaaaaaaaaaaa", at: Self.at(120), actor: "cli:ops", requestID: "req-3")
            let revoked = try #require(try store.apiKey("aaaaaaaaaaaa")).record
            #expect(revoked.revokedAt == Self.at(120))
            #expect(!revoked.isUsable(at: Self.at(120)))
            #expect(revoked.isUsable(at: Self.at(119)))

            let event = try #require(try store.auditEvents(after: start, limit: 10).first)
            #expect(event.entity == "api_keys" && event.entityKey == "aaaaaaaaaaaa" && event.action == .update)
            #expect(event.at == Self.at(120) && event.actor == "cli:ops" && event.requestID == "req-3")
            #expect(try jsonObject(event.before)["revoked_at"] is NSNull)
            #expect(try jsonObject(event.after)["revoked_at"] as? Int64 == Self.at(120).millisecondsSinceEpoch)
            expectNoSecrets(in: [event])

            expectStoreError(.conflict, "API key aaaaaaaaaaaa was already revoked at") {
                try store.revokeAPIKey("aaaaaaaaaaaa", at: Self.at(200), actor: "t", requestID: nil)
            }
            expectStoreError(.notFound, "API key zzzzzzzzzzzz does not exist") {
                try store.revokeAPIKey("zzzzzzzzzzzz", at: Self.at(200), actor: "t", requestID: nil)
            }
            #expect(try store.lastAuditEventID() == event.id)
        }
    }

    @Test func expiryIsPartOfTheRecord() {
        let key = Self.key("aaaaaaaaaaaa", expiresAt: Self.at(60))
        #expect(key.isUsable(at: Self.at(59)))
        #expect(!key.isUsable(at: Self.at(60)))
        #expect(Self.key("bbbbbbbbbbbb").isUsable(at: Self.at(1_000_000_000)))
    }

    @Test(arguments: Backend.allCases)
    func notesKeyUseAtMinuteResolutionWithoutAudit(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(Self.admin, passwordHash: nil, actor: "test", requestID: nil)
            try store.createAPIKey(Self.key("aaaaaaaaaaaa"), secretHash: Self.secretHash, actor: "t", requestID: nil)
            let events = try store.lastAuditEventID()
            try store.noteAPIKeyUse("aaaaaaaaaaaa", at: Self.at(10))
            #expect(try store.apiKey("aaaaaaaaaaaa")?.record.lastUsedAt == Self.at(10))
            try store.noteAPIKeyUse("aaaaaaaaaaaa", at: Self.at(40))
            #expect(try store.apiKey("aaaaaaaaaaaa")?.record.lastUsedAt == Self.at(10), "within a minute: not written")
            try store.noteAPIKeyUse("aaaaaaaaaaaa", at: Self.at(70))
            #expect(try store.apiKey("aaaaaaaaaaaa")?.record.lastUsedAt == Self.at(70))
            #expect(try store.lastAuditEventID() == events)
            expectStoreError(.notFound, "API key zzzzzzzzzzzz does not exist") {
                try store.noteAPIKeyUse("zzzzzzzzzzzz", at: Self.at(80))
            }
        }
    }

    // MARK: Sessions

    @Test(arguments: Backend.allCases)
    func sessionsRoundTripAndExpire(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(Self.admin, passwordHash: nil, actor: "test", requestID: nil)
            let events = try store.lastAuditEventID()
            let short = SessionRecord(
                tokenHash: "hash-short", owner: Self.admin.id, csrfToken: "csrf-1", createdAt: Self.at(0), expiresAt: Self.at(60))
            let long = SessionRecord(
                tokenHash: "hash-long", owner: Self.admin.id, csrfToken: "csrf-2", createdAt: Self.at(0), expiresAt: Self.at(3_600))
            try store.createSession(short)
            try store.createSession(long)
            #expect(try store.session(tokenHash: "hash-short") == short)
            #expect(try store.session(tokenHash: "hash-long") == long)
            #expect(try store.session(tokenHash: "nope") == nil)
            #expect(short.isValid(at: Self.at(59)) && !short.isValid(at: Self.at(60)))

            try store.deleteExpiredSessions(before: Self.at(59))
            #expect(try store.session(tokenHash: "hash-short") != nil)
            try store.deleteExpiredSessions(before: Self.at(60))
            #expect(try store.session(tokenHash: "hash-short") == nil)
            #expect(try store.session(tokenHash: "hash-long") == long)

            try store.deleteSession(tokenHash: "hash-long")
            #expect(try store.session(tokenHash: "hash-long") == nil)
            try store.deleteSession(tokenHash: "hash-long")  // unknown: nothing happens

            expectStoreError(.notFound, "user nobody does not exist") {
                try store.createSession(
                    SessionRecord(tokenHash: "h", owner: UserID("nobody"), csrfToken: "c", createdAt: Self.at(0), expiresAt: Self.at(1)))
            }
            try store.createSession(short)
            expectStoreError(.conflict, "already exists") { try store.createSession(short) }
            expectStoreError(.constraint, "must expire after it is created") {
                try store.createSession(
                    SessionRecord(tokenHash: "h2", owner: Self.admin.id, csrfToken: "c", createdAt: Self.at(5), expiresAt: Self.at(5)))
            }
            #expect(try store.lastAuditEventID() == events, "sessions are not audited")
        }
    }

    // MARK: Idempotency

    @Test(arguments: Backend.allCases)
    func oldStoredResponsesAreForgotten(_ backend: Backend) throws {
        try backend.withStore { store throws in
            for (key, second) in [("old", Int64(5)), ("new", Int64(6))] {
                try store.storeResponse(
                    user: "alice", key: key,
                    StoredResponse(requestHash: "r", status: 201, body: [], contentType: "application/json", createdAt: Self.at(second)))
            }
            try store.deleteStoredResponses(before: Self.at(6))
            #expect(try store.storedResponse(user: "alice", key: "old") == nil)
            #expect(try store.storedResponse(user: "alice", key: "new") != nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func storedResponsesRoundTrip(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let events = try store.lastAuditEventID()
            let body: [UInt8] = Array("{\"id\":\"SO1\",\"名\":\"渠道\"}".utf8) + [0, 255, 10]
            let response = StoredResponse(
                requestHash: "req-hash", status: 201, body: body, contentType: "application/json", createdAt: Self.at(5))
            try store.storeResponse(user: "alice", key: "key-1", response)
            #expect(try store.storedResponse(user: "alice", key: "key-1") == response)
            #expect(try store.storedResponse(user: "bob", key: "key-1") == nil)
            #expect(try store.storedResponse(user: "alice", key: "key-2") == nil)

            let empty = StoredResponse(requestHash: "r", status: 204, body: [], contentType: "", createdAt: Self.at(6))
            try store.storeResponse(user: "bob", key: "key-1", empty)
            #expect(try store.storedResponse(user: "bob", key: "key-1") == empty)

            expectStoreError(.conflict, "already kept for idempotency key key-1") {
                try store.storeResponse(user: "alice", key: "key-1", empty)
            }
            #expect(try store.storedResponse(user: "alice", key: "key-1") == response)
            expectStoreError(.constraint, "HTTP status 42") {
                try store.storeResponse(
                    user: "alice", key: "key-3",
                    StoredResponse(requestHash: "r", status: 42, body: [], contentType: "", createdAt: Self.at(0)))
            }
            #expect(try store.lastAuditEventID() == events, "idempotency records are not audited")
        }
    }

    // MARK: Schema

    @Test(arguments: Backend.allCases)
    func accountsStayOutOfTheChangeFeed(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            let sequence = try store.changeSequence()
            try store.createUser(Self.dealer, passwordHash: Self.passwordHash, actor: "t", requestID: nil)
            try store.setActive(Self.dealer.id, false, actor: "t", requestID: nil)
            try store.setPasswordHash(Self.dealer.id, Self.otherPasswordHash, actor: "t", requestID: nil)
            try store.createAPIKey(Self.key("aaaaaaaaaaaa", owner: Self.dealer.id), secretHash: Self.secretHash, actor: "t", requestID: nil)
            try store.revokeAPIKey("aaaaaaaaaaaa", at: Self.at(1), actor: "t", requestID: nil)
            #expect(try store.changeSequence() == sequence)
            #expect(try store.danglingReferences() == 0)
        }
    }
}
