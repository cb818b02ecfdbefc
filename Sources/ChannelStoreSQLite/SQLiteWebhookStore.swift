public import ChannelCore
public import ChannelStore
import GRDB

/// Webhook endpoints, deliveries and attempts in the SQLite file (tables of migration `0007_webhooks`).
extension SQLiteChannelStore: WebhookStore {
    public func createWebhookEndpoint(
        _ endpoint: NewWebhookEndpoint, actor: String, requestID: String?, at: Instant
    ) throws -> WebhookEndpoint {
        try writeAccounts("creating webhook endpoint \(endpoint.name)") { db in
            try db.execute(
                sql: """
                    INSERT INTO webhook_endpoints (name, url, secret, events, active, created_at, created_by)
                    VALUES (?, ?, ?, ?, 1, ?, ?)
                    """,
                arguments: [
                    endpoint.name, endpoint.url, endpoint.secret.text, WebhookRows.eventsText(endpoint.events), at.millisecondsSinceEpoch, actor,
                ])
            let created = try Self.endpoint(db, db.lastInsertedRowID)
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "webhook_endpoints", entityKey: String(created.id),
                action: .create, before: nil, after: WebhookRows.image(of: created))
            return created
        }
    }

    public func webhookEndpoints(includingInactive: Bool) throws -> [WebhookEndpoint] {
        try readAccounts("listing webhook endpoints") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(WebhookRows.endpointColumns) FROM webhook_endpoints \(includingInactive ? "" : "WHERE active = 1") ORDER BY id"
            ).map(WebhookRows.endpoint)
        }
    }

    public func webhookEndpoint(_ id: Int64) throws -> WebhookEndpoint {
        try readAccounts("reading webhook endpoint \(id)") { db in try Self.endpoint(db, id) }
    }

    public func deactivateWebhookEndpoint(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> WebhookEndpoint {
        try writeAccounts("deactivating webhook endpoint \(id)") { db in
            let before = try Self.endpoint(db, id)
            guard before.isActive else { return before }
            try db.execute(
                sql: "UPDATE webhook_endpoints SET active = 0, deactivated_at = ? WHERE id = ?", arguments: [at.millisecondsSinceEpoch, id])
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET state = 'dead', next_attempt_at = NULL, last_error = ?
                    WHERE endpoint_id = ? AND state = 'pending'
                    """,
                arguments: [WebhookRows.deactivatedReason, id])
            let dropped = db.changesCount
            let after = try Self.endpoint(db, id)
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "webhook_endpoints", entityKey: String(id), action: .update,
                before: WebhookRows.image(of: before), after: WebhookRows.image(of: after, pendingDropped: dropped))
            return after
        }
    }

    @discardableResult
    public func enqueueWebhookEvent(_ event: WebhookEvent) throws -> [WebhookDelivery] {
        // Most servers have no endpoint for most events: a read answers that without taking the write lock.
        let what = "queueing webhook event \(event.id)"
        guard try !readAccounts(what, { db in try Self.subscribers(db, event.kind) }).isEmpty else { return [] }
        return try writeAccounts(what) { db in
            var queued: [WebhookDelivery] = []
            for endpoint in try Self.subscribers(db, event.kind) {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO webhook_deliveries
                            (endpoint_id, event_id, kind, payload, state, attempts, next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)
                        """,
                    arguments: [
                        endpoint, event.id, event.kind.rawValue, event.payload, event.createdAt.millisecondsSinceEpoch,
                        event.createdAt.millisecondsSinceEpoch,
                    ])
                if db.changesCount == 1 { queued.append(try Self.delivery(db, db.lastInsertedRowID)) }
            }
            return queued
        }
    }

    public func webhookDeliveries(endpoint: Int64, limit: Int) throws -> [WebhookDelivery] {
        try readAccounts("listing the deliveries of webhook endpoint \(endpoint)") { db in
            _ = try Self.endpoint(db, endpoint)
            return try Row.fetchAll(
                db, sql: "SELECT \(WebhookRows.deliveryColumns) FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?",
                arguments: [endpoint, max(0, limit)]
            ).map(WebhookRows.delivery)
        }
    }

    public func webhookDelivery(_ id: Int64) throws -> (delivery: WebhookDelivery, attempts: [WebhookAttempt]) {
        try readAccounts("reading webhook delivery \(id)") { db in
            let delivery = try Self.delivery(db, id)
            let attempts = try Row.fetchAll(
                db, sql: "SELECT \(WebhookRows.attemptColumns) FROM webhook_attempts WHERE delivery_id = ? ORDER BY id",
                arguments: [id]
            ).map { try WebhookRows.attempt($0, delivery: id) }
            return (delivery, attempts)
        }
    }

    public func deadWebhookDeliveries(limit: Int) throws -> [WebhookDelivery] {
        try readAccounts("listing webhook dead letters") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(WebhookRows.deliveryColumns) FROM webhook_deliveries WHERE state = 'dead' ORDER BY id LIMIT ?",
                arguments: [max(0, limit)]
            ).map(WebhookRows.delivery)
        }
    }

    public func replayWebhookDelivery(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> WebhookDelivery {
        try writeAccounts("replaying webhook delivery \(id)") { db in
            let before = try Self.delivery(db, id)
            try WebhookRows.checkReplayable(before, endpoint: try Self.endpoint(db, before.endpointID))
            try db.execute(
                sql: "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?",
                arguments: [at.millisecondsSinceEpoch, id])
            let after = try Self.delivery(db, id)
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "webhook_deliveries", entityKey: String(id), action: .update,
                before: WebhookRows.image(of: before), after: WebhookRows.image(of: after))
            return after
        }
    }

    public func pendingWebhookDeliveries(limit: Int) throws -> [WebhookDelivery] {
        try readAccounts("listing pending webhook deliveries") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(WebhookRows.deliveryColumns) FROM webhook_deliveries WHERE state = 'pending' ORDER BY id LIMIT ?",
                arguments: [max(0, limit)]
            ).map(WebhookRows.delivery)
        }
    }

    public func webhookTarget(_ deliveryID: Int64) throws -> WebhookTarget? {
        try readAccounts("reading the target of webhook delivery \(deliveryID)") { db in
            let delivery = try Self.delivery(db, deliveryID)
            guard delivery.state == .pending,
                let row = try Row.fetchOne(
                    db, sql: "SELECT url, secret FROM webhook_endpoints WHERE id = ? AND active = 1", arguments: [delivery.endpointID])
            else { return nil }
            return WebhookTarget(delivery: delivery, url: try row.text(at: 0), secret: WebhookSecret(stored: try row.text(at: 1)))
        }
    }

    @discardableResult
    public func recordWebhookAttempt(_ attempt: WebhookAttempt, then next: WebhookDelivery.Next) throws -> WebhookDelivery {
        try writeAccounts("recording attempt \(attempt.number) of webhook delivery \(attempt.deliveryID)") { db in
            let before = try Self.delivery(db, attempt.deliveryID)
            let active = try Bool.fetchOne(db, sql: "SELECT active FROM webhook_endpoints WHERE id = ?", arguments: [before.endpointID]) == true
            let outcome = WebhookRows.Outcome(attempt, then: next, endpointActive: active)
            try db.execute(
                sql: """
                    INSERT INTO webhook_attempts (delivery_id, number, status, error, started_at, duration_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    attempt.deliveryID, attempt.number, outcome.status, outcome.failure,
                    attempt.startedAt.millisecondsSinceEpoch, max(0, attempt.durationMilliseconds),
                ])
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET state = ?, attempts = ?, last_status = coalesce(?, last_status),
                        last_error = ?, next_attempt_at = ?, delivered_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    outcome.state.rawValue, attempt.number, outcome.status, outcome.lastError, outcome.nextAttemptAt, outcome.deliveredAt,
                    attempt.deliveryID,
                ])
            return try Self.delivery(db, attempt.deliveryID)
        }
    }

    /// The active endpoints subscribed to `kind`, by id.
    static func subscribers(_ db: Database, _ kind: WebhookEventKind) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT id FROM webhook_endpoints WHERE active = 1 AND instr(',' || events || ',', ?) > 0 ORDER BY id",
            arguments: [",\(kind.rawValue),"])
    }

    static func endpoint(_ db: Database, _ id: Int64) throws -> WebhookEndpoint {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(WebhookRows.endpointColumns) FROM webhook_endpoints WHERE id = ?", arguments: [id]) else {
            throw WebhookRows.unknownEndpoint(id)
        }
        return try WebhookRows.endpoint(row)
    }

    static func delivery(_ db: Database, _ id: Int64) throws -> WebhookDelivery {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(WebhookRows.deliveryColumns) FROM webhook_deliveries WHERE id = ?", arguments: [id]) else {
            throw WebhookRows.unknownDelivery(id)
        }
        return try WebhookRows.delivery(row)
    }
}
