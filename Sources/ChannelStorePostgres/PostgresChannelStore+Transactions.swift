import ChannelCore
import ChannelStore
import PostgresNIO

/// The transactions of the account, alert, plan, backtest, webhook and record stores, and their errors.
extension PostgresChannelStore {
    /// Runs `body` in one write transaction holding the writer lock (as every PostgreSQL write does, so writers of
    /// every server go one at a time), with PostgreSQL's errors turned into `StoreError`s about `what`.
    func writing<Result>(_ what: @autoclosure () -> String, _ body: (PostgresSession) throws -> Result) throws -> Result {
        do {
            return try pool.withSession { session in
                try session.transaction {
                    try session.run(
                        "SELECT pg_advisory_xact_lock($1)", [.integer(Self.writerLockKey)], context: "waiting for the writer lock")
                    return try body(session)
                }
            }
        } catch {
            throw Self.storeError(error, what())
        }
    }

    /// Runs `body` on one snapshot (a read-only `REPEATABLE READ` transaction), as SQLite's readers see one.
    func reading<Result>(_ what: @autoclosure () -> String, _ body: (PostgresSession) throws -> Result) throws -> Result {
        do {
            return try pool.withSession { session in
                try session.transaction(isolation: "REPEATABLE READ READ ONLY") { try body(session) }
            }
        } catch {
            throw Self.storeError(error, what())
        }
    }

    /// The store's error for a failed account, alert, plan, backtest, webhook or record statement, with the same codes as
    /// SQLite's: a key that is taken is `.conflict`, a missing referenced row `.notFound`, any other broken rule
    /// `.constraint`; errors the stores threw themselves pass through.
    static func storeError(_ error: any Error, _ what: String) -> StoreError {
        guard let storeError = error as? StoreError else { return StoreError(.unavailable, "\(what) failed", underlying: error) }
        guard let psql = (storeError.underlying ?? error) as? PSQLError, let state = psql.serverInfo?[.sqlState] else {
            return storeError
        }
        switch state {
        case "23505":
            return StoreError(.conflict, "\(what): the record already exists", underlying: psql)
        case "23503":
            return StoreError(.notFound, "\(what): a record it refers to does not exist", underlying: psql)
        default:
            return storeError
        }
    }
}

/// Appends audit events outside the bulk writer, in the caller's transaction (which holds the writer lock): each links
/// to the last event and stores its own hash (`AuditHash`), as SQLite's `AuditLog` does.
enum PostgresAuditLog {
    /// Appends one event and returns its id.
    @discardableResult
    static func append(
        _ session: PostgresSession, at: Instant, actor: String, requestID: String?, entity: String, entityKey: String,
        action: AuditEvent.Action, before: String?, after: String?
    ) throws -> Int64 {
        let (id, values) = AuditHash.nextEvent(
            after: try PostgresAuditChain.head(session), at: at.millisecondsSinceEpoch, actor: actor, requestID: requestID,
            entity: entity, entityKey: entityKey, action: action.rawValue, before: before, after: after)
        try session.run(
            "INSERT INTO audit_events (\(AuditHash.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", values,
            context: "appending an audit event")
        return id
    }
}
