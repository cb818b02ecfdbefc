import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
import ChannelStoreTestSupport

/// Records what `readFacts` delivers: the ranges announced per kind and the row ids that followed.
final class RecordingFactSink: FactSink {
    var announced: [(EntityKind, ClosedRange<Int64>?)] = []
    var rows: [EntityKind: [Int64]] = [:]

    func begin(_ kind: EntityKind, rowIDs: ClosedRange<Int64>?) throws { announced.append((kind, rowIDs)) }
    func region(_ row: RegionFact) throws { rows[.regions, default: []].append(row.rowID) }
    func partner(_ row: PartnerFact) throws { rows[.partners, default: []].append(row.rowID) }
    func product(_ row: ProductFact) throws { rows[.products, default: []].append(row.rowID) }
    func outlet(_ row: OutletFact) throws { rows[.outlets, default: []].append(row.rowID) }
    func order(_ row: OrderFact) throws { rows[.orders, default: []].append(row.rowID) }
    func orderLine(_ row: OrderLineFact) throws { rows[.orderLines, default: []].append(row.orderRowID) }
    func shipment(_ row: ShipmentFact) throws { rows[.shipments, default: []].append(row.rowID) }
    func stock(_ row: StockFact) throws { rows[.inventorySnapshots, default: []].append(row.rowID) }
    func feedback(_ row: FeedbackFact) throws { rows[.feedback, default: []].append(row.rowID) }
    func complaint(_ row: ComplaintFact) throws { rows[.complaints, default: []].append(row.rowID) }
    func end(_ kind: EntityKind) throws {}
}

/// Single-record writes as the API makes them (a request id, a `create` event per inserted row, canonical images),
/// If-Match checks inside the write, and deletes with their audit events, conflicts and change-feed entries.
@Suite struct RecordWriteTests {
    static let newOrder = SampleData.apiOrder

    static func newLine(_ number: Int) -> OrderLine { SampleData.apiLine(number) }

    @Test(arguments: Backend.allCases)
    func apiCreatesAreAuditedRowByRowWithTheRequestID(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            let lastEvent = try store.lastAuditEventID()
            let sequence = try store.changeSequence()
            let outcomes = try store.bulkWrite(actor: "alice", requestID: "req-1", auditEachRow: true) { writer throws in
                let outcomes = [try writer.write(Self.newOrder), try writer.write(Self.newLine(1)), try writer.write(Self.newLine(2))]
                try writer.finishBatch(.orders, source: "api")
                try writer.finishBatch(.orderLines, source: "api")
                return outcomes
            }
            #expect(outcomes == [.inserted, .inserted, .inserted])
            let events = try store.auditEvents(after: lastEvent, limit: 10)
            // One create event per row and no batch summary.
            #expect(events.map(\.action) == [.create, .create, .create])
            #expect(events.map(\.entityKey) == ["SO9", "SO9/1", "SO9/2"])
            #expect(events.allSatisfy { $0.requestID == "req-1" && $0.actor == "alice" && $0.before == nil && $0.at == fixedNow })
            // The image is the record as the API reads it.
            let order = try #require(try store.record(.orders, key: ["SO9"], partnerScope: nil))
            #expect(events[0].after == RecordText.json(order))
            let image = try jsonObject(events[1].after)
            #expect(image["order_id"] as? String == "SO9" && image["sku"] as? String == "SKU2")
            #expect(image["unit_price"] as? String == "12.34" && image["discount_rate"] as? String == "0.125")
            #expect(image["returned_qty"] as? String == "0")
            #expect(image.keys.sorted() == EntityKind.orderLines.columns.sorted())
            // Each inserted row is in the change feed with its own event.
            let changes = try store.changes(after: sequence, limit: 10)
            #expect(changes.map(\.operation) == [.insert, .insert, .insert])
            #expect(changes.map(\.entity) == [.orders, .orderLines, .orderLines])
            #expect(changes.map(\.auditEventID) == events.map(\.id))
            let orderRowID = changes[0].firstRowID
            #expect(changes.allSatisfy { $0.firstRowID == orderRowID && $0.lastRowID == orderRowID })
        }
    }

    @Test(arguments: Backend.allCases)
    func apiUpdatesCarryTheRecordBeforeAndAfter(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            try store.write(sample)
            let before = try #require(try store.record(.orders, key: ["SO3"], partnerScope: nil))
            let lastEvent = try store.lastAuditEventID()
            var delivered = sample.orders[2]
            delivered.status = .delivered
            delivered.deliveredAt = SampleData.at(hours: 47)
            let outcome = try store.bulkWrite(actor: "bob", requestID: "req-2", auditEachRow: true) { writer throws in
                try writer.write(delivered)
            }
            #expect(outcome == .updated)
            let after = try #require(try store.record(.orders, key: ["SO3"], partnerScope: nil))
            let events = try store.auditEvents(after: lastEvent, limit: 10)
            try #require(events.count == 1)
            #expect(events[0].action == .update && events[0].requestID == "req-2" && events[0].entityKey == "SO3")
            #expect(events[0].before == RecordText.json(before))
            #expect(events[0].after == RecordText.json(after))
            #expect(try jsonObject(events[0].after)["delivered_at"] as? String == "2025-03-06T07:15:00Z")
        }
    }

    @Test(arguments: Backend.allCases)
    func currentRecordSeesTheTransactionsOwnWrites(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            // In a fresh database (multi-row inserts still buffered) and in a stored one.
            try store.bulkWrite(actor: "test") { writer throws in
                try sample.writeMasterData(to: writer)
                #expect(try writer.currentRecord(.orders, key: ["SO1"])?["partner_id"] == "R1")
                #expect(try writer.currentRecord(.orders, key: ["SO9"]) == nil)
                for line in sample.orderLines { _ = try writer.write(line) }
                #expect(try writer.currentRecord(.orderLines, key: ["SO1", "2"])?["sku"] == "SKU2")
            }
            #expect(try store.rowCounts()[.orderLines] == sample.orderLines.count)
            let stored = try #require(try store.record(.orders, key: ["SO2"], partnerScope: nil))
            try store.bulkWrite(actor: "api", requestID: "r", auditEachRow: true) { writer throws in
                #expect(try writer.currentRecord(.orders, key: ["SO2"]) == stored)
                var cancelled = sample.orders[1]
                cancelled.status = .cancelled
                #expect(try writer.write(cancelled) == .updated)
                #expect(try writer.currentRecord(.orders, key: ["SO2"])?.etag != stored.etag)
                #expect(throws: StoreError.self) { try writer.currentRecord(.orders, key: []) }
            }
        }
    }

    /// A write that audits each row looks references up one by one instead of loading every order and outlet: the
    /// answers and refusals are the same.
    @Test(arguments: Backend.allCases)
    func apiWritesResolveReferencesByLookUp(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            try store.write(sample)
            try store.bulkWrite(actor: "api", requestID: "r", auditEachRow: true) { writer throws in
                #expect(try writer.status(ofOrder: OrderID("SO1")) == .delivered)
                #expect(try writer.status(ofOrder: OrderID("SO404")) == nil)
                let order = try #require(try writer.partnerAndStatus(ofOrder: OrderID("SO3")))
                #expect(order.partner == PartnerID("A1") && order.status == .shipped)
                #expect(try writer.partner(ofOutlet: OutletID("O3")) == PartnerID("A1"))
                #expect(try writer.partner(ofOutlet: OutletID("O404")) == nil)
                #expect(throws: BrokenReference(column: "order_id", value: "SO404", reason: "refers to unknown order")) {
                    try writer.write(SampleData.line(order: "SO404", number: 1))
                }
                var foreignOutlet = Self.newOrder
                foreignOutlet.outletID = OutletID("O2")
                #expect(throws: BrokenReference.self) { try writer.write(foreignOutlet) }
                // A new order is known to the lines written after it; a stored one is updated in place.
                #expect(try writer.write(Self.newOrder) == .inserted)
                #expect(try writer.write(Self.newLine(1)) == .inserted)
                #expect(try writer.status(ofOrder: OrderID("SO9")) == .pending)
                var cancelled = sample.orders[1]
                cancelled.status = .cancelled
                #expect(try writer.write(cancelled) == .updated)
                #expect(try writer.status(ofOrder: OrderID("SO2")) == .cancelled)
                #expect(try writer.write(sample.feedback[0]) == .unchanged)
            }
            #expect(try store.record(.orders, key: ["SO2"], partnerScope: nil)?["status"] == "cancelled")
            #expect(try store.danglingReferences() == 0)
        }
    }

    /// The API's conditional update: the tag is checked against the record in the same transaction as the write.
    @Test(arguments: Backend.allCases)
    func ifMatchInsideABulkWrite(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            try store.write(sample)
            let seen = try #require(try store.record(.partners, key: ["R1"], partnerScope: nil)).etag
            var suspended = sample.partners[2]
            suspended.status = .suspended
            func conditionalWrite(ifMatch: String) throws {
                try store.bulkWrite(actor: "api", requestID: "r", auditEachRow: true) { writer throws in
                    guard try writer.currentRecord(.partners, key: ["R1"])?.etag == ifMatch else {
                        throw StoreError(.preconditionFailed, "R1 changed")
                    }
                    _ = try writer.write(suspended)
                }
            }
            try conditionalWrite(ifMatch: seen)
            // The same tag again is stale now, and nothing is written.
            let events = try store.lastAuditEventID()
            let error = #expect(throws: StoreError.self) { try conditionalWrite(ifMatch: seen) }
            #expect(error?.code == .preconditionFailed)
            #expect(try store.lastAuditEventID() == events)
        }
    }

    // MARK: Deletes

    @Test(arguments: Backend.allCases)
    func deleteRemovesAuditsAndFeedsTheRecord(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            let complaint = try #require(try store.record(.complaints, key: ["C2"], partnerScope: nil))
            let sequence = try store.changeSequence()
            let lastEvent = try store.lastAuditEventID()
            let rowID = try #require(try store.changes(after: 0, limit: 100).first { $0.entity == .complaints }).firstRowID + 1
            try store.delete(.complaints, key: ["C2"], ifMatch: complaint.etag, actor: "carol", requestID: "req-9")
            #expect(try store.record(.complaints, key: ["C2"], partnerScope: nil) == nil)
            #expect(try store.rowCounts()[.complaints] == 1)
            let event = try #require(try store.auditEvents(after: lastEvent, limit: 10).first)
            #expect(event.action == .delete && event.entity == "complaints" && event.entityKey == "C2")
            #expect(event.actor == "carol" && event.requestID == "req-9" && event.after == nil)
            #expect(event.before == RecordText.json(complaint))
            let change = try #require(try store.changes(after: sequence, limit: 10).first)
            #expect(change.operation == .delete && change.entity == .complaints && change.auditEventID == event.id)
            #expect(change.firstRowID == rowID && change.lastRowID == rowID)
            // Gone is gone.
            let error = #expect(throws: StoreError.self) {
                try store.delete(.complaints, key: ["C2"], ifMatch: nil, actor: "carol", requestID: nil)
            }
            #expect(error?.code == .notFound)
        }
    }

    @Test(arguments: Backend.allCases)
    func deleteWithAStaleTagChangesNothing(_ backend: Backend) throws {
        try backend.withStore { store throws in
            var sample = SampleData()
            try store.write(sample)
            let seen = try #require(try store.record(.feedback, key: ["F2"], partnerScope: nil)).etag
            sample.feedback[1].rating = 1
            try store.write(sample)
            let events = try store.lastAuditEventID()
            let error = #expect(throws: StoreError.self) {
                try store.delete(.feedback, key: ["F2"], ifMatch: seen, actor: "dave", requestID: nil)
            }
            #expect(error?.code == .preconditionFailed)
            #expect(try store.record(.feedback, key: ["F2"], partnerScope: nil) != nil)
            #expect(try store.lastAuditEventID() == events)
            let current = try #require(try store.record(.feedback, key: ["F2"], partnerScope: nil)).etag
            try store.delete(.feedback, key: ["F2"], ifMatch: current, actor: "dave", requestID: nil)
            #expect(try store.record(.feedback, key: ["F2"], partnerScope: nil) == nil)
        }
    }

    static let conflicts: [(kind: EntityKind, key: [String], table: String)] = [
        (.partners, ["R1"], "complaints"),
        (.partners, ["D1"], "partners"),
        (.regions, ["440000"], "regions"),
        (.regions, ["440300"], "outlets"),
        (.products, ["SKU1"], "inventory_snapshots"),
        (.outlets, ["O1"], "feedback"),
        (.orders, ["SO1"], "complaints"),
        (.orders, ["SO3"], "shipments"),
    ]

    @Test(arguments: Backend.allCases, conflicts.indices)
    func deleteOfAReferencedRecordIsAConflictNamingTheTable(_ backend: Backend, _ index: Int) throws {
        let (kind, key, table) = Self.conflicts[index]
        try backend.withStore { store throws in
            try store.write(SampleData())
            let events = try store.lastAuditEventID()
            let error = #expect(throws: StoreError.self) {
                try store.delete(kind, key: key, ifMatch: nil, actor: "erin", requestID: nil)
            }
            #expect(error?.code == .conflict)
            #expect(error?.message.contains("referenced by \(table)") == true, "\(String(describing: error))")
            #expect(try store.rowCounts() == SampleData().counts)
            #expect(try store.lastAuditEventID() == events)
        }
    }

    @Test(arguments: Backend.allCases)
    func deletingAnOrderDeletesItsLines(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            try store.bulkWrite(actor: "api", requestID: "r1", auditEachRow: true) { writer throws in
                _ = try writer.write(Self.newOrder)
                for number in 1...3 { _ = try writer.write(Self.newLine(number)) }
            }
            let lines = try store.records(.orderLines, RecordQuery(filters: ["order_id": "SO9"])).records
            #expect(lines.count == 3)
            let sequence = try store.changeSequence()
            let lastEvent = try store.lastAuditEventID()
            let orderRowID = try #require(try store.changes(after: 0, limit: 100).last { $0.entity == .orders }).firstRowID
            try store.delete(.orders, key: ["SO9"], ifMatch: nil, actor: "frank", requestID: "r2")
            #expect(try store.records(.orderLines, RecordQuery(filters: ["order_id": "SO9"])).records.isEmpty)
            #expect(try store.rowCounts() == SampleData().counts)
            let events = try store.auditEvents(after: lastEvent, limit: 10)
            #expect(events.map(\.entityKey) == ["SO9", "SO9/1", "SO9/2", "SO9/3"])
            #expect(events.allSatisfy { $0.action == .delete && $0.requestID == "r2" })
            #expect(events.dropFirst().map(\.before) == lines.map { RecordText.json($0) })
            let changes = try store.changes(after: sequence, limit: 10)
            #expect(changes.map(\.entity) == [.orders, .orderLines])
            #expect(changes.allSatisfy { $0.operation == .delete && $0.firstRowID == orderRowID && $0.lastRowID == orderRowID })
            // An order without lines or references goes alone.
            try store.delete(.orderLines, key: ["SO2", "1"], ifMatch: nil, actor: "frank", requestID: nil)
            try store.delete(.orders, key: ["SO2"], ifMatch: nil, actor: "frank", requestID: nil)
            #expect(try store.changes(after: sequence, limit: 10).map(\.entity) == [.orders, .orderLines, .orderLines, .orders])
            #expect(try store.danglingReferences() == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func theEngineSeesDeletedRowsGone(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            let start = try store.changeSequence()
            let complaintID = try #require(try store.changes(after: 0, limit: 100).first { $0.entity == .complaints }).firstRowID
            try store.delete(.complaints, key: ["C1"], ifMatch: nil, actor: "grace", requestID: nil)
            try store.delete(.orderLines, key: ["SO1", "2"], ifMatch: nil, actor: "grace", requestID: nil)
            let sink = RecordingFactSink()
            let latest = try store.readFacts(after: start, into: sink)
            #expect(latest == start + 2)
            // The deleted complaint's id is announced and not delivered; the order's remaining line is delivered again.
            #expect(sink.announced.contains { $0.0 == .complaints && $0.1 == complaintID...complaintID })
            #expect(sink.rows[.complaints] == nil)
            let lineRange = try #require(sink.announced.first { $0.0 == .orderLines }?.1)
            #expect(sink.rows[.orderLines] == [lineRange.lowerBound])
        }
    }

    // MARK: Audit queries

    @Test(arguments: Backend.allCases)
    func auditTrailFiltersAndPages(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            try store.bulkWrite(actor: "alice", requestID: "req-1", auditEachRow: true) { writer throws in
                _ = try writer.write(Self.newOrder)
                for number in 1...4 { _ = try writer.write(Self.newLine(number)) }
            }
            try store.delete(.orderLines, key: ["SO9", "4"], ifMatch: nil, actor: "bob", requestID: "req-2")
            let all = try store.auditEvents(after: 0, limit: 1000)
            func ids(_ query: AuditQuery) throws -> [Int64] { try store.auditTrail(query).events.map(\.id) }
            #expect(try ids(AuditQuery(limit: 1000)) == all.map(\.id))
            #expect(try ids(AuditQuery(limit: 1000, newestFirst: true)) == all.map(\.id).reversed())
            #expect(try ids(AuditQuery(entity: "order_lines", action: .create)).count == 4)
            #expect(try ids(AuditQuery(entity: "order_lines", entityKey: "SO9/4")).count == 2)
            #expect(try ids(AuditQuery(actor: "bob")) == all.filter { $0.actor == "bob" }.map(\.id))
            #expect(try ids(AuditQuery(requestID: "req-1")).count == 5)
            #expect(try ids(AuditQuery(action: .import)).count == EntityKind.allCases.count)
            #expect(try ids(AuditQuery(from: fixedNow, to: fixedNow)).count == all.count)
            #expect(try ids(AuditQuery(to: Instant(millisecondsSinceEpoch: fixedNow.millisecondsSinceEpoch - 1))).isEmpty)
            for newestFirst in [false, true] {
                var query = AuditQuery(limit: 3, newestFirst: newestFirst)
                var walked: [Int64] = []
                while true {
                    let page = try store.auditTrail(query)
                    walked += page.events.map(\.id)
                    guard let next = page.nextCursor else { break }
                    query.cursor = next
                }
                #expect(walked == (newestFirst ? all.map(\.id).reversed() : all.map(\.id)))
            }
            for bad in [AuditQuery(limit: 0), AuditQuery(cursor: "x")] {
                let error = #expect(throws: StoreError.self) { try store.auditTrail(bad) }
                #expect(error?.code == .invalid)
            }
        }
    }
}
