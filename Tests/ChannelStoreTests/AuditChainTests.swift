import Foundation
import GRDB
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// The audit trail's hash chain: every path that writes an event extends it, the migration chains older events, the
/// schema refuses an event that does not link, and verification names the first tampered event.
@Suite struct AuditChainTests {
    /// Imports, import updates, API creates and updates, deletes, and an append through `AuditLog` (the accounts path).
    static func writeEverything(_ store: SQLiteChannelStore) throws {
        var sample = SampleData()
        try store.write(sample)
        sample.products[0].listPrice = Money(minorUnits: 420)
        try store.write(sample, actor: "reimport")
        try store.bulkWrite(actor: "alice", requestID: "req-1", auditEachRow: true) { writer throws in
            _ = try writer.write(SampleData.apiOrder)
            _ = try writer.write(SampleData.apiLine(1))
            var shipped = sample.orders[1]
            shipped.status = .cancelled
            _ = try writer.write(shipped)
        }
        try store.delete(.orders, key: ["SO9"], ifMatch: nil, actor: "bob", requestID: "req-2")
        _ = try store.pool.write { db in
            try AuditLog.append(
                db, at: fixedNow, actor: "admin", requestID: "req-3", entity: "users", entityKey: "u1", action: .create,
                before: nil, after: "{\"user_id\":\"u1\"}")
        }
    }

    @Test func everyWritePathExtendsTheChain() throws {
        try withTemporaryStore { store, _ throws in
            try Self.writeEverything(store)
            let events = try store.auditEvents(after: 0, limit: 1000)
            #expect(Set(events.map(\.action)) == [.import, .update, .create, .delete])
            #expect(events.map(\.id) == Array(1...Int64(events.count)))
            #expect(events.first?.previousHash == SQLiteAuditChain.genesis)
            for (previous, event) in zip(events, events.dropFirst()) {
                #expect(event.previousHash == previous.hash, "event \(event.id)")
            }
            for event in events {
                let hash = try #require(event.hash)
                #expect(hash.count == 64 && hash.allSatisfy(\.isHexDigit))
                #expect(
                    hash
                        == SQLiteAuditChain.hash(
                            id: event.id, at: event.at.millisecondsSinceEpoch, actor: event.actor, requestID: event.requestID,
                            entity: event.entity, entityKey: event.entityKey, action: event.action.rawValue, before: event.before,
                            after: event.after, previous: event.previousHash ?? ""))
            }
            let report = try store.verifyAuditChain()
            #expect(report.isIntact)
            #expect(report.eventsChecked == events.count)
        }
    }

    @Test func anEmptyTrailIsIntact() throws {
        try withTemporaryStore { store, _ throws in
            #expect(try store.verifyAuditChain() == AuditChainReport(eventsChecked: 0, firstBreak: nil))
        }
    }

    @Test func theEncodingIsUnambiguous() {
        func hash(actor: String, requestID: String?, entity: String) -> String {
            SQLiteAuditChain.hash(
                id: 1, at: 0, actor: actor, requestID: requestID, entity: entity, entityKey: "k", action: "create", before: nil,
                after: nil, previous: SQLiteAuditChain.genesis)
        }
        // Moving text between fields, or an empty text for a missing one, gives another hash.
        #expect(hash(actor: "ab", requestID: nil, entity: "c") != hash(actor: "a", requestID: nil, entity: "bc"))
        #expect(hash(actor: "a", requestID: nil, entity: "c") != hash(actor: "a", requestID: "", entity: "c"))
        #expect(hash(actor: "a", requestID: "x", entity: "c") == hash(actor: "a", requestID: "x", entity: "c"))
    }

    enum Tampering: String, CaseIterable, Sendable {
        case editedActor, editedImage, rehashedEvent, deletedEvent
    }

    /// Edits the trail on the file with the append-only triggers dropped, as an attacker with file access could, and
    /// expects the first broken event named.
    @Test(arguments: Tampering.allCases)
    func tamperingIsNamedAtTheFirstBrokenEvent(_ tampering: Tampering) throws {
        try withTemporaryStore { store, path throws in
            try Self.writeEverything(store)
            let events = try store.auditEvents(after: 0, limit: 1000)
            let target = events[5]
            let database = try DatabaseQueue(path: path)
            try database.writeWithoutTransaction { db in
                // The change feed names audit events: an attacker removing one turns foreign keys off first.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(
                    sql: "DROP TRIGGER audit_events_append_only_update; DROP TRIGGER audit_events_append_only_delete")
                switch tampering {
                case .editedActor:
                    try db.execute(sql: "UPDATE audit_events SET actor = 'mallory' WHERE id = ?", arguments: [target.id])
                case .editedImage:
                    try db.execute(sql: "UPDATE audit_events SET after_json = '{}' WHERE id = ?", arguments: [target.id])
                case .rehashedEvent:
                    // Edited and given a correct hash of its new contents: the next event's link no longer fits.
                    let hash = SQLiteAuditChain.hash(
                        id: target.id, at: target.at.millisecondsSinceEpoch, actor: "mallory", requestID: target.requestID,
                        entity: target.entity, entityKey: target.entityKey, action: target.action.rawValue, before: target.before,
                        after: target.after, previous: target.previousHash ?? "")
                    try db.execute(
                        sql: "UPDATE audit_events SET actor = 'mallory', hash = ? WHERE id = ?", arguments: [hash, target.id])
                case .deletedEvent:
                    try db.execute(sql: "DELETE FROM audit_events WHERE id = ?", arguments: [target.id])
                }
            }
            try database.close()
            let report = try store.verifyAuditChain()
            let broken = try #require(report.firstBreak)
            switch tampering {
            case .editedActor, .editedImage:
                #expect(broken.eventID == target.id && broken.reason == .hashMismatch)
            case .rehashedEvent, .deletedEvent:
                #expect(broken.eventID == events[6].id && broken.reason == .brokenLink)
            }
            let named = tampering == .rehashedEvent || tampering == .deletedEvent ? events[6] : target
            #expect(broken.at == named.at && broken.entity == named.entity && broken.entityKey == named.entityKey)
            #expect(report.eventsChecked == (tampering == .deletedEvent ? 6 : Int(broken.eventID)))
        }
    }

    @Test func theSchemaRefusesAnEventThatDoesNotLink() throws {
        try withTemporaryStore { store, path throws in
            try store.write(SampleData())
            let last = try #require(try store.auditEvents(after: 0, limit: 100).last)
            let database = try DatabaseQueue(path: path)
            let insert = """
                INSERT INTO audit_events (id, at, actor, entity, entity_key, action, prev_hash, hash)
                VALUES (?, 0, 'mallory', 'orders', 'SO1', 'delete', ?, ?)
                """
            let hash = String(repeating: "a", count: 64)
            let refused: [StatementArguments] = [
                [last.id + 1, last.hash, nil],
                [last.id + 1, SQLiteAuditChain.genesis, hash],
                [last.id, last.hash, hash],
            ]
            for arguments in refused {
                let error = #expect(throws: DatabaseError.self) { try database.write { db in try db.execute(sql: insert, arguments: arguments) } }
                #expect(error?.message?.contains("hash chain") == true, "\(String(describing: error))")
            }
            // Without an id at all.
            #expect(throws: DatabaseError.self) {
                try database.write { db in
                    try db.execute(
                        sql: "INSERT INTO audit_events (at, actor, entity, entity_key, action, prev_hash, hash) VALUES (0, 'm', 'o', 'k', 'create', ?, ?)",
                        arguments: [last.hash, hash])
                }
            }
            try database.close()
            #expect(try store.verifyAuditChain().isIntact)
        }
    }

    /// A database written before migration `0003_audit_chain` gets its existing events chained in id order.
    @Test func theMigrationChainsEarlierEvents() throws {
        try withTemporaryDatabase { path throws in
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let database = try DatabaseQueue(path: path)
            try SQLiteMigrations.migrator.migrate(database, upTo: "0002_accounts")
            try database.write { db in
                for number in 1...5 {
                    try db.execute(
                        sql: """
                            INSERT INTO audit_events (at, actor, request_id, entity, entity_key, action, before_json, after_json)
                            VALUES (?, 'import', NULL, 'products', ?, 'import', NULL, '{"inserted":1}')
                            """, arguments: [number * 1000, "products-\(number).csv"])
                }
            }
            try database.close()
            let store = try openStore(path)
            try withExtendedLifetime(store) {
                #expect(try store.appliedMigrations().contains("0003_audit_chain"))
                let events = try store.auditEvents(after: 0, limit: 100)
                #expect(events.count == 5)
                #expect(events.first?.previousHash == SQLiteAuditChain.genesis)
                #expect(try store.verifyAuditChain() == AuditChainReport(eventsChecked: 5, firstBreak: nil))
                // And new events link to them.
                try store.write(SampleData())
                let report = try store.verifyAuditChain()
                #expect(report.isIntact && report.eventsChecked == 5 + EntityKind.allCases.count)
            }
        }
    }
}
