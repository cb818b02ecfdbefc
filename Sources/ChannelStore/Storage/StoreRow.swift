package import ChannelCore

/// One row a backend read, with typed access by column position, so that the stores' rows (accounts, alerts, plans,
/// backtests, webhooks, audit events) are decoded by one piece of code for every backend. A value of the wrong kind is
/// a `StoreError` `.corrupt`.
package protocol StoreRow {
    func integer(at index: Int) throws -> Int64
    func optionalInteger(at index: Int) throws -> Int64?
    func text(at index: Int) throws -> String
    func optionalText(at index: Int) throws -> String?
    /// A REAL (SQLite) or `double precision` (PostgreSQL) column; nil for NULL.
    func optionalReal(at index: Int) throws -> Double?
}

extension StoreRow {
    /// A flag stored as 0/1 (SQLite) or a boolean (PostgreSQL, read as 0/1).
    package func flag(at index: Int) throws -> Bool { try integer(at: index) != 0 }

    package func real(at index: Int) throws -> Double {
        guard let value = try optionalReal(at: index) else {
            throw StoreError(.corrupt, "column \(index + 1) of a stored row is NULL, not a number")
        }
        return value
    }

    package func instant(at index: Int) throws -> Instant { Instant(millisecondsSinceEpoch: try integer(at: index)) }

    package func optionalInstant(at index: Int) throws -> Instant? {
        try optionalInteger(at: index).map(Instant.init(millisecondsSinceEpoch:))
    }

    /// The audit event of a row of `AuditTrailStatement.columns`.
    package func auditEvent() throws -> AuditEvent {
        AuditEvent(
            id: try integer(at: 0), at: try instant(at: 1), actor: try text(at: 2), requestID: try optionalText(at: 3),
            entity: try text(at: 4), entityKey: try text(at: 5), action: AuditEvent.Action(rawValue: try text(at: 6)) ?? .update,
            before: try optionalText(at: 7), after: try optionalText(at: 8), previousHash: try optionalText(at: 9),
            hash: try optionalText(at: 10))
    }
}
