import ChannelCore
import ChannelStore
import Foundation
import Hummingbird

/// Webhook endpoints, their deliveries and dead letters, for admins: endpoints are created (the secret is shown in
/// that answer only), listed and deactivated; deliveries are listed with their attempts, and dead letters replayed.
struct WebhookRoutes {
    let webhooks: Webhooks
    var store: any WebhookStore { webhooks.store }

    var endpoints: [Endpoint] {
        let endpointSchema: JSONValue = ["$ref": "#/components/schemas/WebhookEndpoint"]
        let deliverySchema: JSONValue = ["$ref": "#/components/schemas/WebhookDelivery"]
        let limit = Endpoint.Parameter(
            "limit", "deliveries at most, 1 to 1000 (default 100)", schema: ["type": "integer", "minimum": 1, "maximum": 1000])
        return [
            Endpoint(
                .get, "/api/v1/webhooks", id: "listWebhooks", "List webhook endpoints", tag: "webhooks", access: .requires(.admin),
                returns: "every endpoint, active or not, by id (never a secret)", schema: ["type": "array", "items": endpointSchema]
            ) { _, _ in try JSON.response(try translatingErrors { try store.webhookEndpoints(includingInactive: true) }.map { EndpointView($0) }) },
            Endpoint(
                .post, "/api/v1/webhooks", id: "createWebhook", "Create a webhook endpoint", tag: "webhooks", access: .requires(.admin),
                body: ["$ref": "#/components/schemas/NewWebhook"], status: 201,
                returns: "the endpoint, with its secret this once", schema: endpointSchema
            ) { request, context in
                let body = try await JSON.decode(NewWebhookRequest.self, from: request, context: context)
                let created = try webhooks.create(body, actor: try RecordRoutes.principal(context).actor, requestID: context.requestID)
                return try JSON.response(EndpointView(created.endpoint, secret: created.secret), status: .created)
            },
            Endpoint(
                .delete, "/api/v1/webhooks/{id}", id: "deactivateWebhook", "Deactivate a webhook endpoint", tag: "webhooks",
                access: .requires(.admin), returns: "the endpoint, inactive; its pending deliveries are now dead letters",
                schema: endpointSchema
            ) { _, context in
                let endpoint = try webhooks.deactivate(
                    try Self.id(context, "webhook endpoint"), actor: try RecordRoutes.principal(context).actor, requestID: context.requestID)
                return try JSON.response(EndpointView(endpoint))
            },
            Endpoint(
                .get, "/api/v1/webhooks/{id}/deliveries", id: "listWebhookDeliveries", "List the deliveries of a webhook endpoint",
                tag: "webhooks", access: .requires(.admin), query: [limit],
                returns: "deliveries, newest first", schema: ["type": "array", "items": deliverySchema]
            ) { request, context in
                let (id, count) = (try Self.id(context, "webhook endpoint"), try Self.limit(request))
                return try JSON.response(try translatingErrors { try store.webhookDeliveries(endpoint: id, limit: count) }.map(DeliveryView.init))
            },
            Endpoint(
                .get, "/api/v1/webhooks/dead-letters", id: "listWebhookDeadLetters", "List webhook dead letters", tag: "webhooks",
                access: .requires(.admin), query: [limit],
                returns: "deliveries given up, oldest first, with the reason in last_error", schema: ["type": "array", "items": deliverySchema]
            ) { request, _ in
                let count = try Self.limit(request)
                return try JSON.response(try translatingErrors { try store.deadWebhookDeliveries(limit: count) }.map(DeliveryView.init))
            },
            Endpoint(
                .get, "/api/v1/webhooks/deliveries/{id}", id: "getWebhookDelivery", "Read a webhook delivery and its attempts",
                tag: "webhooks", access: .requires(.admin), returns: "the delivery, its payload and every attempt, oldest first",
                schema: ["$ref": "#/components/schemas/WebhookDeliveryDetail"]
            ) { _, context in
                let (delivery, attempts) = try translatingErrors { try store.webhookDelivery(try Self.id(context, "webhook delivery")) }
                return try JSON.response(
                    DeliveryDetail(delivery: DeliveryView(delivery), payload: delivery.payload, attempts: attempts.map(AttemptView.init)))
            },
            Endpoint(
                .post, "/api/v1/webhooks/deliveries/{id}/replay", id: "replayWebhookDelivery", "Replay a webhook dead letter",
                tag: "webhooks", access: .requires(.admin),
                returns: "the delivery, pending again with a new round of attempts (409 unless it is dead and its endpoint active)",
                schema: deliverySchema
            ) { _, context in
                let delivery = try await webhooks.replay(
                    try Self.id(context, "webhook delivery"), actor: try RecordRoutes.principal(context).actor, requestID: context.requestID)
                return try JSON.response(DeliveryView(delivery))
            },
        ]
    }

    private static func id(_ context: ServerContext, _ what: String) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw APIError.notFound("no such \(what)") }
        return id
    }

    private static func limit(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return 100 }
        guard let value = Int(text), (1...1000).contains(value) else { throw APIError.invalid("limit must be a whole number from 1 to 1000") }
        return value
    }
}

/// `POST /api/v1/webhooks`: where to send, what to call it, which events, and the secret (generated when absent).
struct NewWebhookRequest: Decodable, Sendable {
    var url: String
    var name: String?
    var events: [String]?
    var secret: String?
}

extension WebhookRoutes {
    /// An endpoint as the API shows it; `secret` only in the answer to its creation.
    struct EndpointView: Encodable {
        var id: Int64
        var name: String
        var url: String
        var events: [String]
        var is_active: Bool
        var created_at: String
        var created_by: String
        var deactivated_at: String?
        var secret: String?

        init(_ endpoint: WebhookEndpoint, secret: String? = nil) {
            id = endpoint.id
            name = endpoint.name
            url = endpoint.url
            events = endpoint.events.map(\.rawValue)
            is_active = endpoint.isActive
            created_at = endpoint.createdAt.iso8601
            created_by = endpoint.createdBy
            deactivated_at = endpoint.deactivatedAt?.iso8601
            self.secret = secret
        }
    }

    /// A delivery as the API shows it (without its payload, which `GET /api/v1/webhooks/deliveries/{id}` shows).
    struct DeliveryView: Encodable {
        var id: Int64
        var endpoint_id: Int64
        var event_id: String
        var type: String
        var state: String
        var attempts: Int
        var last_status: Int?
        var last_error: String?
        var next_attempt_at: String?
        var created_at: String
        var delivered_at: String?

        init(_ delivery: WebhookDelivery) {
            id = delivery.id
            endpoint_id = delivery.endpointID
            event_id = delivery.eventID
            type = delivery.kind.rawValue
            state = delivery.state.rawValue
            attempts = delivery.attempts
            last_status = delivery.lastStatus
            last_error = delivery.lastError
            next_attempt_at = delivery.nextAttemptAt?.iso8601
            created_at = delivery.createdAt.iso8601
            delivered_at = delivery.deliveredAt?.iso8601
        }
    }

    struct AttemptView: Encodable {
        var number: Int
        var status: Int?
        var error: String?
        var started_at: String
        var duration_ms: Int64

        init(_ attempt: WebhookAttempt) {
            number = attempt.number
            switch attempt.outcome {
            case .status(let code): status = code
            case .failure(let reason): error = reason
            }
            started_at = attempt.startedAt.iso8601
            duration_ms = attempt.durationMilliseconds
        }
    }

    struct DeliveryDetail: Encodable {
        var delivery: DeliveryView
        /// The request body, exactly as sent.
        var payload: String
        var attempts: [AttemptView]
    }

    static var schemas: [String: JSONValue] {
        let text: JSONValue = ["type": "string"]
        let optionalText: JSONValue = ["type": ["string", "null"]]
        let instant: JSONValue = ["type": "string", "format": "date-time"]
        let optionalInstant: JSONValue = ["type": ["string", "null"], "format": "date-time"]
        let kinds: JSONValue = ["type": "string", "enum": .array(WebhookEventKind.allCases.map { .string($0.rawValue) })]
        return [
            "WebhookEndpoint": [
                "type": "object", "required": ["id", "name", "url", "events", "is_active", "created_at", "created_by"],
                "properties": [
                    "id": ["type": "integer"], "name": text, "url": text, "events": ["type": "array", "items": kinds],
                    "is_active": ["type": "boolean"], "created_at": instant, "created_by": text, "deactivated_at": optionalInstant,
                    "secret": ["type": "string", "description": "the signing secret: in the answer to the creation only, never again"],
                ],
            ],
            "NewWebhook": [
                "type": "object", "required": ["url"],
                "properties": [
                    "url": ["type": "string", "description": "an absolute http:// or https:// URL"],
                    "name": ["type": "string", "description": "a name for people (default: the URL's host)"],
                    "events": ["type": "array", "items": kinds, "description": "the kinds to receive (default: all)"],
                    "secret": ["type": "string", "description": "16 to 256 printable ASCII characters (default: a random whsec_ secret)"],
                ],
            ],
            "WebhookDelivery": [
                "type": "object", "required": ["id", "endpoint_id", "event_id", "type", "state", "attempts", "created_at"],
                "properties": [
                    "id": ["type": "integer"], "endpoint_id": ["type": "integer"], "event_id": text, "type": kinds,
                    "state": ["type": "string", "enum": .array(WebhookDelivery.State.allCases.map { .string($0.rawValue) })],
                    "attempts": ["type": "integer", "description": "attempts in the current round (a replay starts a new one)"],
                    "last_status": ["type": ["integer", "null"]], "last_error": optionalText, "next_attempt_at": optionalInstant,
                    "created_at": instant, "delivered_at": optionalInstant,
                ],
            ],
            "WebhookDeliveryDetail": [
                "type": "object", "required": ["delivery", "payload", "attempts"],
                "properties": [
                    "delivery": ["$ref": "#/components/schemas/WebhookDelivery"],
                    "payload": ["type": "string", "description": "the request body, exactly as sent"],
                    "attempts": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["number", "started_at", "duration_ms"],
                            "properties": [
                                "number": ["type": "integer"], "status": ["type": "integer"], "error": text, "started_at": instant,
                                "duration_ms": ["type": "integer"],
                            ],
                        ],
                    ],
                ],
            ],
        ]
    }
}
