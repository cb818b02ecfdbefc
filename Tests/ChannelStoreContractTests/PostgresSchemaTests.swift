import Testing

import ChannelCore
import ChannelStore
import ChannelStorePostgres
import ChannelStoreTestSupport

/// What only the PostgreSQL backend does: its migrations' bookkeeping and the invariants its schema keeps itself
/// (the same ones SQLite's schema keeps), checked by writing around the store.
@Suite struct PostgresSchemaTests {
    /// Runs `body` with a migrated test database and a store on it holding the sample.
    func withSampleDatabase(_ body: (PostgresLocation, PostgresChannelStore) throws -> Void) throws {
        let location = try TemporaryPostgres.instance().freshDatabase()
        let store = try PostgresChannelStore(location: location, now: { fixedNow }, connections: 2)
        defer { store.close() }
        try store.write(SampleData())
        try body(location, store)
    }

    /// Runs `sql` around the store and returns the error it failed with.
    func refusal(_ sql: String, on location: PostgresLocation) -> StoreError? {
        #expect(throws: StoreError.self, "\(sql)") { try PostgresAdmin.execute(sql, on: location) }
    }

    @Test func reopeningKeepsDataAndMigrations() throws {
        try withSampleDatabase { location, _ in
            let reopened = try PostgresChannelStore(location: location, now: { fixedNow }, connections: 1)
            defer { reopened.close() }
            #expect(try reopened.appliedMigrations().count == 7)
            #expect(try reopened.rowCounts() == SampleData().counts)
        }
    }

    @Test func aDatabaseOfANewerQudaoIsRefused() throws {
        try withSampleDatabase { location, _ in
            try PostgresAdmin.execute("INSERT INTO qudao_migrations (name) VALUES ('0099_from_the_future')", on: location)
            let error = #expect(throws: StoreError.self) { try PostgresChannelStore(location: location, connections: 1) }
            #expect(error?.code == .migration)
            #expect(error?.message.contains("0099_from_the_future") == true)
            #expect(error?.message.contains("newer Qudao") == true)
        }
    }

    @Test func anUnreachableServerIsUnavailableAndTheMessageHidesThePassword() throws {
        let location = try PostgresLocation(parsing: "postgres://qudao:s3cret@127.0.0.1:1/qudao")
        let error = #expect(throws: StoreError.self) { try PostgresChannelStore(location: location, connections: 1) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("127.0.0.1:1") == true)
        #expect(error?.message.contains("s3cret") == false)
    }

    @Test func auditEventsAreAppendOnly() throws {
        try withSampleDatabase { location, _ in
            #expect(refusal("UPDATE audit_events SET actor = 'mallory' WHERE id = 1", on: location)?.code == .constraint)
            #expect(refusal("DELETE FROM audit_events WHERE id = 1", on: location)?.code == .constraint)
            #expect(refusal("TRUNCATE audit_events CASCADE", on: location)?.code == .constraint)
            // An event that does not extend the chain.
            let error = refusal(
                """
                INSERT INTO audit_events (id, at, actor, entity, entity_key, action, prev_hash, hash)
                VALUES (1000, 0, 'mallory', 'orders', 'SO1', 'update', '\(AuditHash.genesis)', '\(AuditHash.genesis)')
                """, on: location)
            #expect(error?.message.contains("must extend the hash chain") == true)
        }
    }

    @Test func theRegionTreeKeepsItsShape() throws {
        try withSampleDatabase { location, _ in
            // A district directly under a province.
            let error = refusal("INSERT INTO regions (id, region_id, name, parent_id, level) VALUES (99, '319900', 'x', 1, 'district')", on: location)
            #expect(error?.message.contains("a city belongs to a province and a district to a city") == true)
            // A province with children turned into a city.
            #expect(refusal("UPDATE regions SET level = 'city', parent_id = 3 WHERE id = 1", on: location) != nil)
            // A province with a parent (CHECK).
            #expect(refusal("UPDATE regions SET parent_id = 3 WHERE id = 1", on: location)?.code == .constraint)
        }
    }

    @Test func aParentPartnerSitsUpstream() throws {
        try withSampleDatabase { location, _ in
            // D1 (tier 1) under R1 (tier 3).
            let error = refusal("UPDATE partners SET parent_id = 3, tier = 4 WHERE id = 1", on: location)
            #expect(error?.message.contains("parent partner must sit upstream") == true)
            // A1 (tier 2, parent D1) moved below its own child's tier.
            #expect(refusal("UPDATE partners SET tier = 3 WHERE id = 2", on: location) != nil)
        }
    }

    /// PostgreSQL refuses every statement after a failed one in the same transaction and turns its COMMIT into a
    /// rollback: a bulk write whose body caught such a failure and went on fails as a whole, instead of appearing to
    /// commit what PostgreSQL threw away.
    @Test func aFailedStatementFailsTheWholeBulkWrite() throws {
        try withSampleDatabase { _, store throws in
            let error = #expect(throws: StoreError.self) {
                try store.bulkWrite(actor: "test") { writer throws in
                    // A district directly under a province: the schema's trigger refuses it.
                    let district = Region(id: RegionID("310101"), name: "黄浦区", parentID: RegionID("310000"), level: .district)
                    do {
                        _ = try writer.write(district)
                        // An import buffers its rows: the server refuses the district once they are copied in, at
                        // the latest at the next statement (this look-up).
                        _ = try writer.currentRecord(.regions, key: ["310101"])
                        Issue.record("the schema took a district under a province")
                    } catch is StoreError {
                        // Caught, and the body goes on as an importer might.
                    }
                    _ = try? writer.write(SampleData.product(42))
                }
            }
            #expect(error?.code == .constraint)
            #expect(error?.message.contains("a city belongs to a province and a district to a city") == true)
            #expect(try store.rowCounts() == SampleData().counts)
        }
    }

    /// A large load into empty tables drops their foreign keys and natural-key indexes and builds them again before
    /// commit, which checks every row; a load that fails gets them back with the rollback.
    @Test func foreignKeysAndIndexesDroppedForALargeLoadComeBack() throws {
        let location = try TemporaryPostgres.instance().freshDatabase()
        let store = try PostgresChannelStore(location: location, now: { fixedNow }, connections: 2)
        defer { store.close() }
        let sample = SampleData()
        func load(failing: Bool) throws {
            try store.bulkWrite(actor: "test") { writer in
                try writer.expect(rows: 50_000, of: .orders)
                try writer.expect(rows: 50_000, of: .orderLines)
                try sample.writeMasterData(to: writer)
                for line in sample.orderLines { _ = try writer.write(line) }
                try writer.finishLoading(.orderLines)
                if failing { throw TestAbort() }
            }
        }
        #expect(throws: TestAbort.self) { try load(failing: true) }
        let orphan = refusal(
            "INSERT INTO order_lines (order_id, line_no, product_id, qty, unit_price_minor) VALUES (999, 1, 999, 1, 100)", on: location)
        #expect(orphan?.code == .constraint && orphan?.message.contains("foreign key") == true)
        let duplicateOrder = "INSERT INTO orders (id, order_id, partner_id, channel, ordered_at, status) VALUES (99, 'SO1', 1, 'online', 0, 'pending')"

        try load(failing: false)
        // The natural key's unique index is built again too, and so is the primary key of order lines (no other
        // table refers to them).
        #expect(refusal(duplicateOrder, on: location)?.message.contains("orders_natural_key") == true)
        let duplicateLine = "INSERT INTO order_lines (order_id, line_no, product_id, qty, unit_price_minor) VALUES (1, 1, 1, 1, 100)"
        #expect(refusal(duplicateLine, on: location)?.message.contains("order_lines_pkey") == true)
        let counts = try store.rowCounts()
        #expect(counts[.orders] == sample.orders.count && counts[.orderLines] == sample.orderLines.count)
        for sql in [
            "UPDATE order_lines SET product_id = 999 WHERE line_no = 1", "UPDATE order_lines SET order_id = 999 WHERE order_id = 1 AND line_no = 1",
            "UPDATE orders SET partner_id = 999", "UPDATE orders SET outlet_id = 999",
        ] {
            let error = refusal(sql, on: location)
            #expect(error?.message.contains("foreign key") == true, "\(sql): \(String(describing: error))")
        }
    }

    @Test func domainChecksAreConstraints() throws {
        try withSampleDatabase { location, _ in
            #expect(refusal("UPDATE order_lines SET qty = 0 WHERE order_id = 1 AND line_no = 1", on: location)?.code == .constraint)
            #expect(refusal("UPDATE order_lines SET returned_qty = 99 WHERE order_id = 1 AND line_no = 1", on: location) != nil)
            #expect(refusal("UPDATE orders SET status = 'pending' WHERE id = 1", on: location) != nil)
            #expect(refusal("UPDATE feedback SET rating = 6 WHERE id = 1", on: location) != nil)
            #expect(refusal("UPDATE products SET launched_on = '2024-1-1' WHERE id = 1", on: location) != nil)
            #expect(refusal("UPDATE orders SET partner_id = 999 WHERE id = 1", on: location)?.code == .constraint)
            #expect(refusal("INSERT INTO regions (id, region_id, name, level) VALUES (50, '310000', 'dup', 'province')", on: location) != nil)
        }
    }
}
