public import ChannelCore
public import ChannelStore
import Foundation
import PostgresNIO

/// Records in their canonical columns, single-record deletes, and the audit trail in PostgreSQL (see `RecordStore`),
/// with the statements, cursors, refusals, audit events and change-feed entries of SQLite's.
extension PostgresChannelStore: RecordStore {
    public func records(_ kind: EntityKind, _ query: RecordQuery) throws -> RecordPage {
        try reading("reading \(kind.name)") { session in try PostgresRecordReader(session: session).page(kind, query) }
    }

    public func record(_ kind: EntityKind, key: [String], partnerScope: [String]?) throws -> Record? {
        try reading("reading \(kind.name) \(Record.keyText(key))") { session in
            try PostgresRecordReader(session: session).find(kind, key: key, scope: partnerScope)?.record
        }
    }

    public func orderIDs(rowIDs: [Int64]) throws -> [Int64: String] {
        guard !rowIDs.isEmpty else { return [:] }
        return try reading("reading order numbers") { session in
            var found: [Int64: String] = [:]
            // One array parameter per batch of ids.
            for start in stride(from: 0, to: rowIDs.count, by: 10_000) {
                let batch = rowIDs[start..<min(rowIDs.count, start + 10_000)].map(String.init).joined(separator: ",")
                let rows = try session.query(
                    "SELECT id, order_id FROM orders WHERE id = ANY (string_to_array($1, ',')::bigint[])", [.text(batch)],
                    context: "reading order numbers")
                for row in rows { found[try row.integer(at: 0)] = try row.text(at: 1) }
            }
            return found
        }
    }

    public func delete(_ kind: EntityKind, key: [String], ifMatch: String?, actor: String, requestID: String?) throws {
        let at = now()
        do {
            try writing("deleting \(kind.name) \(Record.keyText(key))") { session in
                let reader = PostgresRecordReader(session: session)
                guard let found = try reader.find(kind, key: key) else {
                    throw StoreError(.notFound, "\(kind.name) \(Record.keyText(key)) does not exist")
                }
                if let ifMatch, ifMatch != found.record.etag {
                    throw StoreError(
                        .preconditionFailed,
                        "\(kind.name) \(found.record.keyText) has changed: its entity tag is \(found.record.etag), not \(ifMatch)")
                }
                try Self.checkUnreferenced(session, kind, found)
                // An order goes with its lines, each audited with its image.
                let lines = kind == .orders ? try RecordStatement.lines(ofOrder: found, page: reader.page) : []
                if !lines.isEmpty {
                    try session.run(
                        "DELETE FROM order_lines WHERE order_id = $1", [.integer(found.feedID)], context: "deleting the order's lines")
                }
                let stored = StoredColumns.of(kind)
                let match = stored.names[..<stored.keyCount].enumerated().map { "\($0.element) = $\($0.offset + 1)" }
                try session.run(
                    "DELETE FROM \(kind.name) WHERE \(match.joined(separator: " AND "))", found.storedKey,
                    context: "deleting \(kind.name) \(found.record.keyText)")
                let eventID = try PostgresAuditLog.append(
                    session, at: at, actor: actor, requestID: requestID, entity: kind.name, entityKey: found.record.keyText,
                    action: .delete, before: RecordText.json(found.record), after: nil)
                try Self.recordDeletion(session, kind, rowID: found.feedID, at: at, auditEventID: eventID)
                for line in lines {
                    try PostgresAuditLog.append(
                        session, at: at, actor: actor, requestID: requestID, entity: EntityKind.orderLines.name,
                        entityKey: line.keyText, action: .delete, before: RecordText.json(line), after: nil)
                }
                if !lines.isEmpty {
                    // Lines are named by their order's id in the feed: the engine re-reads them and finds none.
                    try Self.recordDeletion(session, .orderLines, rowID: found.feedID, at: at, auditEventID: eventID)
                }
            }
        } catch let error as StoreError where error.code == .notFound && (error.underlying as? PSQLError) != nil {
            // A reference the check above could not see (a foreign key added while it ran).
            throw StoreError(.conflict, "\(kind.name) \(Record.keyText(key)) is still referenced by other rows", underlying: error)
        }
    }

    public func auditTrail(_ query: AuditQuery) throws -> AuditPage {
        let statement = try AuditTrailStatement(query, dialect: .postgres)
        let events = try reading("reading the audit trail") { session in
            try session.query(statement.sql, statement.arguments, context: "reading the audit trail").map { try $0.auditEvent() }
        }
        return statement.page(events)
    }

    public func verifyAuditChain() throws -> AuditChainReport {
        try reading("verifying the audit chain") { session in
            var walk = AuditChainWalk()
            var lastID: Int64 = 0
            // In slices of the trail, all in one snapshot.
            while true {
                let rows = try session.query(
                    "SELECT \(AuditTrailStatement.columns) FROM audit_events WHERE id > $1 ORDER BY id LIMIT 10000", [.integer(lastID)],
                    context: "reading the audit chain")
                guard !rows.isEmpty else { return walk.report }
                for row in rows {
                    let event = try row.auditEvent()
                    if let report = walk.check(event) { return report }
                    lastID = event.id
                }
            }
        }
    }

    // MARK: Helpers

    /// Throws `.conflict` naming the first table (and column) whose rows refer to the record, found through every
    /// declared foreign key to its table (tables of later migrations too). An order's lines do not count: they are
    /// deleted with it.
    private static func checkUnreferenced(_ session: PostgresSession, _ kind: EntityKind, _ found: FoundRecord) throws {
        let references = try session.query(
            """
            SELECT c.conrelid::regclass::text AS referrer, a.attname::text AS referring, af.attname::text AS referred
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND c.confrelid = $1::regclass
            ORDER BY c.conrelid::regclass::text COLLATE "C", a.attname::text COLLATE "C"
            """, [.text(kind.name)], context: "reading the references to \(kind.name)")
        for reference in references {
            let referrer = try reference.text(at: 0)
            let column = try reference.text(at: 1)
            if kind == .orders, referrer == EntityKind.orderLines.name { continue }
            // References go to the surrogate id.
            guard try reference.text(at: 2) == "id" else { continue }
            let rows = try session.query(
                "SELECT EXISTS (SELECT 1 FROM \(quoted(referrer)) WHERE \(quoted(column)) = $1)", [.integer(found.feedID)],
                context: "looking for rows of \(referrer) that refer to \(kind.name) \(found.record.keyText)")
            if try rows.first?.flag(at: 0) == true {
                throw StoreError(
                    .conflict,
                    "\(kind.name) \(found.record.keyText) is still referenced by \(referrer) (column \(column)); delete or change those rows first"
                )
            }
        }
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The change-feed entry of a deleted row.
    private static func recordDeletion(
        _ session: PostgresSession, _ kind: EntityKind, rowID: Int64, at: Instant, auditEventID: Int64
    ) throws {
        try session.run(
            """
            INSERT INTO change_log (at, entity, operation, first_row_id, last_row_id, audit_event_id)
            VALUES ($1, $2, 'delete', $3, $4, $5)
            """, [.integer(at.millisecondsSinceEpoch), .text(kind.name), .integer(rowID), .integer(rowID), .integer(auditEventID)],
            context: "recording the deletion in the change feed")
    }
}
