import ChannelStore

/// The hash chain over `audit_events` in PostgreSQL (migration `0003_audit_chain`), computed exactly as SQLite's
/// (`AuditHash`), so a trail verifies the same on either backend.
enum PostgresAuditChain {
    /// The id and hash of the last event, or (0, genesis) for an empty trail: where the next event links. Call it
    /// holding the writer lock (`PostgresWriterLock`), so no other event can come between the head and the next one.
    static func head(_ session: PostgresSession) throws -> (id: Int64, hash: String) {
        let rows = try session.query(
            "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1", context: "reading the audit chain's head")
        guard let row = rows.first else { return (0, AuditHash.genesis) }
        return (try row.integer(at: 0), try row.optionalText(at: 1) ?? AuditHash.genesis)
    }

    /// Adds `prev_hash` and `hash`, chains the events already written in id order, and installs the trigger that
    /// refuses any insert that does not extend the chain.
    static func migrate(_ session: PostgresSession) throws {
        try session.execute(
            """
            ALTER TABLE audit_events ADD COLUMN prev_hash text;
            ALTER TABLE audit_events ADD COLUMN hash text;
            ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only_update;
            """, context: "adding the audit hash chain's columns")
        var previous = AuditHash.genesis
        var lastID: Int64 = 0
        while true {
            let rows = try session.query(
                """
                SELECT id, at, actor, request_id, entity, entity_key, action, before_json, after_json
                FROM audit_events WHERE id > $1 ORDER BY id LIMIT 1000
                """, [.integer(lastID)], context: "reading audit events to chain")
            guard !rows.isEmpty else { break }
            for row in rows {
                let id = try row.integer(at: 0)
                let hash = AuditHash.event(
                    id: id, at: try row.integer(at: 1), actor: try row.text(at: 2), requestID: try row.optionalText(at: 3),
                    entity: try row.text(at: 4), entityKey: try row.text(at: 5), action: try row.text(at: 6),
                    before: try row.optionalText(at: 7), after: try row.optionalText(at: 8), previous: previous)
                try session.run(
                    "UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE id = $3", [.text(previous), .text(hash), .integer(id)],
                    context: "chaining audit event \(id)")
                previous = hash
                lastID = id
            }
        }
        try session.execute(
            """
            ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only_update;

            -- Every new event links to the last one: ids only grow, and a hash is required (its value can only be
            -- checked outside SQL, by `qudao audit verify`).
            CREATE FUNCTION audit_events_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.hash IS NULL OR length(NEW.hash) <> 64
                    OR NEW.id <= coalesce((SELECT max(id) FROM audit_events), 0)
                    OR NEW.prev_hash IS DISTINCT FROM
                        coalesce((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), '\(AuditHash.genesis)')
                THEN
                    RAISE EXCEPTION 'an audit event must extend the hash chain' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_extend_chain();

            -- The audit trail is read by record (entity, key) and by request.
            CREATE INDEX audit_events_entity_key ON audit_events(entity, entity_key);
            CREATE INDEX audit_events_request ON audit_events(request_id) WHERE request_id IS NOT NULL;
            """, context: "installing the audit hash chain's trigger")
    }
}
