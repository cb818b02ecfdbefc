package import ChannelCore

/// The SELECT of one page of `RecordStore.auditTrail`, the same on every backend: the query's filters as conditions
/// with bound values, the order, and one row more than the page so that the reader knows whether another page follows.
package struct AuditTrailStatement {
    /// The audit columns every backend reads, in `AuditEvent` order.
    package static let columns = AuditHash.columns

    /// Audit events after the first placeholder's id, oldest first, at most the second placeholder's count
    /// (`ChannelStore.auditEvents(after:limit:)`).
    package static func since(_ dialect: RecordStatement.Dialect) -> String {
        "SELECT \(columns) FROM audit_events WHERE id > \(dialect.placeholder(1)) ORDER BY id LIMIT \(dialect.placeholder(2))"
    }

    /// The statement, with the dialect's placeholders.
    package let sql: String
    /// The values bound to the placeholders, in order.
    package let arguments: [DBValue]
    private let limit: Int

    /// - Throws: `StoreError` `.invalid` for a malformed cursor or a limit outside 1...1000.
    package init(_ query: AuditQuery, dialect: RecordStatement.Dialect) throws {
        try RecordStatement.checkLimit(query.limit)
        var conditions: [String] = []
        var arguments: [DBValue] = []
        func add(_ column: String, _ comparison: String, _ value: DBValue) {
            arguments.append(value)
            conditions.append("\(column) \(comparison) \(dialect.placeholder(arguments.count))")
        }
        if let entity = query.entity { add("entity", "=", .text(entity)) }
        if let key = query.entityKey { add("entity_key", "=", .text(key)) }
        if let actor = query.actor { add("actor", "=", .text(actor)) }
        if let requestID = query.requestID { add("request_id", "=", .text(requestID)) }
        if let action = query.action { add("action", "=", .text(action.rawValue)) }
        if let from = query.from { add("at", ">=", .integer(from.millisecondsSinceEpoch)) }
        if let to = query.to { add("at", "<=", .integer(to.millisecondsSinceEpoch)) }
        if let cursor = query.cursor {
            guard let last = Int64(cursor), last >= 0 else {
                throw StoreError(.invalid, "cursor '\(cursor.prefix(40))' is not an audit cursor")
            }
            add("id", query.newestFirst ? "<" : ">", .integer(last))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        sql = "SELECT \(Self.columns) FROM audit_events \(filter) ORDER BY id \(query.newestFirst ? "DESC" : "ASC") LIMIT \(query.limit + 1)"
        self.arguments = arguments
        limit = query.limit
    }

    /// The page of the events the statement read (one more than the page when another follows).
    package func page(_ events: [AuditEvent]) -> AuditPage {
        let page = Array(events.prefix(limit))
        let next = events.count > limit ? page.last.map { String($0.id) } : nil
        return AuditPage(events: page, nextCursor: next)
    }
}

/// Walks the audit trail's hash chain from the first event, as `RecordStore.verifyAuditChain` reports it on every
/// backend: feed the events in id order to `check` until it answers a report (the first break), then ask `report`.
package struct AuditChainWalk {
    private var previous = AuditHash.genesis
    private var checked = 0

    package init() {}

    /// Checks the next event; returns the report when this event breaks the chain.
    package mutating func check(_ event: AuditEvent) -> AuditChainReport? {
        checked += 1
        func broken(_ reason: AuditChainBreak.Reason) -> AuditChainReport {
            AuditChainReport(
                eventsChecked: checked,
                firstBreak: AuditChainBreak(eventID: event.id, at: event.at, entity: event.entity, entityKey: event.entityKey, reason: reason))
        }
        guard let stored = event.hash, let link = event.previousHash else { return broken(.missingHash) }
        guard link == previous else { return broken(.brokenLink) }
        let computed = AuditHash.event(
            id: event.id, at: event.at.millisecondsSinceEpoch, actor: event.actor, requestID: event.requestID, entity: event.entity,
            entityKey: event.entityKey, action: event.action.rawValue, before: event.before, after: event.after, previous: link)
        guard computed == stored else { return broken(.hashMismatch) }
        previous = stored
        return nil
    }

    /// The report of an intact chain of the events checked so far.
    package var report: AuditChainReport { AuditChainReport(eventsChecked: checked, firstBreak: nil) }
}
