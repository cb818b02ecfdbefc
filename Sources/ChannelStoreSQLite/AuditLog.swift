import ChannelCore
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
        let head = try SQLiteAuditChain.head(db)
        let id = head.id + 1
        let hash = SQLiteAuditChain.hash(
            id: id, at: at.millisecondsSinceEpoch, actor: actor, requestID: requestID, entity: entity, entityKey: entityKey,
            action: action.rawValue, before: before, after: after, previous: head.hash)
        try db.execute(
            sql: """
                INSERT INTO audit_events
                    (id, at, actor, request_id, entity, entity_key, action, before_json, after_json, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, at.millisecondsSinceEpoch, actor, requestID, entity, entityKey, action.rawValue, before, after, head.hash, hash,
            ])
        return id
    }
}
