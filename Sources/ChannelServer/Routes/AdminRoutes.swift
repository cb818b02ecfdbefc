import ChannelAuth
import ChannelCore
import ChannelStore
import Foundation
import HTTPTypes
import Hummingbird

/// Accounts, API keys and the audit trail, for admins.
struct AdminRoutes {
    let store: any QudaoServer.Store
    let hasher: PasswordHasher
    let clock: @Sendable () -> Instant

    struct NewUser: Decodable {
        var userID: String
        var displayName: String
        var role: String
        var partnerID: String?
        var password: String

        enum CodingKeys: String, CodingKey {
            case role, password
            case userID = "user_id"
            case displayName = "display_name"
            case partnerID = "partner_id"
        }
    }

    struct NewKey: Decodable {
        var userID: String
        var name: String
        var scopes: [String]
        var expiresInDays: Int?

        enum CodingKeys: String, CodingKey {
            case name, scopes
            case userID = "user_id"
            case expiresInDays = "expires_in_days"
        }
    }

    struct AccountView: Encodable {
        var user_id: String
        var display_name: String
        var role: String
        var partner_id: String?
        var is_active: Bool
        var created_at: String

        init(_ account: Account) {
            user_id = account.userID.rawValue
            display_name = account.displayName
            role = account.role.rawValue
            partner_id = account.partnerID?.rawValue
            is_active = account.isActive
            created_at = account.createdAt.iso8601
        }
    }

    struct KeyView: Encodable {
        var key_id: String
        var name: String
        var user_id: String
        var scopes: [String]
        var created_at: String
        var expires_at: String?
        var revoked_at: String?
        var last_used_at: String?
        /// The whole key, in the answer to its creation only.
        var key: String?

        init(_ record: APIKeyRecord, key: String? = nil) {
            key_id = record.keyID
            name = record.name
            user_id = record.owner.rawValue
            scopes = record.scopes
            created_at = record.createdAt.iso8601
            expires_at = record.expiresAt?.iso8601
            revoked_at = record.revokedAt?.iso8601
            last_used_at = record.lastUsedAt?.iso8601
            self.key = key
        }
    }

    struct EventView: Encodable {
        var id: Int64
        var at: String
        var actor: String
        var request_id: String?
        var entity: String
        var entity_key: String
        var action: String
        var before: String?
        var after: String?

        init(_ event: AuditEvent) {
            id = event.id
            at = event.at.iso8601
            actor = event.actor
            request_id = event.requestID
            entity = event.entity
            entity_key = event.entityKey
            action = event.action.rawValue
            before = event.before
            after = event.after
        }
    }

    static var schemas: [String: JSONValue] {
        [
            "Account": [
                "type": "object",
                "properties": [
                    "user_id": ["type": "string"], "display_name": ["type": "string"], "role": ["type": "string"],
                    "partner_id": ["type": ["string", "null"]], "is_active": ["type": "boolean"],
                    "created_at": ["type": "string", "format": "date-time"],
                ],
            ],
            "APIKey": [
                "type": "object",
                "properties": [
                    "key_id": ["type": "string"], "name": ["type": "string"], "user_id": ["type": "string"],
                    "scopes": ["type": "array", "items": ["type": "string"]], "created_at": ["type": "string"],
                    "expires_at": ["type": ["string", "null"]], "revoked_at": ["type": ["string", "null"]],
                    "last_used_at": ["type": ["string", "null"]],
                    "key": ["type": ["string", "null"], "description": "the whole key: shown once, when it is created"],
                ],
            ],
            "AuditEvent": [
                "type": "object",
                "properties": [
                    "id": ["type": "integer"], "at": ["type": "string", "format": "date-time"], "actor": ["type": "string"],
                    "request_id": ["type": ["string", "null"]], "entity": ["type": "string"], "entity_key": ["type": "string"],
                    "action": ["type": "string"], "before": ["type": ["string", "null"]], "after": ["type": ["string", "null"]],
                ],
            ],
        ]
    }

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/users", id: "listUsers", "List user accounts", tag: "admin", access: .requires(.admin),
                returns: "every account", schema: ["type": "array", "items": ["$ref": "#/components/schemas/Account"]]
            ) { _, _ in try JSON.response(try translatingErrors { try store.accounts() }.map(AccountView.init)) },
            Endpoint(
                .post, "/api/v1/users", id: "createUser", "Create a user account", tag: "admin", access: .requires(.admin),
                body: [
                    "type": "object", "required": ["user_id", "display_name", "role", "password"],
                    "properties": [
                        "user_id": ["type": "string"], "display_name": ["type": "string"],
                        "role": ["type": "string", "enum": .array(UserRole.allCases.map { .string($0.rawValue) })],
                        "partner_id": ["type": "string"], "password": ["type": "string"],
                    ],
                ], status: 201, returns: "the account", schema: ["$ref": "#/components/schemas/Account"]
            ) { request, context in try await createUser(request, context) },
            Endpoint(
                .post, "/api/v1/users/{user_id}/disable", id: "disableUser", "Disable a user account (another's: 409 for one's own)", tag: "admin",
                access: .requires(.admin), returns: "the account", schema: ["$ref": "#/components/schemas/Account"]
            ) { _, context in try setActive(false, context) },
            Endpoint(
                .post, "/api/v1/users/{user_id}/enable", id: "enableUser", "Enable a user account", tag: "admin",
                access: .requires(.admin), returns: "the account", schema: ["$ref": "#/components/schemas/Account"]
            ) { _, context in try setActive(true, context) },
            Endpoint(
                .get, "/api/v1/api-keys", id: "listAPIKeys", "List API keys", tag: "admin", access: .requires(.admin),
                returns: "every key, never its secret", schema: ["type": "array", "items": ["$ref": "#/components/schemas/APIKey"]]
            ) { _, _ in try JSON.response(try translatingErrors { try store.apiKeys(owner: nil) }.map { KeyView($0) }) },
            Endpoint(
                .post, "/api/v1/api-keys", id: "createAPIKey", "Create an API key", tag: "admin", access: .requires(.admin),
                body: [
                    "type": "object", "required": ["user_id", "name", "scopes"],
                    "properties": [
                        "user_id": ["type": "string"], "name": ["type": "string"],
                        "scopes": ["type": "array", "items": ["type": "string", "enum": .array(APIScope.allCases.map { .string($0.rawValue) })]],
                        "expires_in_days": ["type": "integer", "minimum": 1],
                    ],
                ], status: 201, returns: "the key, with the whole secret this once", schema: ["$ref": "#/components/schemas/APIKey"]
            ) { request, context in try await createKey(request, context) },
            Endpoint(
                .delete, "/api/v1/api-keys/{key_id}", id: "revokeAPIKey", "Revoke an API key", tag: "admin",
                access: .requires(.admin), status: 204, returns: "revoked"
            ) { _, context in
                let principal = try RecordRoutes.principal(context)
                try admin.revokeKey(context.parameters.get("key_id") ?? "", actor: principal.actor, requestID: context.requestID)
                return Response(status: .noContent)
            },
            Endpoint(
                .get, "/api/v1/audit", id: "listAuditEvents", "Read the audit trail", tag: "admin",
                access: .requires(.admin),
                query: [
                    .init("entity", "the table, e.g. orders"), .init("key", "the record's natural key"),
                    .init("actor", "who made the change"), .init("request_id", "the request that made it"),
                    .init("cursor", "the next_cursor of the previous page"),
                    .init("limit", "events per page (1 to 1000)", schema: ["type": "integer"]),
                ],
                returns: "a page of events, oldest first",
                schema: [
                    "type": "object",
                    "properties": [
                        "items": ["type": "array", "items": ["$ref": "#/components/schemas/AuditEvent"]],
                        "next_cursor": ["type": ["string", "null"]],
                    ],
                ]
            ) { request, _ in try audit(request) },
            Endpoint(
                .get, "/api/v1/audit/verify", id: "verifyAuditChain", "Verify the audit trail's hash chain", tag: "admin",
                access: .requires(.admin), returns: "how many events were checked and the first broken one, if any",
                schema: ["type": "object", "properties": ["intact": ["type": "boolean"], "events": ["type": "integer"], "first_broken": ["type": ["string", "null"]]]]
            ) { _, _ in
                let report = try translatingErrors { try store.verifyAuditChain() }
                return try JSON.response(ChainView(intact: report.isIntact, events: report.eventsChecked, first_broken: report.firstBreak?.description))
            },
        ]
    }

    struct ChainView: Encodable {
        var intact: Bool
        var events: Int
        var first_broken: String?
    }

    struct AuditPageView: Encodable {
        var items: [EventView]
        var next_cursor: String?
    }

    private var admin: AccountAdmin { AccountAdmin(store: store, hasher: hasher, clock: clock) }

    private func createUser(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await JSON.decode(NewUser.self, from: request, context: context)
        let principal = try RecordRoutes.principal(context)
        let account = try admin.createUser(body, actor: principal.actor, requestID: context.requestID)
        return try JSON.response(AccountView(account), status: .created)
    }

    private func setActive(_ active: Bool, _ context: ServerContext) throws -> Response {
        let principal = try RecordRoutes.principal(context)
        let id = UserID(context.parameters.get("user_id") ?? "")
        return try JSON.response(AccountView(try admin.setActive(id, active, caller: principal, requestID: context.requestID)))
    }

    private func createKey(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await JSON.decode(NewKey.self, from: request, context: context)
        let principal = try RecordRoutes.principal(context)
        let created = try admin.createKey(body, actor: principal.actor, requestID: context.requestID)
        return try JSON.response(KeyView(created.record, key: created.key), status: .created)
    }

    private func audit(_ request: Request) throws -> Response {
        let parameters = request.uri.queryParameters
        var query = AuditQuery(
            entity: parameters.get("entity"), entityKey: parameters.get("key"), actor: parameters.get("actor"),
            requestID: parameters.get("request_id"), cursor: parameters.get("cursor"))
        if let limit = parameters.get("limit") {
            guard let value = Int(limit), (1...1000).contains(value) else { throw APIError.invalid("limit must be 1 to 1000") }
            query.limit = value
        }
        let page = try translatingErrors { try store.auditTrail(query) }
        return try JSON.response(AuditPageView(items: page.events.map(EventView.init), next_cursor: page.nextCursor))
    }
}
