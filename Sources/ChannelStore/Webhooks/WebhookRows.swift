import ChannelCore

/// What every backend's `WebhookStore` shares: how rows become endpoints, deliveries and attempts, where an attempt
/// leaves its delivery, the refusals of a replay (with their messages), and the audit images, which never hold a
/// secret or a payload.
package enum WebhookRows {
    /// The `last_error` of deliveries given up because their endpoint was deactivated.
    package static let deactivatedReason = "the endpoint was deactivated"

    /// The columns `endpoint(_:)` reads.
    package static let endpointColumns = "id, name, url, events, active, created_at, created_by, deactivated_at"

    /// The columns `delivery(_:)` reads.
    package static let deliveryColumns = """
        id, endpoint_id, event_id, kind, payload, state, attempts, last_status, last_error, next_attempt_at, created_at, delivered_at
        """

    /// The columns `attempt(_:delivery:)` reads.
    package static let attemptColumns = "number, status, error, started_at, duration_ms"

    package static func endpoint(_ row: some StoreRow) throws -> WebhookEndpoint {
        let id = try row.integer(at: 0)
        let text = try row.text(at: 3)
        let codes = text.split(separator: ",").map(String.init)
        let events = codes.compactMap(WebhookEventKind.init(rawValue:))
        guard events.count == codes.count, !events.isEmpty else {
            throw StoreError(.corrupt, "webhook endpoint \(id) has unknown event kinds: \(text)")
        }
        return WebhookEndpoint(
            id: id, name: try row.text(at: 1), url: try row.text(at: 2), events: events, isActive: try row.flag(at: 4),
            createdAt: try row.instant(at: 5), createdBy: try row.text(at: 6), deactivatedAt: try row.optionalInstant(at: 7))
    }

    package static func delivery(_ row: some StoreRow) throws -> WebhookDelivery {
        let id = try row.integer(at: 0)
        guard let kind = WebhookEventKind(rawValue: try row.text(at: 3)), let state = WebhookDelivery.State(rawValue: try row.text(at: 5))
        else {
            throw StoreError(.corrupt, "webhook delivery \(id) has an unknown kind or state")
        }
        return WebhookDelivery(
            id: id, endpointID: try row.integer(at: 1), eventID: try row.text(at: 2), kind: kind, payload: try row.text(at: 4), state: state,
            attempts: Int(try row.integer(at: 6)), lastStatus: try row.optionalInteger(at: 7).map { Int($0) },
            lastError: try row.optionalText(at: 8), nextAttemptAt: try row.optionalInstant(at: 9), createdAt: try row.instant(at: 10),
            deliveredAt: try row.optionalInstant(at: 11))
    }

    package static func attempt(_ row: some StoreRow, delivery id: Int64) throws -> WebhookAttempt {
        let status = try row.optionalInteger(at: 1).map { Int($0) }
        let error = try row.optionalText(at: 2)
        return WebhookAttempt(
            deliveryID: id, number: Int(try row.integer(at: 0)), outcome: status.map { .status($0) } ?? .failure(error ?? "no answer"),
            startedAt: try row.instant(at: 3), durationMilliseconds: try row.integer(at: 4))
    }

    package static func unknownEndpoint(_ id: Int64) -> StoreError { StoreError(.notFound, "webhook endpoint \(id) does not exist") }

    package static func unknownDelivery(_ id: Int64) -> StoreError { StoreError(.notFound, "webhook delivery \(id) does not exist") }

    /// The stored event kinds of an endpoint, comma-separated.
    package static func eventsText(_ events: [WebhookEventKind]) -> String { events.map(\.rawValue).joined(separator: ",") }

    /// Refuses to replay a delivery that is not a dead letter, or whose endpoint is deactivated.
    package static func checkReplayable(_ delivery: WebhookDelivery, endpoint: WebhookEndpoint) throws {
        guard delivery.state == .dead else {
            throw StoreError(.conflict, "webhook delivery \(delivery.id) is \(delivery.state.rawValue); only a dead letter can be replayed")
        }
        guard endpoint.isActive else {
            throw StoreError(
                .conflict,
                "webhook delivery \(delivery.id) goes to endpoint \(endpoint.id), which is deactivated; create a new endpoint instead")
        }
    }

    /// Where an attempt leaves its delivery: the state, the last status and error, the next attempt's and the
    /// delivery's instants. A retry for an endpoint no longer active is a dead letter.
    package struct Outcome {
        package let state: WebhookDelivery.State
        package let status: Int?
        package let failure: String?
        package let lastError: String?
        package let nextAttemptAt: Int64?
        package let deliveredAt: Int64?

        package init(_ attempt: WebhookAttempt, then next: WebhookDelivery.Next, endpointActive: Bool) {
            switch attempt.outcome {
            case .status(let code):
                status = code
                failure = nil
            case .failure(let reason):
                status = nil
                failure = reason
            }
            var next = next
            if case .retry = next, !endpointActive { next = .dead(reason: WebhookRows.deactivatedReason) }
            switch next {
            case .retry(let at):
                (state, lastError, nextAttemptAt, deliveredAt) = (.pending, attempt.outcome.description, at.millisecondsSinceEpoch, nil)
            case .delivered:
                let delivered = attempt.startedAt.millisecondsSinceEpoch + max(0, attempt.durationMilliseconds)
                (state, lastError, nextAttemptAt, deliveredAt) = (.delivered, nil, nil, delivered)
            case .dead(let reason):
                (state, lastError, nextAttemptAt, deliveredAt) = (.dead, reason, nil, nil)
            }
        }
    }

    /// The audit image of an endpoint: everything but its secret.
    package static func image(of endpoint: WebhookEndpoint, pendingDropped: Int? = nil) -> String {
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
    package static func image(of delivery: WebhookDelivery) -> String {
        JSONText.object(
            ["id", "endpoint_id", "event_id", "kind", "state", "attempts", "last_error"],
            [
                .integer(delivery.id), .integer(delivery.endpointID), .text(delivery.eventID), .text(delivery.kind.rawValue),
                .text(delivery.state.rawValue), .integer(Int64(delivery.attempts)), DBValue(delivery.lastError),
            ])
    }
}
