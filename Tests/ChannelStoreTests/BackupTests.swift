import Foundation
import GRDB
import Synchronization
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// `SQLiteChannelStore.backup`: the copy is the same database (rows, audit chain, change feed), a copy taken while
/// another thread writes holds a committed prefix of its transactions, existing files are refused unless replaced, and
/// a copy put back in place opens as the store it was.
@Suite struct BackupTests {
    /// Every row of every table of the SQLite file at `path` (schema tables included), in rowid or key order.
    static func contents(of path: String) throws -> [String: [[DatabaseValue]]] {
        let database = try DatabaseQueue(path: path)
        defer { try? database.close() }
        return try database.read { db in
            var tables: [String: [[DatabaseValue]]] = [:]
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            for name in names {
                // Identical files scan in the same order (rowid, or key order for WITHOUT ROWID tables).
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"")
                tables[name] = rows.map { Array($0.databaseValues) }
            }
            tables["sqlite_master"] = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
                .map { Array($0.databaseValues) }
            return tables
        }
    }

    /// The order that the writer's `number`th transaction creates, and its line.
    static func writtenOrder(_ number: Int) -> (SalesOrder, OrderLine) {
        let order = SalesOrder(
            id: OrderID("W\(number)"), partnerID: PartnerID("R1"), outletID: OutletID("O1"), channel: .offline,
            orderedAt: SampleData.at(hours: Int64(number)), promisedAt: nil, shippedAt: nil, deliveredAt: nil, status: .pending)
        let line = OrderLine(
            orderID: order.id, lineNumber: 1, sku: SKU("SKU2"), quantity: Int64(number), unitPrice: Money(minorUnits: 990),
            discount: .none, returnedQuantity: 0)
        return (order, line)
    }

    @Test func aBackupIsTheSameDatabase() throws {
        try withTemporaryStore { store, path throws in
            try AuditChainTests.writeEverything(store)
            let destination = (path as NSString).deletingLastPathComponent + "/copy.sqlite"
            let copy = try store.backup(to: destination)

            #expect(copy.path == destination)
            #expect(try copy.migrations == store.appliedMigrations())
            #expect(try copy.changeSequence == store.changeSequence() && copy.changeSequence > 0)
            #expect(try copy.auditEvents == store.lastAuditEventID() && copy.auditEvents > 0)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber)
            #expect(copy.bytes == size.int64Value)
            #expect(!FileManager.default.fileExists(atPath: destination + ".partial"))

            #expect(try Self.contents(of: destination) == Self.contents(of: path))
            let reopened = try openStore(destination)
            #expect(try reopened.integrityCheck() == ["ok"])
            #expect(try reopened.danglingReferenceCount() == 0)
            #expect(try reopened.rowCounts() == store.rowCounts())
            #expect(try reopened.changeSequence() == store.changeSequence())
            #expect(try reopened.changes(after: 0, limit: 1_000) == store.changes(after: 0, limit: 1_000))
            let chain = try reopened.verifyAuditChain()
            #expect(chain.isIntact && chain.eventsChecked == Int(copy.auditEvents))
        }
    }

    /// The state the writer thread shares with the test.
    final class Writer: Sendable {
        let store: SQLiteChannelStore
        let stop = Mutex(false)
        /// Transactions that have returned.
        let committed = Mutex(0)
        let failure = Mutex<String?>(nil)
        let finished = DispatchSemaphore(value: 0)

        init(store: SQLiteChannelStore) { self.store = store }

        /// Commits one order and its line per transaction until told to stop (or 5,000 transactions).
        func start() {
            Thread.detachNewThread { [self] in
                defer { finished.signal() }
                var number = 0
                while number < 5_000, !stop.withLock({ $0 }) {
                    number += 1
                    do {
                        let (order, line) = BackupTests.writtenOrder(number)
                        try store.bulkWrite(actor: "writer", requestID: "w\(number)", auditEachRow: true) { writer throws in
                            _ = try writer.write(order)
                            _ = try writer.write(line)
                        }
                        committed.withLock { $0 = number }
                    } catch {
                        failure.withLock { $0 = "transaction \(number): \(error)" }
                        return
                    }
                }
            }
        }
    }

    @Test func aBackupTakenWhileWritingHoldsACommittedPrefix() throws {
        try withTemporaryStore { store, path throws in
            try store.write(SampleData())
            let baseSequence = try store.changeSequence()
            let baseEvents = try store.lastAuditEventID()
            let folder = (path as NSString).deletingLastPathComponent
            let writer = Writer(store: store)
            writer.start()
            while writer.committed.withLock({ $0 }) < 3, writer.failure.withLock({ $0 }) == nil { usleep(1_000) }

            var copies: [(path: String, committedBefore: Int, committedAfter: Int, backup: SQLiteBackup)] = []
            for index in 0..<5 {
                let destination = "\(folder)/copy-\(index).sqlite"
                let before = writer.committed.withLock { $0 }
                let backup = try store.backup(to: destination)
                copies.append((destination, before, writer.committed.withLock { $0 }, backup))
                usleep(5_000)
            }
            writer.stop.withLock { $0 = true }
            writer.finished.wait()
            #expect(writer.failure.withLock { $0 } == nil)
            let committed = writer.committed.withLock { $0 }
            #expect(committed > copies.last?.committedAfter ?? 0, "the writer went on after the last backup")

            var previous = 0
            for copy in copies {
                let reopened = try openStore(copy.path)
                #expect(try reopened.integrityCheck() == ["ok"])
                #expect(try reopened.danglingReferenceCount() == 0)
                #expect(try reopened.verifyAuditChain().isIntact)
                // The copy holds the writer's transactions 1...n, each whole (the order with its line), and nothing of later ones.
                let written = try reopened.pool.read { db in
                    try String.fetchAll(db, sql: "SELECT order_id FROM orders WHERE order_id LIKE 'W%'")
                }
                let n = written.count
                #expect(Set(written) == Set((0..<n).map { "W\($0 + 1)" }), "\(copy.path)")
                #expect(try reopened.rowCounts()[.orderLines] == SampleData().counts[.orderLines].map { $0 + n })
                // Each transaction wrote two rows, each with its audit event and change-feed entry.
                #expect(copy.backup.changeSequence == baseSequence + Int64(2 * n))
                #expect(try reopened.changeSequence() == copy.backup.changeSequence)
                #expect(copy.backup.auditEvents == baseEvents + Int64(2 * n))
                // Everything committed before the backup began is in it; a transaction that returned just after may be too.
                #expect(
                    n >= copy.committedBefore && n <= copy.committedAfter + 1, "\(n) of \(copy.committedBefore)...\(copy.committedAfter)")
                #expect(n >= previous)
                previous = n
            }
        }
    }

    @Test func anExistingDestinationIsRefusedUnlessReplaced() throws {
        try withTemporaryStore { store, path throws in
            try store.write(SampleData())
            let folder = (path as NSString).deletingLastPathComponent
            let destination = "\(folder)/existing.sqlite"
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: destination))

            let refused = #expect(throws: StoreError.self) { try store.backup(to: destination) }
            #expect(refused?.code == .conflict)
            #expect(refused?.message == "\(destination) exists already")
            #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data("keep me".utf8))
            #expect(!FileManager.default.fileExists(atPath: destination + ".partial"))

            // A write-ahead log beside it: its database may be open, so it is not replaced either.
            try Data().write(to: URL(fileURLWithPath: destination + "-wal"))
            let open = #expect(throws: StoreError.self) { try store.backup(to: destination, replacing: true) }
            #expect(open?.code == .conflict)
            #expect(open?.message.contains("\(destination)-wal exists") == true)
            try FileManager.default.removeItem(atPath: destination + "-wal")

            let replaced = try store.backup(to: destination, replacing: true)
            #expect(try replaced.changeSequence == store.changeSequence())
            #expect(try openStore(destination).rowCounts() == SampleData().counts)

            let ontoItself = #expect(throws: StoreError.self) { try store.backup(to: path, replacing: true) }
            #expect(ontoItself?.code == .invalid)
            let nowhere = #expect(throws: StoreError.self) { try store.backup(to: "\(folder)/missing/copy.sqlite") }
            #expect(nowhere?.code == .notFound)
            let folderAsDestination = #expect(throws: StoreError.self) { try store.backup(to: folder, replacing: true) }
            #expect(folderAsDestination?.code == .invalid)
        }
    }

    @Test func aBackupPutBackInPlaceIsTheStoreAsItWas() throws {
        try withTemporaryDatabase { path throws in
            let folder = (path as NSString).deletingLastPathComponent
            let backupPath = "\(folder)/backup.sqlite"
            let saved: (counts: [EntityKind: Int], sequence: Int64, events: Int64)
            do {
                let store = try openStore(path)
                try AuditChainTests.writeEverything(store)
                let backup = try store.backup(to: backupPath)
                saved = (try store.rowCounts(), backup.changeSequence, backup.auditEvents)
                // Written after the backup: lost by the restore.
                try store.bulkWrite(actor: "later", requestID: nil, auditEachRow: true) { writer throws in
                    _ = try writer.write(Self.writtenOrder(1).0)
                }
                #expect(try store.changeSequence() > saved.sequence)
            }

            // The restore as docs/DEPLOYMENT.md gives it: with the server stopped, the backup replaces the database file
            // and the database's write-ahead log and shared-memory files go.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try FileManager.default.copyItem(atPath: backupPath, toPath: path)

            let restored = try openStore(path)
            #expect(try restored.integrityCheck() == ["ok"])
            #expect(try restored.rowCounts() == saved.counts)
            #expect(try restored.changeSequence() == saved.sequence)
            #expect(try restored.lastAuditEventID() == saved.events)
            #expect(try restored.verifyAuditChain().isIntact)
            #expect(try restored.record(.orders, key: ["W1"], partnerScope: nil) == nil)
            #expect(try restored.record(.orders, key: ["SO1"], partnerScope: nil) != nil)
            // And it takes writes again, extending the same chain.
            try restored.bulkWrite(actor: "after-restore", requestID: nil, auditEachRow: true) { writer throws in
                _ = try writer.write(Self.writtenOrder(2).0)
            }
            #expect(try restored.changeSequence() == saved.sequence + 1)
            #expect(try restored.verifyAuditChain().isIntact)
        }
    }

    @Test func aFileIsCopiedAsItIsWithoutMigrating() throws {
        try withTemporaryDatabase { path throws in
            let folder = (path as NSString).deletingLastPathComponent
            _ = try withExtendedLifetime(try openStore(path)) { store in try store.write(SampleData()) }
            // As if written by a Qudao that had not yet shipped the last migration.
            let older = try DatabaseQueue(path: path)
            try older.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0007_webhooks'") }
            try older.close()

            let copy = try SQLiteChannelStore.backup(databaseAt: path, to: "\(folder)/copy.sqlite")
            #expect(copy.migrations.count == 6 && copy.migrations.last == "0006_contingency_plans")
            #expect(copy.auditEvents > 0 && copy.changeSequence > 0)
            let source = try DatabaseQueue(path: path)
            #expect(try source.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }.count == 6)
            try source.close()

            let missing = #expect(throws: StoreError.self) {
                try SQLiteChannelStore.backup(databaseAt: "\(folder)/none.sqlite", to: "\(folder)/copy-2.sqlite")
            }
            #expect(missing?.code == .notFound)
            #expect(!FileManager.default.fileExists(atPath: "\(folder)/none.sqlite"))

            let other = try DatabaseQueue(path: "\(folder)/other.sqlite")
            try other.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
            try other.close()
            let notOurs = #expect(throws: StoreError.self) {
                try SQLiteChannelStore.backup(databaseAt: "\(folder)/other.sqlite", to: "\(folder)/copy-3.sqlite")
            }
            #expect(notOurs?.code == .invalid)
            #expect(!FileManager.default.fileExists(atPath: "\(folder)/copy-3.sqlite"))
            #expect(!FileManager.default.fileExists(atPath: "\(folder)/copy-3.sqlite.partial"))
        }
    }
}
