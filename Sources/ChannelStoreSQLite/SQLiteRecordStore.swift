public import ChannelCore
public import ChannelStore
import Foundation
import GRDB

// GRDB has a `Record` class of its own: this file means the store's.
public import struct ChannelStore.Record

/// Records in their canonical columns, single-record deletes, and the audit trail (see `RecordStore`).
extension SQLiteChannelStore: RecordStore {
    public func records(_ kind: EntityKind, _ query: RecordQuery) throws -> RecordPage {
        try pool.read { db in try SQLiteRecordReader(connection: try Self.connection(db)).page(kind, query) }
    }

    public func record(_ kind: EntityKind, key: [String], partnerScope: [String]?) throws -> Record? {
        try pool.read { db in
            try SQLiteRecordReader(connection: try Self.connection(db)).find(kind, key: key, scope: partnerScope)?.record
        }
    }

    public func orderIDs(rowIDs: [Int64]) throws -> [Int64: String] {
        var found: [Int64: String] = [:]
        try pool.read { db in
            // In batches: SQLite limits the parameters of one statement.
            for start in stride(from: 0, to: rowIDs.count, by: 500) {
                let batch = Array(rowIDs[start..<min(rowIDs.count, start + 500)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, order_id FROM orders WHERE id IN (\(marks))", arguments: StatementArguments(batch))
                for row in rows { found[row[0]] = row[1] }
            }
        }
        return found
    }

    public func delete(_ kind: EntityKind, key: [String], ifMatch: String?, actor: String, requestID: String?) throws {
        let at = now()
        do {
            try pool.write { db in
                let reader = SQLiteRecordReader(connection: try Self.connection(db))
                guard let found = try reader.find(kind, key: key) else {
                    throw StoreError(.notFound, "\(kind.name) \(Record.keyText(key)) does not exist")
                }
                if let ifMatch, ifMatch != found.record.etag {
                    throw StoreError(
                        .preconditionFailed,
                        "\(kind.name) \(found.record.keyText) has changed: its entity tag is \(found.record.etag), not \(ifMatch)")
                }
                try Self.checkUnreferenced(db, kind, found)
                // An order goes with its lines, each audited with its image.
                let lines = kind == .orders ? try RecordStatement.lines(ofOrder: found, page: reader.page) : []
                if !lines.isEmpty {
                    try db.execute(sql: "DELETE FROM order_lines WHERE order_id = ?", arguments: [found.feedID])
                }
                let stored = StoredColumns.of(kind)
                let match = stored.names[..<stored.keyCount].map { "\($0) = ?" }.joined(separator: " AND ")
                try db.execute(
                    sql: "DELETE FROM \(kind.name) WHERE \(match)", arguments: StatementArguments(found.storedKey.map(\.databaseValue)))
                let eventID = try AuditLog.append(
                    db, at: at, actor: actor, requestID: requestID, entity: kind.name, entityKey: found.record.keyText,
                    action: .delete, before: RecordText.json(found.record), after: nil)
                try Self.recordDeletion(db, kind, rowID: found.feedID, at: at, auditEventID: eventID)
                for line in lines {
                    try AuditLog.append(
                        db, at: at, actor: actor, requestID: requestID, entity: EntityKind.orderLines.name,
                        entityKey: line.keyText, action: .delete, before: RecordText.json(line), after: nil)
                }
                if !lines.isEmpty {
                    // Lines are named by their order's id in the feed: the engine re-reads them and finds none.
                    try Self.recordDeletion(db, .orderLines, rowID: found.feedID, at: at, auditEventID: eventID)
                }
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            // A reference the check above could not see (a table added later without a foreign-key declaration
            // pointing here would not be caught at all; one with a declaration is caught here).
            throw StoreError(.conflict, "\(kind.name) \(Record.keyText(key)) is still referenced by other rows", underlying: error)
        }
    }

    public func auditTrail(_ query: AuditQuery) throws -> AuditPage {
        let statement = try AuditTrailStatement(query, dialect: .sqlite)
        let events = try pool.read { db in
            try Row.fetchAll(db, sql: statement.sql, arguments: StatementArguments(statement.arguments.map(\.databaseValue)))
                .map { try $0.auditEvent() }
        }
        return statement.page(events)
    }

    public func verifyAuditChain() throws -> AuditChainReport {
        try pool.read { db in try SQLiteAuditChain.verify(db) }
    }

    // MARK: Helpers

    static func connection(_ db: Database) throws -> OpaquePointer {
        guard let connection = db.sqliteConnection else { throw StoreError(.unavailable, "the database connection is closed") }
        return connection
    }

    /// Throws `.conflict` naming the first table (and column) whose rows refer to the record. An order's lines do not
    /// count: they are deleted with it.
    private static func checkUnreferenced(_ db: Database, _ kind: EntityKind, _ found: FoundRecord) throws {
        // Every declared foreign key to this table, including tables added by later migrations.
        let references = try Row.fetchAll(
            db,
            sql: """
                SELECT m.name AS referrer, f."from" AS referring, f."to" AS referred FROM sqlite_master m
                JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = ? ORDER BY m.name, f."from"
                """, arguments: [kind.name])
        for reference in references {
            let referrer: String = reference["referrer"]
            let column: String = reference["referring"]
            if kind == .orders, referrer == EntityKind.orderLines.name { continue }
            // References go to the surrogate id (`to` is NULL when it names the primary key).
            let referred: String = reference["referred"] ?? "id"
            guard referred == "id" else { continue }
            let isReferenced =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM \(quoted(referrer)) WHERE \(quoted(column)) = ?)",
                    arguments: [found.feedID]) ?? false
            if isReferenced {
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
    private static func recordDeletion(_ db: Database, _ kind: EntityKind, rowID: Int64, at: Instant, auditEventID: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO change_log (at, entity, operation, first_row_id, last_row_id, audit_event_id)
                VALUES (?, ?, 'delete', ?, ?, ?)
                """, arguments: [at.millisecondsSinceEpoch, kind.name, rowID, rowID, auditEventID])
    }
}

extension DBValue {
    /// The value for GRDB's statement arguments.
    var databaseValue: DatabaseValue {
        switch self {
        case .integer(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .null: .null
        }
    }
}
