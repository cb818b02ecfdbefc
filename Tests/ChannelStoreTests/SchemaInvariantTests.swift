import Foundation
import GRDB
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// The schema refuses rows the domain rejects, even when the domain checks are bypassed: each case writes through a
/// plain GRDB connection on the store's file, first an acceptable row (rolled back) to show the statement itself is
/// sound, then the same statement with one invariant broken.
@Suite struct SchemaInvariantTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The same statement with acceptable values; nil when no form of it is acceptable.
        var accepted: String?
        var refused: String
        /// Part of SQLite's message for trigger-enforced rules.
        var message: String?
        var testDescription: String { name }
    }

    static let order = "(SELECT id FROM orders WHERE order_id = 'SO2')"
    static let product = "(SELECT id FROM products WHERE sku = 'SKU1')"
    static let city = "(SELECT id FROM regions WHERE region_id = '310100')"
    static func partner(_ key: String) -> String { "(SELECT id FROM partners WHERE partner_id = '\(key)')" }

    static func orderLine(qty: Int, returned: Int = 0, discount: Int = 0, order: String = order) -> String {
        """
        INSERT INTO order_lines (order_id, line_no, product_id, qty, unit_price_minor, discount_ppm, returned_qty)
        VALUES (\(order), 9, \(product), \(qty), 100, \(discount), \(returned))
        """
    }

    static func newPartner(_ key: String, kind: String, tier: Int, parent: String) -> String {
        """
        INSERT INTO partners (partner_id, name, kind, parent_id, tier, region_id, channel, joined_on, status)
        VALUES ('\(key)', 'x', '\(kind)', \(partner(parent)), \(tier), \(city), 'offline', '2025-01-01', 'active')
        """
    }

    static func deliveredOrder(shipped: Int, delivered: Int) -> String {
        """
        INSERT INTO orders (order_id, partner_id, channel, ordered_at, shipped_at, delivered_at, status)
        VALUES ('SO9', \(partner("R1")), 'offline', 1000, \(shipped), \(delivered), 'delivered')
        """
    }

    static func shipment(shipped: Int, delivered: Int) -> String {
        "INSERT INTO shipments (shipment_id, order_id, shipped_at, delivered_at) VALUES ('SH9', \(order), \(shipped), \(delivered))"
    }

    static let cases: [Case] = [
        Case(name: "order line qty = 0", accepted: orderLine(qty: 1), refused: orderLine(qty: 0)),
        Case(name: "order line qty < 0", accepted: orderLine(qty: 1), refused: orderLine(qty: -1)),
        Case(name: "returned_qty > qty", accepted: orderLine(qty: 2, returned: 2), refused: orderLine(qty: 2, returned: 3)),
        Case(name: "discount_ppm = 1000000", accepted: orderLine(qty: 1, discount: 999_999), refused: orderLine(qty: 1, discount: 1_000_000)),
        Case(name: "discount_ppm < 0", accepted: orderLine(qty: 1, discount: 0), refused: orderLine(qty: 1, discount: -1)),
        Case(name: "order line of a missing order (foreign key)", accepted: orderLine(qty: 1), refused: orderLine(qty: 1, order: "999999")),
        Case(
            name: "order delivered before shipped", accepted: deliveredOrder(shipped: 2_000, delivered: 2_000),
            refused: deliveredOrder(shipped: 2_000, delivered: 1_999)),
        Case(
            name: "order shipped before ordered", accepted: deliveredOrder(shipped: 1_000, delivered: 3_000),
            refused: deliveredOrder(shipped: 999, delivered: 3_000)),
        Case(
            name: "delivered order without delivered_at",
            accepted: deliveredOrder(shipped: 2_000, delivered: 3_000),
            refused: deliveredOrder(shipped: 2_000, delivered: 3_000).replacingOccurrences(of: ", 3000, 'delivered'", with: ", NULL, 'delivered'")),
        Case(
            name: "shipment delivered before shipped", accepted: shipment(shipped: 2_000, delivered: 2_000),
            refused: shipment(shipped: 2_000, delivered: 1_999)),
        Case(
            name: "partner under a parent of equal tier (trigger)", accepted: newPartner("R9", kind: "dealer", tier: 3, parent: "A1"),
            refused: newPartner("A9", kind: "agent", tier: 2, parent: "A1"), message: "upstream"),
        Case(
            name: "partner under a parent of larger tier (trigger)", accepted: newPartner("A9", kind: "agent", tier: 2, parent: "D1"),
            refused: newPartner("A9", kind: "agent", tier: 2, parent: "R1"), message: "upstream"),
        Case(
            name: "partner under a tier-0 parent (trigger)", accepted: newPartner("R9", kind: "dealer", tier: 3, parent: "A1"),
            refused: newPartner("R9", kind: "dealer", tier: 3, parent: "PL"), message: "upstream"),
        Case(
            name: "partner tier raised to its stored child's (trigger)",
            accepted: "UPDATE partners SET name = 'renamed' WHERE partner_id = 'A1'",
            refused: "UPDATE partners SET kind = 'dealer', tier = 3 WHERE partner_id = 'A1'", message: "upstream"),
        Case(
            name: "city under a city (trigger)",
            accepted: "INSERT INTO regions (region_id, name, parent_id, level) VALUES ('310199', 'x', \(city), 'district')",
            refused: "INSERT INTO regions (region_id, name, parent_id, level) VALUES ('310199', 'x', \(city), 'city')",
            message: "belongs to"),
        Case(
            name: "province with stored cities turned into a city (trigger)",
            accepted: "UPDATE regions SET name = 'renamed' WHERE region_id = '310000'",
            refused: "UPDATE regions SET level = 'city', parent_id = (SELECT id FROM regions WHERE region_id = '440000') WHERE region_id = '310000'",
            message: "belongs to"),
        Case(
            name: "tier-0 partner with a parent", accepted: nil,
            refused: "UPDATE partners SET parent_id = \(partner("D1")) WHERE partner_id = 'PL'"),
        Case(
            name: "platform with a non-zero tier", accepted: nil,
            refused: "UPDATE partners SET kind = 'platform' WHERE partner_id = 'D1'"),
        Case(
            name: "outlet closed on the day it opened",
            accepted: "UPDATE outlets SET closed_on = '2024-04-02' WHERE outlet_id = 'O1'",
            refused: "UPDATE outlets SET closed_on = '2024-04-01' WHERE outlet_id = 'O1'"),
        Case(name: "rating 6", accepted: "UPDATE feedback SET rating = 5 WHERE feedback_id = 'F1'", refused: "UPDATE feedback SET rating = 6 WHERE feedback_id = 'F1'"),
        Case(
            name: "complaint resolved without a first response",
            accepted: "UPDATE complaints SET resolved_at = NULL, first_response_at = NULL WHERE complaint_id = 'C1'",
            refused: "UPDATE complaints SET first_response_at = NULL WHERE complaint_id = 'C1'"),
        Case(
            name: "city without a parent", accepted: nil, refused: "UPDATE regions SET parent_id = NULL WHERE region_id = '310100'"),
        Case(
            name: "audit events cannot be updated", accepted: nil, refused: "UPDATE audit_events SET actor = 'mallory'",
            message: "append-only"),
        Case(
            name: "audit events cannot be deleted", accepted: nil, refused: "DELETE FROM audit_events", message: "append-only"),
    ]

    @Test(arguments: cases)
    func schemaRefuses(_ c: Case) throws {
        try withTemporaryStore { store, path throws in
            try store.write(SampleData())
            let database = try DatabaseQueue(path: path)
            if let accepted = c.accepted {
                try database.inTransaction { db in
                    try db.execute(sql: accepted)
                    #expect(db.changesCount == 1)
                    return .rollback
                }
            }
            let error = #expect(throws: DatabaseError.self) { try database.write { db in try db.execute(sql: c.refused) } }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT, "\(String(describing: error))")
            if let message = c.message { #expect(error?.message?.contains(message) == true, "\(String(describing: error))") }
            #expect(try store.rowCounts() == SampleData().counts)
        }
    }

    /// A partner turned into a tier-0 platform while a stored partner still names it as parent breaks the rule the
    /// insert trigger enforces ("a parent sits upstream: a smaller, non-zero tier"); the update trigger must refuse it.
    @Test func partnerWithAStoredChildCannotBecomeTierZero() throws {
        try withTemporaryStore { store, path throws in
            try store.write(SampleData())
            let database = try DatabaseQueue(path: path)
            #expect(throws: DatabaseError.self) {
                try database.write { db in
                    try db.execute(sql: "UPDATE partners SET kind = 'platform', tier = 0, parent_id = NULL WHERE partner_id = 'A1'")
                }
            }
        }
    }

    @Test func foreignKeysAreOnInTheStoreAndInPlainGRDB() throws {
        try withTemporaryStore { _, path throws in
            let database = try DatabaseQueue(path: path)
            #expect(try database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
            #expect(try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        }
    }

    /// The bulk writer turns SQLite's foreign-key probes off for speed and resolves references itself, so after any
    /// mix of inserts and updates `PRAGMA foreign_key_check` must find nothing.
    @Test func bulkWritesLeaveNoDanglingReference() throws {
        try withTemporaryStore { store, path throws in
            var sample = SampleData()
            try store.write(sample)
            sample.partners[2].parentID = PartnerID("D1")
            sample.outlets[2].partnerID = PartnerID("R1")
            sample.orders[1].status = .cancelled
            try store.write(sample)
            #expect(try store.integrityCheck() == ["ok"])
            let database = try DatabaseQueue(path: path)
            #expect(try database.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
            #expect(try database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
        }
    }

    /// However the first load is journaled, the file is in WAL mode again afterwards (a `DatabasePool` needs it),
    /// whether the load committed or was rolled back.
    @Test(arguments: [false, true])
    func databaseIsInWALModeAfterTheFirstLoad(throwing: Bool) throws {
        try withTemporaryStore { store, path throws in
            do {
                try store.bulkWrite(actor: "test") { writer throws in
                    try SampleData().write(to: writer)
                    if throwing { throw TestAbort() }
                }
            } catch is TestAbort {}
            #expect(try store.rowCounts()[.orders] == (throwing ? 0 : 3))
            let database = try DatabaseQueue(path: path)
            #expect(try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
            try database.close()
            // And a second load still works.
            #expect(try store.write(SampleData())[.regions]?.first == (throwing ? .inserted : .unchanged))
        }
    }

    @Test func storeRefusesADatabaseFromANewerVersion() throws {
        try withTemporaryDatabase { path throws in
            _ = try withExtendedLifetime(try openStore(path)) { store in try store.write(SampleData()) }
            let database = try DatabaseQueue(path: path)
            try database.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('0002_from_a_newer_qudao')")
            }
            try database.close()
            let error = #expect(throws: StoreError.self) { try openStore(path) }
            #expect(error?.code == .migration)
            #expect(error?.message.contains(path) == true)
        }
    }
}
