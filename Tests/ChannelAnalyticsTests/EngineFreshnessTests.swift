import ChannelCore
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Synchronization
import Testing

@testable import ChannelAnalytics

/// Writes through the store reach the engine on its next refresh, whole, while earlier snapshots stay as they were.
@Suite struct EngineFreshnessTests {
    let fixture: AnalyticsFixture

    init() throws { fixture = try AnalyticsFixture.shared.get() }

    @Test func engineHoldsWhatTheStoreHolds() throws {
        let store = try fixture.store()
        let snapshot = try AnalyticsEngine(store: store).snapshot
        let counts = try store.rowCounts()
        #expect(snapshot.orders.count - 1 == counts[.orders])
        #expect(snapshot.lines.count == counts[.orderLines])
        #expect(snapshot.shipments.count == counts[.shipments])
        #expect(snapshot.stock.count == counts[.inventorySnapshots])
        #expect(snapshot.feedback.count == counts[.feedback])
        #expect(snapshot.complaints.count == counts[.complaints])
        #expect(snapshot.dimensions.partners.count == counts[.partners])
        #expect(snapshot.dimensions.outlets.count == counts[.outlets])
        #expect(snapshot.sequence == (try store.changeSequence()))
        // Every order's lines are where the order says.
        var lines = 0
        for o in 1..<snapshot.orders.count {
            let start = Int(snapshot.orders.lineStart[o])
            for l in start..<start + Int(snapshot.orders.lineCount[o]) { #expect(snapshot.lines.order[l] == Int32(o)) }
            lines += Int(snapshot.orders.lineCount[o])
        }
        #expect(lines == snapshot.lines.count)
    }

    @Test func aWriteShowsInTheNextQueryAndEarlierSnapshotsStayPut() async throws {
        let (store, _) = try fixture.copy()
        let engine = try AnalyticsEngine(store: store)
        let before = engine.snapshot
        let q1Before = BenchmarkQuery.monthlySales.run(on: before, asOf: AnalyticsFixture.asOf)
        let rows = try fixture.sql(
            """
            SELECT p.partner_id, t.outlet_id, p.channel, pr.region_id, (SELECT sku FROM products LIMIT 1)
            FROM outlets t JOIN partners p ON p.id = t.partner_id JOIN regions c ON c.id = t.region_id
                 JOIN regions pr ON pr.id = c.parent_id
            WHERE t.closed_on IS NULL LIMIT 1
            """)
        let row = try #require(rows.first)
        let (partner, outlet, channel, province, sku) = (row[0] ?? "", row[1] ?? "", row[2] ?? "", row[3] ?? "", row[4] ?? "")
        let orderedAt = Instant(millisecondsSinceEpoch: 1_792_461_600_000)  // 2026-10-20T02:00:00Z
        var order = SalesOrder(
            id: OrderID("SO-FRESH-1"), partnerID: PartnerID(partner), outletID: OutletID(outlet),
            channel: SalesChannel(rawValue: channel) ?? .offline, orderedAt: orderedAt, promisedAt: nil, shippedAt: nil,
            deliveredAt: nil, status: .pending)
        let line = OrderLine(
            orderID: order.id, lineNumber: 1, sku: SKU(sku), quantity: 3, unitPrice: Money(minorUnits: 1_000),
            discount: try DiscountRate(partsPerMillion: 100_000), returnedQuantity: 0)
        try write(store, order: order, lines: [line])

        let after = try await engine.latestSnapshot()
        let q1After = BenchmarkQuery.monthlySales.run(on: after, asOf: AnalyticsFixture.asOf)
        let key = ["2026-10", province, channel]
        let old = try #require(Self.row(q1Before, key))
        let new = try #require(Self.row(q1After, key))
        // 3 x 10.00 x (1 - 0.1) = 27.00 more, 3 units, one order.
        #expect(Self.decimal(new[3]) - Self.decimal(old[3]) == Decimal(string: "27.00"))
        #expect(Int(new[4] ?? "") == (Int(old[4] ?? "") ?? 0) + 3)
        #expect(Int(new[5] ?? "") == (Int(old[5] ?? "") ?? 0) + 1)
        // The snapshot taken before the write did not change under its reader.
        #expect(BenchmarkQuery.monthlySales.run(on: before, asOf: AnalyticsFixture.asOf) == q1Before)

        // An update (the order is cancelled) replaces the order in place: the month is back where it was.
        order.status = .cancelled
        try write(store, order: order, lines: [])
        #expect(try engine.refresh())
        let q1Cancelled = BenchmarkQuery.monthlySales.run(on: engine.snapshot, asOf: AnalyticsFixture.asOf)
        #expect(Self.row(q1Cancelled, key) == old)
        #expect(try !engine.refresh())
    }

    @Test func replacedLinesLeaveNoTrace() throws {
        let (store, _) = try fixture.copy()
        let engine = try AnalyticsEngine(store: store)
        let rows = try fixture.sql(
            """
            SELECT o.order_id, p.sku, l.qty FROM orders o JOIN order_lines l ON l.order_id = o.id
                 JOIN products p ON p.id = l.product_id
            WHERE o.status = 'delivered' AND l.line_no = 1 LIMIT 1
            """)
        let row = try #require(rows.first)
        let q3Before = BenchmarkQuery.returnRate.run(on: engine.snapshot, asOf: AnalyticsFixture.asOf)
        // Line 1 of a delivered order now says one more unit was returned... if it can be; else one fewer.
        let stored = try fixture.sql(
            "SELECT unit_price_minor, discount_ppm, returned_qty FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_id = '\(row[0] ?? "")' AND l.line_no = 1"
        )
        let values = try #require(stored.first)
        let qty = Int64(row[2] ?? "") ?? 1
        let returned = Int64(values[2] ?? "") ?? 0
        let newReturned = returned < qty ? returned + 1 : returned - 1
        let line = OrderLine(
            orderID: OrderID(row[0] ?? ""), lineNumber: 1, sku: SKU(row[1] ?? ""), quantity: qty,
            unitPrice: Money(minorUnits: Int64(values[0] ?? "") ?? 0),
            discount: try DiscountRate(partsPerMillion: Int32(values[1] ?? "") ?? 0), returnedQuantity: newReturned)
        try store.bulkWrite(actor: "test") { writer in
            _ = try writer.write(line)
            try writer.finishBatch(.orderLines, source: "test")
        }
        try engine.refresh()
        let snapshot = engine.snapshot
        let q3After = BenchmarkQuery.returnRate.run(on: snapshot, asOf: AnalyticsFixture.asOf)
        #expect(Self.total(q3After, column: 2) - Self.total(q3Before, column: 2) == Int(newReturned - returned))
        // Units are unchanged: the old line was dropped, not counted twice.
        #expect(Self.total(q3After, column: 3) == Self.total(q3Before, column: 3))
    }

    private func write(_ store: SQLiteChannelStore, order: SalesOrder, lines: [OrderLine]) throws {
        try store.bulkWrite(actor: "test") { writer in
            _ = try writer.write(order)
            try writer.finishBatch(.orders, source: "test")
            for line in lines { _ = try writer.write(line) }
            if !lines.isEmpty { try writer.finishBatch(.orderLines, source: "test") }
        }
    }

    static func row(_ table: KPITable, _ key: [String]) -> [String?]? {
        table.texts.first { Array($0[0..<key.count]) == key.map { Optional($0) } }
    }

    static func total(_ table: KPITable, column: Int) -> Int {
        table.texts.compactMap { row in Int(row[column] ?? "") }.reduce(0, +)
    }

    static func decimal(_ text: String?) -> Decimal { Decimal(string: text ?? "") ?? 0 }
}

/// The background follower brings a committed write into the engine without anyone asking.
@Suite struct EngineFollowTests {
    @Test func aFollowedEngineSeesACommittedWriteWithoutBeingAsked() async throws {
        let fixture = try AnalyticsFixture.shared.get()
        let (store, _) = try fixture.copy()
        let engine = try AnalyticsEngine(store: store)
        let before = engine.snapshot.sequence
        // Errors the follower swallows are kept, so a failure says why the follower never caught up.
        let errors = Mutex<[String]>([])
        let follower = Task { await engine.follow(every: .milliseconds(50)) { error in errors.withLock { $0.append("\(error)") } } }
        defer { follower.cancel() }
        let row = try #require(try fixture.sql("SELECT p.sku FROM products p LIMIT 1").first)
        try store.bulkWrite(actor: "test") { writer in
            let snapshot = InventorySnapshot(
                snapshotDate: try CalendarDay(parsing: "2026-11-01"), locationID: LocationID("WH-FOLLOW"), sku: SKU(row[0] ?? ""),
                onHand: 7, inTransit: 0)
            _ = try writer.write(snapshot)
            try writer.finishBatch(.inventorySnapshots, source: "test")
        }
        let clock = ContinuousClock()
        // Generous: the tests that run beside this one compute for seconds on the concurrency pool's threads (one per
        // core), so the follower may run late; what matters is that it runs unasked.
        let deadline = clock.now + .seconds(180)
        while engine.snapshot.sequence == before, clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(engine.snapshot.sequence > before, "follower errors: \(errors.withLock { $0 })")
        #expect(engine.snapshot.dimensions.locations.contains("WH-FOLLOW"))
    }
}

@Suite struct EngineOptionalCodeTests {
    @Test func aShipmentWithoutAModeReachesTheEngine() throws {
        let fixture = try AnalyticsFixture.shared.get()
        let (store, _) = try fixture.copy()
        let engine = try AnalyticsEngine(store: store)
        let order = try #require(try fixture.sql("SELECT order_id, shipped_at FROM orders WHERE shipped_at IS NOT NULL LIMIT 1").first)
        try store.bulkWrite(actor: "test") { writer in
            let shipment = Shipment(
                id: ShipmentID("SH-NOMODE"), orderID: OrderID(order[0] ?? ""), carrier: "", mode: nil, distanceMeters: nil,
                weightGrams: nil, shippedAt: Instant(millisecondsSinceEpoch: Int64(order[1] ?? "") ?? 0), deliveredAt: nil)
            _ = try writer.write(shipment)
            try writer.finishBatch(.shipments, source: "test")
        }
        #expect(try engine.refresh())
        #expect(engine.snapshot.shipments.mode[engine.snapshot.shipments.count - 1] == 255)
    }
}
