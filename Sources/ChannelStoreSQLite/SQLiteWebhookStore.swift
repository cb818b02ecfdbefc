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
                    endpoint.name, endpoint.url, endpoint.secret.text, Self.eventsText(endpoint.events), at.millisecondsSinceEpoch, actor,
                ])
            let created = try Self.endpoint(db, db.lastInsertedRowID)
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "webhook_endpoints", entityKey: String(created.id),
                action: .create, before: nil, after: Self.image(of: created))
            return created
        }
    }

    public func webhookEndpoints(includingInactive: Bool) throws -> [WebhookEndpoint] {
        try readAccounts("listing webhook endpoints") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.endpointColumns) FROM webhook_endpoints \(includingInactive ? "" : "WHERE active = 1") ORDER BY id"
            ).map(Self.endpoint(from:))
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
                arguments: [Self.deactivatedReason, id])
            let dropped = db.changesCount
            let after = try Self.endpoint(db, id)
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "webhook_endpoints", entityKey: String(id), action: .update,
                before: Self.image(of: before), after: Self.image(of: after, pendingDropped: dropped))
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
                db, sql: "SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?",
                arguments: [endpoint, max(0, limit)]
            ).map(Self.delivery(from:))
        }
    }

    public func webhookDelivery(_ id: Int64) throws -> (delivery: WebhookDelivery, attempts: [WebhookAttempt]) {
        try readAccounts("reading webhook delivery \(id)") { db in
            let delivery = try Self.delivery(db, id)
            let attempts = try Row.fetchAll(
                db, sql: "SELECT number, status, error, started_at, duration_ms FROM webhook_attempts WHERE delivery_id = ? ORDER BY id",
                arguments: [id]
            ).map { row in
                let status: Int? = row[1]
                let error: String? = row[2]
                return WebhookAttempt(
                    deliveryID: id, number: row[0], outcome: status.map { .status($0) } ?? .failure(error ?? "no answer"),
                    startedAt: Instant(millisecondsSinceEpoch: row[3]), durationMilliseconds: row[4])
            }
            return (delivery, attempts)
        }
    }

    public func deadWebhookDeliveries(limit: Int) throws -> [WebhookDelivery] {
        try readAccounts("listing webhook dead letters") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE state = 'dead' ORDER BY id LIMIT ?",
                arguments: [max(0, limit)]
            ).map(Self.delivery(from:))
        }
    }

    public func replayWebhookDelivery(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> WebhookDelivery {
        try writeAccounts("replaying webhook delivery \(id)") { db in
            let before = try Self.delivery(db, id)
            guard before.state == .dead else {
                throw StoreError(.conflict, "webhook delivery \(id) is \(before.state.rawValue); only a dead letter can be replayed")
            }
            let endpoint = try Self.endpoint(db, before.endpointID)
            guard endpoint.isActive else {
                throw StoreError(
                    .conflict, "webhook delivery \(id) goes to endpoint \(endpoint.id), which is deactivated; create a new endpoint instead")
            }
            try db.execute(
                sql: "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?",
                arguments: [at.millisecondsSinceEpoch, id])
            let after = try Self.delivery(db, id)
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "webhook_deliveries", entityKey: String(id), action: .update,
                before: Self.image(of: before), after: Self.image(of: after))
            return after
        }
    }

    public func pendingWebhookDeliveries(limit: Int) throws -> [WebhookDelivery] {
        try readAccounts("listing pending webhook deliveries") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE state = 'pending' ORDER BY id LIMIT ?",
                arguments: [max(0, limit)]
            ).map(Self.delivery(from:))
        }
    }

    public func webhookTarget(_ deliveryID: Int64) throws -> WebhookTarget? {
        try readAccounts("reading the target of webhook delivery \(deliveryID)") { db in
            let delivery = try Self.delivery(db, deliveryID)
            guard delivery.state == .pending,
                let row = try Row.fetchOne(
                    db, sql: "SELECT url, secret FROM webhook_endpoints WHERE id = ? AND active = 1", arguments: [delivery.endpointID])
            else { return nil }
            return WebhookTarget(delivery: delivery, url: row[0], secret: WebhookSecret(stored: row[1]))
        }
    }

    @discardableResult
    public func recordWebhookAttempt(_ attempt: WebhookAttempt, then next: WebhookDelivery.Next) throws -> WebhookDelivery {
        try writeAccounts("recording attempt \(attempt.number) of webhook delivery \(attempt.deliveryID)") { db in
            let before = try Self.delivery(db, attempt.deliveryID)
            var status: Int?
            var failure: String?
            switch attempt.outcome {
            case .status(let code): status = code
            case .failure(let reason): failure = reason
            }
            try db.execute(
                sql: """
                    INSERT INTO webhook_attempts (delivery_id, number, status, error, started_at, duration_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    attempt.deliveryID, attempt.number, status, failure, attempt.startedAt.millisecondsSinceEpoch,
                    max(0, attempt.durationMilliseconds),
                ])
            var next = next
            if case .retry = next,
                try Bool.fetchOne(db, sql: "SELECT active FROM webhook_endpoints WHERE id = ?", arguments: [before.endpointID]) != true
            {
                next = .dead(reason: Self.deactivatedReason)
            }
            let lastError: String? =
                switch next {
                case .delivered: nil
                case .dead(let reason): reason
                case .retry: attempt.outcome.description
                }
            let (state, nextAt, deliveredAt): (WebhookDelivery.State, Int64?, Int64?) =
                switch next {
                case .retry(let at): (.pending, at.millisecondsSinceEpoch, nil)
                case .delivered: (.delivered, nil, attempt.startedAt.millisecondsSinceEpoch + max(0, attempt.durationMilliseconds))
                case .dead: (.dead, nil, nil)
                }
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET state = ?, attempts = ?, last_status = coalesce(?, last_status),
                        last_error = ?, next_attempt_at = ?, delivered_at = ?
                    WHERE id = ?
                    """,
                arguments: [state.rawValue, attempt.number, status, lastError, nextAt, deliveredAt, attempt.deliveryID])
            return try Self.delivery(db, attempt.deliveryID)
        }
    }

    /// The active endpoints subscribed to `kind`, by id.
    static func subscribers(_ db: Database, _ kind: WebhookEventKind) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT id FROM webhook_endpoints WHERE active = 1 AND instr(',' || events || ',', ?) > 0 ORDER BY id",
            arguments: [",\(kind.rawValue),"])
    }

    /// The `last_error` of deliveries given up because their endpoint was deactivated.
    static let deactivatedReason = "the endpoint was deactivated"

    static let endpointColumns = "id, name, url, events, active, created_at, created_by, deactivated_at"

    static let deliveryColumns = """
        id, endpoint_id, event_id, kind, payload, state, attempts, last_status, last_error, next_attempt_at, created_at, delivered_at
        """

    static func endpoint(_ db: Database, _ id: Int64) throws -> WebhookEndpoint {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(endpointColumns) FROM webhook_endpoints WHERE id = ?", arguments: [id]) else {
            throw StoreError(.notFound, "webhook endpoint \(id) does not exist")
        }
        return try endpoint(from: row)
    }

    static func endpoint(from row: Row) throws -> WebhookEndpoint {
        let id: Int64 = row[0]
        let codes = (row[3] as String).split(separator: ",").map(String.init)
        let events = codes.compactMap(WebhookEventKind.init(rawValue:))
        guard events.count == codes.count, !events.isEmpty else {
            throw StoreError(.corrupt, "webhook endpoint \(id) has unknown event kinds: \(row[3] as String)")
        }
        return WebhookEndpoint(
            id: id, name: row[1], url: row[2], events: events, isActive: row[4], createdAt: Instant(millisecondsSinceEpoch: row[5]),
            createdBy: row[6], deactivatedAt: (row[7] as Int64?).map(Instant.init(millisecondsSinceEpoch:)))
    }

    static func delivery(_ db: Database, _ id: Int64) throws -> WebhookDelivery {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(deliveryColumns) FROM webhook_deliveries WHERE id = ?", arguments: [id]) else {
            throw StoreError(.notFound, "webhook delivery \(id) does not exist")
        }
        return try delivery(from: row)
    }

    static func delivery(from row: Row) throws -> WebhookDelivery {
        let id: Int64 = row[0]
        guard let kind = WebhookEventKind(rawValue: row[3]), let state = WebhookDelivery.State(rawValue: row[5]) else {
            throw StoreError(.corrupt, "webhook delivery \(id) has an unknown kind or state")
        }
        let instant = { (index: Int) in (row[index] as Int64?).map(Instant.init(millisecondsSinceEpoch:)) }
        return WebhookDelivery(
            id: id, endpointID: row[1], eventID: row[2], kind: kind, payload: row[4], state: state, attempts: row[6],
            lastStatus: row[7], lastError: row[8], nextAttemptAt: instant(9), createdAt: Instant(millisecondsSinceEpoch: row[10]),
            deliveredAt: instant(11))
    }

    static func eventsText(_ events: [WebhookEventKind]) -> String { events.map(\.rawValue).joined(separator: ",") }

    /// The audit image of an endpoint: everything but its secret.
    static func image(of endpoint: WebhookEndpoint, pendingDropped: Int? = nil) -> String {
        var columns = ["id", "name", "url", "events", "active"]
        var values: [DBValue] = [
            .integer(endpoint.id), .text(endpoint.name), .text(endpoint.url), .text(eventsText(endpoint.events)),
            .integer(endpoint.isActive ? 1 : 0),
        ]
        if let pendingDropped {
            columns.append("pending_deliveries_given_up")
            values.append(.integer(Int64(pendingDropped)))
        }
        return JSONText.object(columns, values)
    }

    /// The audit image of a delivery: which event to which endpoint, and where it stands (not its payload).
    static func image(of delivery: WebhookDelivery) -> String {
        JSONText.object(
            ["id", "endpoint_id", "event_id", "kind", "state", "attempts", "last_error"],
            [
                .integer(delivery.id), .integer(delivery.endpointID), .text(delivery.eventID), .text(delivery.kind.rawValue),
                .text(delivery.state.rawValue), .integer(Int64(delivery.attempts)), DBValue(delivery.lastError),
            ])
    }
}
