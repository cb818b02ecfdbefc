public import ChannelCore
public import ChannelStore

/// Webhook endpoints, deliveries and attempts in PostgreSQL (tables of migration `0007_webhooks`), with the states,
/// refusals and audit images of SQLite's (`WebhookRows`).
extension PostgresChannelStore: WebhookStore {
    public func createWebhookEndpoint(
        _ endpoint: NewWebhookEndpoint, actor: String, requestID: String?, at: Instant
    ) throws -> WebhookEndpoint {
        try writing("creating webhook endpoint \(endpoint.name)") { session in
            let inserted = try session.query(
                """
                INSERT INTO webhook_endpoints (name, url, secret, events, active, created_at, created_by)
                VALUES ($1, $2, $3, $4, true, $5, $6) RETURNING id
                """,
                [
                    .text(endpoint.name), .text(endpoint.url), .text(endpoint.secret.text), .text(WebhookRows.eventsText(endpoint.events)),
                    .integer(at.millisecondsSinceEpoch), .text(actor),
                ], context: "creating webhook endpoint \(endpoint.name)")
            guard let id = try inserted.first?.integer(at: 0) else { throw StoreError(.corrupt, "a created webhook endpoint has no id") }
            let created = try Self.endpoint(session, id)
            try PostgresAuditLog.append(
                session, at: at, actor: actor, requestID: requestID, entity: "webhook_endpoints", entityKey: String(created.id),
                action: .create, before: nil, after: WebhookRows.image(of: created))
            return created
        }
    }

    public func webhookEndpoints(includingInactive: Bool) throws -> [WebhookEndpoint] {
        try reading("listing webhook endpoints") { session in
            try session.query(
                "SELECT \(WebhookRows.endpointColumns) FROM webhook_endpoints \(includingInactive ? "" : "WHERE active") ORDER BY id",
                context: "listing webhook endpoints"
            ).map(WebhookRows.endpoint)
        }
    }

    public func webhookEndpoint(_ id: Int64) throws -> WebhookEndpoint {
        try reading("reading webhook endpoint \(id)") { session in try Self.endpoint(session, id) }
    }

    public func deactivateWebhookEndpoint(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> WebhookEndpoint {
        try writing("deactivating webhook endpoint \(id)") { session in
            let before = try Self.endpoint(session, id)
            guard before.isActive else { return before }
            try session.run(
                "UPDATE webhook_endpoints SET active = false, deactivated_at = $1 WHERE id = $2",
                [.integer(at.millisecondsSinceEpoch), .integer(id)], context: "deactivating webhook endpoint \(id)")
            let dropped = try session.query(
                """
                WITH given_up AS (
                    UPDATE webhook_deliveries SET state = 'dead', next_attempt_at = NULL, last_error = $1
                    WHERE endpoint_id = $2 AND state = 'pending' RETURNING id)
                SELECT count(*) FROM given_up
                """, [.text(WebhookRows.deactivatedReason), .integer(id)], context: "giving up the pending deliveries of endpoint \(id)")
            let after = try Self.endpoint(session, id)
            try PostgresAuditLog.append(
                session, at: at, actor: actor, requestID: requestID, entity: "webhook_endpoints", entityKey: String(id), action: .update,
                before: WebhookRows.image(of: before),
                after: WebhookRows.image(of: after, pendingDropped: Int(try dropped.first?.integer(at: 0) ?? 0)))
            return after
        }
    }

    @discardableResult
    public func enqueueWebhookEvent(_ event: WebhookEvent) throws -> [WebhookDelivery] {
        // Most servers have no endpoint for most events: a read answers that without taking the writer lock.
        let what = "queueing webhook event \(event.id)"
        guard try !reading(what, { session in try Self.subscribers(session, event.kind) }).isEmpty else { return [] }
        return try writing(what) { session in
            var queued: [WebhookDelivery] = []
            for endpoint in try Self.subscribers(session, event.kind) {
                let inserted = try session.query(
                    """
                    INSERT INTO webhook_deliveries (endpoint_id, event_id, kind, payload, state, attempts, next_attempt_at, created_at)
                    VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6)
                    ON CONFLICT (event_id, endpoint_id) DO NOTHING RETURNING id
                    """,
                    [
                        .integer(endpoint), .text(event.id), .text(event.kind.rawValue), .text(event.payload),
                        .integer(event.createdAt.millisecondsSinceEpoch), .integer(event.createdAt.millisecondsSinceEpoch),
                    ], context: what)
                if let id = try inserted.first?.integer(at: 0) { queued.append(try Self.delivery(session, id)) }
            }
            return queued
        }
    }

    public func webhookDeliveries(endpoint: Int64, limit: Int) throws -> [WebhookDelivery] {
        try reading("listing the deliveries of webhook endpoint \(endpoint)") { session in
            _ = try Self.endpoint(session, endpoint)
            return try session.query(
                "SELECT \(WebhookRows.deliveryColumns) FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY id DESC LIMIT $2",
                [.integer(endpoint), .integer(Int64(max(0, limit)))], context: "listing webhook deliveries"
            ).map(WebhookRows.delivery)
        }
    }

    public func webhookDelivery(_ id: Int64) throws -> (delivery: WebhookDelivery, attempts: [WebhookAttempt]) {
        try reading("reading webhook delivery \(id)") { session in
            let delivery = try Self.delivery(session, id)
            let attempts = try session.query(
                "SELECT \(WebhookRows.attemptColumns) FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id", [.integer(id)],
                context: "reading the attempts of webhook delivery \(id)"
            ).map { try WebhookRows.attempt($0, delivery: id) }
            return (delivery, attempts)
        }
    }

    public func deadWebhookDeliveries(limit: Int) throws -> [WebhookDelivery] {
        try deliveries(inState: "dead", limit: limit, "listing webhook dead letters")
    }

    public func replayWebhookDelivery(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> WebhookDelivery {
        try writing("replaying webhook delivery \(id)") { session in
            let before = try Self.delivery(session, id)
            try WebhookRows.checkReplayable(before, endpoint: try Self.endpoint(session, before.endpointID))
            try session.run(
                "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $1 WHERE id = $2",
                [.integer(at.millisecondsSinceEpoch), .integer(id)], context: "replaying webhook delivery \(id)")
            let after = try Self.delivery(session, id)
            try PostgresAuditLog.append(
                session, at: at, actor: actor, requestID: requestID, entity: "webhook_deliveries", entityKey: String(id), action: .update,
                before: WebhookRows.image(of: before), after: WebhookRows.image(of: after))
            return after
        }
    }

    public func pendingWebhookDeliveries(limit: Int) throws -> [WebhookDelivery] {
        try deliveries(inState: "pending", limit: limit, "listing pending webhook deliveries")
    }

    public func webhookTarget(_ deliveryID: Int64) throws -> WebhookTarget? {
        try reading("reading the target of webhook delivery \(deliveryID)") { session in
            let delivery = try Self.delivery(session, deliveryID)
            guard delivery.state == .pending,
                let row = try session.query(
                    "SELECT url, secret FROM webhook_endpoints WHERE id = $1 AND active", [.integer(delivery.endpointID)],
                    context: "reading webhook endpoint \(delivery.endpointID)"
                ).first
            else { return nil }
            return WebhookTarget(delivery: delivery, url: try row.text(at: 0), secret: WebhookSecret(stored: try row.text(at: 1)))
        }
    }

    @discardableResult
    public func recordWebhookAttempt(_ attempt: WebhookAttempt, then next: WebhookDelivery.Next) throws -> WebhookDelivery {
        try writing("recording attempt \(attempt.number) of webhook delivery \(attempt.deliveryID)") { session in
            let before = try Self.delivery(session, attempt.deliveryID)
            let active = try session.query(
                "SELECT active FROM webhook_endpoints WHERE id = $1", [.integer(before.endpointID)], context: "reading an endpoint's state"
            ).first?.flag(at: 0) == true
            let outcome = WebhookRows.Outcome(attempt, then: next, endpointActive: active)
            try session.run(
                """
                INSERT INTO webhook_attempts (delivery_id, number, status, error, started_at, duration_ms)
                VALUES ($1, $2, $3, $4, $5, $6)
                """,
                [
                    .integer(attempt.deliveryID), .integer(Int64(attempt.number)), DBValue(outcome.status.map { Int64($0) }),
                    DBValue(outcome.failure), .integer(attempt.startedAt.millisecondsSinceEpoch),
                    .integer(max(0, attempt.durationMilliseconds)),
                ], context: "recording a webhook attempt")
            try session.run(
                """
                UPDATE webhook_deliveries SET state = $1, attempts = $2, last_status = coalesce($3, last_status),
                    last_error = $4, next_attempt_at = $5, delivered_at = $6
                WHERE id = $7
                """,
                [
                    .text(outcome.state.rawValue), .integer(Int64(attempt.number)), DBValue(outcome.status.map { Int64($0) }),
                    DBValue(outcome.lastError), DBValue(outcome.nextAttemptAt), DBValue(outcome.deliveredAt), .integer(attempt.deliveryID),
                ], context: "moving webhook delivery \(attempt.deliveryID) on")
            return try Self.delivery(session, attempt.deliveryID)
        }
    }

    // MARK: Rows

    private func deliveries(inState state: String, limit: Int, _ what: String) throws -> [WebhookDelivery] {
        try reading(what) { session in
            try session.query(
                "SELECT \(WebhookRows.deliveryColumns) FROM webhook_deliveries WHERE state = $1 ORDER BY id LIMIT $2",
                [.text(state), .integer(Int64(max(0, limit)))], context: what
            ).map(WebhookRows.delivery)
        }
    }

    /// The active endpoints subscribed to `kind`, by id.
    private static func subscribers(_ session: PostgresSession, _ kind: WebhookEventKind) throws -> [Int64] {
        try session.query(
            "SELECT id FROM webhook_endpoints WHERE active AND strpos(',' || events || ',', $1) > 0 ORDER BY id", [.text(",\(kind.rawValue),")],
            context: "reading the endpoints of \(kind.rawValue)"
        ).map { try $0.integer(at: 0) }
    }

    private static func endpoint(_ session: PostgresSession, _ id: Int64) throws -> WebhookEndpoint {
        guard
            let row = try session.query(
                "SELECT \(WebhookRows.endpointColumns) FROM webhook_endpoints WHERE id = $1", [.integer(id)],
                context: "reading webhook endpoint \(id)"
            ).first
        else { throw WebhookRows.unknownEndpoint(id) }
        return try WebhookRows.endpoint(row)
    }

    private static func delivery(_ session: PostgresSession, _ id: Int64) throws -> WebhookDelivery {
        guard
            let row = try session.query(
                "SELECT \(WebhookRows.deliveryColumns) FROM webhook_deliveries WHERE id = $1", [.integer(id)],
                context: "reading webhook delivery \(id)"
            ).first
        else { throw WebhookRows.unknownDelivery(id) }
        return try WebhookRows.delivery(row)
    }
}
