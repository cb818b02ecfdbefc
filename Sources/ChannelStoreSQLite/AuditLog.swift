import ChannelCore
import ChannelStore
import GRDB

/// The one way to append an audit event outside the bulk writer's prepared statements, in the caller's
/// transaction. Every append extends the hash chain (`SQLiteAuditChain`): it links to the last event and stores its
/// own hash.
enum AuditLog {
    /// Appends one event and returns its id.
    @discardableResult
    static func append(
        _ db: Database, at: Instant, actor: String, requestID: String?, entity: String, entityKey: String,
        action: AuditEvent.Action, before: String?, after: String?
    ) throws -> Int64 {
        // The caller's write transaction holds the write lock: no other event can come between the head and ours.
        let (id, values) = AuditHash.nextEvent(
            after: try SQLiteAuditChain.head(db), at: at.millisecondsSinceEpoch, actor: actor, requestID: requestID, entity: entity,
            entityKey: entityKey, action: action.rawValue, before: before, after: after)
        try db.execute(
            sql: "INSERT INTO audit_events (\(AuditHash.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: StatementArguments(values.map(\.databaseValue)))
        return id
    }
}
