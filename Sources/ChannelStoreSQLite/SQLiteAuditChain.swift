import ChannelCore
import ChannelStore
import GRDB

/// The hash chain over `audit_events` (migration `0003_audit_chain`).
///
/// Every event stores `prev_hash`, the `hash` of the event before it (`genesis` for the first), and its own `hash`:
/// hex SHA-256 of a length-prefixed encoding of (id, at, actor, request_id, entity, entity_key, action, before_json,
/// after_json, prev_hash). Editing an event changes its hash; removing or inserting one breaks the next link. A
/// trigger refuses any insert that does not extend the chain (a missing hash, a link to anything but the last event,
/// an id that is not past the last one), and the append-only triggers refuse updates and deletes.
enum SQLiteAuditChain {
    /// The `prev_hash` of the first event.
    static let genesis = AuditHash.genesis

    /// The hash of one event (`AuditHash`, shared by every backend).
    static func hash(
        id: Int64, at: Int64, actor: String, requestID: String?, entity: String, entityKey: String, action: String,
        before: String?, after: String?, previous: String
    ) -> String {
        AuditHash.event(
            id: id, at: at, actor: actor, requestID: requestID, entity: entity, entityKey: entityKey, action: action,
            before: before, after: after, previous: previous)
    }

    /// The id and hash of the last event, or (0, genesis) for an empty trail: where the next event links.
    static func head(_ db: Database) throws -> (id: Int64, hash: String) {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1") else {
            return (0, genesis)
        }
        return (row[0], row[1] ?? genesis)
    }

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
                ALTER TABLE audit_events ADD COLUMN hash TEXT;
                DROP TRIGGER audit_events_append_only_update;
                """)
        // Chain the events written before this migration, in id order, a slice at a time (no update while a query
        // over the same table is still stepping).
        var previous = genesis
        var lastID: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, at, actor, request_id, entity, entity_key, action, before_json, after_json
                    FROM audit_events WHERE id > ? ORDER BY id LIMIT 1000
                    """, arguments: [lastID])
            guard !rows.isEmpty else { break }
            for row in rows {
                let id: Int64 = row["id"]
                let hash = hash(
                    id: id, at: row["at"], actor: row["actor"], requestID: row["request_id"], entity: row["entity"],
                    entityKey: row["entity_key"], action: row["action"], before: row["before_json"], after: row["after_json"],
                    previous: previous)
                try db.execute(
                    sql: "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", arguments: [previous, hash, id])
                previous = hash
                lastID = id
            }
        }
        try db.execute(
            sql: """
                CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

                -- Every new event links to the last one: ids only grow, and a hash is required (its value can only be
                -- checked outside SQL, by `qudao audit verify`).
                CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events
                WHEN NEW.hash IS NULL OR length(NEW.hash) <> 64
                    OR NEW.id <= coalesce((SELECT max(id) FROM audit_events), 0)
                    OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), '\(genesis)')
                BEGIN SELECT RAISE(ABORT, 'an audit event must extend the hash chain'); END;

                -- The audit trail is read by record (entity, key) and by request.
                CREATE INDEX audit_events_entity_key ON audit_events(entity, entity_key);
                CREATE INDEX audit_events_request ON audit_events(request_id) WHERE request_id IS NOT NULL;
                """)
    }

    /// Walks the chain from the first event and reports the first one that does not fit (`AuditChainWalk`).
    static func verify(_ db: Database) throws -> AuditChainReport {
        var walk = AuditChainWalk()
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditTrailStatement.columns) FROM audit_events ORDER BY id")
        while let row = try rows.next() {
            if let report = walk.check(try row.auditEvent()) { return report }
        }
        return walk.report
    }
}
