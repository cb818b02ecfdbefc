import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite

/// The bulk writer's bookkeeping: rows buffered in fresh tables, repeats caught whatever the key order, broken
/// references refused before anything is written.
@Suite struct BulkWriterTests {
    static func product(_ number: Int) -> Product {
        Product(
            sku: SKU("P" + String(100_000 + number).dropFirst()), name: "Product \(number)", category: "test",
            listPrice: Money(minorUnits: Int64(100 + number)), unitCost: Money(minorUnits: 50), weightGrams: 100,
            launchedOn: SampleData.day("2024-01-01"))
    }

    static func line(order: String, number: Int, sku: String = "SKU1", quantity: Int64 = 1) -> OrderLine {
        OrderLine(
            orderID: OrderID(order), lineNumber: number, sku: SKU(sku), quantity: quantity, unitPrice: Money(minorUnits: 100),
            discount: .none, returnedQuantity: 0)
    }

    /// Writes the sample's regions, partners, products, outlets and orders (no batches closed).
    static func writeMasterData(_ sample: SampleData, to writer: any BulkWriter) throws {
        for region in sample.regions { _ = try writer.write(region) }
        for partner in sample.partners { _ = try writer.write(partner) }
        for product in sample.products { _ = try writer.write(product) }
        for outlet in sample.outlets { _ = try writer.write(outlet) }
        for order in sample.orders { _ = try writer.write(order) }
    }

    @Test func rowsWrittenWithoutClosingTheBatchAreCommitted() throws {
        try withTemporaryStore { store, _ throws in
            let sample = SampleData()
            try store.bulkWrite(actor: "test") { writer throws in
                try Self.writeMasterData(sample, to: writer)
                for line in sample.orderLines { _ = try writer.write(line) }
            }
            let counts = try store.rowCounts()
            #expect(counts[.regions] == 4 && counts[.partners] == 4 && counts[.orders] == 3 && counts[.orderLines] == 4)
            // No batch was closed, so nothing was audited.
            #expect(try store.auditEvents(after: 0, limit: 10).isEmpty)
        }
    }

    /// More rows than one multi-row statement holds, with a repeat on each side of the first flush.
    @Test(arguments: [1, 127, 128, 129, 300])
    func manyRowsInAFreshTable(count: Int) throws {
        try withTemporaryStore { store, _ throws in
            let outcomes = try store.bulkWrite(actor: "test") { writer throws in
                var outcomes: [WriteOutcome] = []
                for number in 0..<count {
                    outcomes.append(try writer.write(Self.product(number)))
                    // Every product is known at once, flushed or still buffered.
                    #expect(try writer.contains(product: Self.product(number).sku))
                }
                outcomes.append(try writer.write(Self.product(0)))
                outcomes.append(try writer.write(Self.product(count - 1)))
                try writer.finishBatch(.products, source: "products.csv")
                return outcomes
            }
            #expect(outcomes == Array(repeating: .inserted, count: count) + [.duplicate, .duplicate])
            #expect(try store.rowCounts()[.products] == count)
            let summary = try jsonObject(try store.auditEvents(after: 0, limit: 1).first?.after)
            #expect(summary["inserted"] as? Int == count)
            #expect(summary["duplicates"] as? Int == 2)
            let change = try #require(try store.changes(after: 0, limit: 1).first)
            #expect(change.firstRowID == 1 && change.lastRowID == Int64(count))

            // Written again in a new transaction: every row unchanged.
            let again = try store.bulkWrite(actor: "test") { writer throws in
                try (0..<count).map { try writer.write(Self.product($0)) }
            }
            #expect(again == Array(repeating: .unchanged, count: count))
        }
    }

    @Test func manyOrderLinesAcrossTheFlushBoundary() throws {
        try withTemporaryStore { store, _ throws in
            let sample = SampleData()
            let outcomes = try store.bulkWrite(actor: "test") { writer throws in
                try Self.writeMasterData(sample, to: writer)
                var outcomes: [WriteOutcome] = []
                for order in ["SO1", "SO2", "SO3"] {
                    for number in 1...150 { outcomes.append(try writer.write(Self.line(order: order, number: number))) }
                }
                outcomes.append(try writer.write(Self.line(order: "SO1", number: 1)))
                outcomes.append(try writer.write(Self.line(order: "SO2", number: 150)))
                try writer.finishBatch(.orderLines, source: "lines.csv")
                return outcomes
            }
            #expect(outcomes == Array(repeating: .inserted, count: 450) + [.duplicate, .duplicate])
            #expect(try store.rowCounts()[.orderLines] == 450)
        }
    }

    /// Keys out of order: the writer must still catch every repeat, in fresh tables and in stored ones.
    @Test func repeatsAreCaughtWhateverTheKeyOrder() throws {
        try withTemporaryStore { store, _ throws in
            let sample = SampleData()
            func feedback(_ id: String) -> Feedback {
                var row = sample.feedback[1]
                row.id = FeedbackID(id)
                return row
            }
            let order = ["F5", "F2", "F9", "F2", "F1", "F5", "F7", "F9"]
            let want: [WriteOutcome] = [.inserted, .inserted, .inserted, .duplicate, .inserted, .duplicate, .inserted, .duplicate]
            let fresh = try store.bulkWrite(actor: "test") { writer throws in
                try Self.writeMasterData(sample, to: writer)
                let outcomes = try order.map { try writer.write(feedback($0)) }
                // Order lines (numeric keys) and stock snapshots, also out of order.
                let lines = try [("SO2", 1), ("SO1", 2), ("SO1", 1), ("SO2", 1), ("SO1", 2), ("SO3", 1)].map {
                    try writer.write(Self.line(order: $0.0, number: $0.1))
                }
                #expect(lines == [.inserted, .inserted, .inserted, .duplicate, .duplicate, .inserted])
                let snapshots = try [sample.snapshots[2], sample.snapshots[0], sample.snapshots[2], sample.snapshots[1], sample.snapshots[0]].map {
                    try writer.write($0)
                }
                #expect(snapshots == [.inserted, .inserted, .duplicate, .inserted, .duplicate])
                return outcomes
            }
            #expect(fresh == want)
            #expect(try store.rowCounts()[.feedback] == 5)

            // Stored table: the stored keys are unchanged the first time, then repeats.
            let stored = try store.bulkWrite(actor: "test") { writer throws in
                try ["F8", "F2", "F3", "F2", "F8", "F1", "F0", "F3"].map { try writer.write(feedback($0)) }
            }
            #expect(stored == [.inserted, .unchanged, .inserted, .duplicate, .duplicate, .unchanged, .inserted, .duplicate])
            #expect(try store.rowCounts()[.feedback] == 8)
        }
    }

    @Test func snapshotsBefore1970AndOfManyLocations() throws {
        try withTemporaryStore { store, _ throws in
            let sample = SampleData()
            var snapshots: [InventorySnapshot] = []
            for location in 0..<40 {
                for date in ["1969-12-28", "2025-06-01"] {
                    snapshots.append(
                        InventorySnapshot(
                            snapshotDate: SampleData.day(date), locationID: LocationID("WH\(location)"), sku: SKU("SKU1"),
                            onHand: Int64(location), inTransit: 0))
                }
            }
            let outcomes = try store.bulkWrite(actor: "test") { writer throws in
                for product in sample.products { _ = try writer.write(product) }
                return try (snapshots + snapshots.reversed()).map { try writer.write($0) }
            }
            #expect(outcomes == Array(repeating: .inserted, count: 80) + Array(repeating: .duplicate, count: 80))
            #expect(try store.rowCounts()[.inventorySnapshots] == 80)
        }
    }

    // MARK: Broken references

    enum Broken: CaseIterable, Sendable, CustomTestStringConvertible {
        case regionParent, partnerParent, partnerRegion, outletPartner, outletRegion, orderPartner, orderOutlet
        case orderOutletOfAnotherPartner, lineOrder, lineProduct, shipmentOrder, snapshotProduct, feedbackOrder
        case feedbackOutlet, complaintPartner

        var testDescription: String { "\(self)" }

        var expected: BrokenReference {
            switch self {
            case .regionParent: BrokenReference(column: "parent_id", value: "990000", reason: "refers to unknown region")
            case .partnerParent: BrokenReference(column: "parent_id", value: "D9", reason: "refers to unknown partner")
            case .partnerRegion: BrokenReference(column: "region_id", value: "990100", reason: "refers to unknown region")
            case .outletPartner: BrokenReference(column: "partner_id", value: "R9", reason: "refers to unknown partner")
            case .outletRegion: BrokenReference(column: "region_id", value: "990100", reason: "refers to unknown region")
            case .orderPartner: BrokenReference(column: "partner_id", value: "R9", reason: "refers to unknown partner")
            case .orderOutlet: BrokenReference(column: "outlet_id", value: "O9", reason: "refers to unknown outlet")
            case .orderOutletOfAnotherPartner:
                BrokenReference(column: "outlet_id", value: "O2", reason: "belongs to partner PL, not to the ordering partner R1")
            case .lineOrder: BrokenReference(column: "order_id", value: "SO9", reason: "refers to unknown order")
            case .lineProduct: BrokenReference(column: "sku", value: "SKU9", reason: "refers to unknown product")
            case .shipmentOrder: BrokenReference(column: "order_id", value: "SO9", reason: "refers to unknown order")
            case .snapshotProduct: BrokenReference(column: "sku", value: "SKU9", reason: "refers to unknown product")
            case .feedbackOrder: BrokenReference(column: "order_id", value: "SO9", reason: "refers to unknown order")
            case .feedbackOutlet: BrokenReference(column: "outlet_id", value: "O9", reason: "refers to unknown outlet")
            case .complaintPartner: BrokenReference(column: "partner_id", value: "R9", reason: "refers to unknown partner")
            }
        }

        /// Writes the broken record; returns the kind it belongs to.
        func write(_ sample: SampleData, to writer: any BulkWriter) throws -> EntityKind {
            switch self {
            case .regionParent:
                var region = sample.regions[1]
                region.id = RegionID("990100")
                region.parentID = RegionID("990000")
                _ = try writer.write(region)
                return .regions
            case .partnerParent:
                var partner = sample.partners[1]
                partner.id = PartnerID("A9")
                partner.parentID = PartnerID("D9")
                _ = try writer.write(partner)
                return .partners
            case .partnerRegion:
                var partner = sample.partners[0]
                partner.id = PartnerID("D9")
                partner.regionID = RegionID("990100")
                _ = try writer.write(partner)
                return .partners
            case .outletPartner:
                var outlet = sample.outlets[0]
                outlet.id = OutletID("O9")
                outlet.partnerID = PartnerID("R9")
                _ = try writer.write(outlet)
                return .outlets
            case .outletRegion:
                var outlet = sample.outlets[0]
                outlet.id = OutletID("O9")
                outlet.regionID = RegionID("990100")
                _ = try writer.write(outlet)
                return .outlets
            case .orderPartner, .orderOutlet, .orderOutletOfAnotherPartner:
                var order = sample.orders[0]
                order.id = OrderID("SO9")
                if self == .orderPartner { order.partnerID = PartnerID("R9") }
                if self == .orderOutlet { order.outletID = OutletID("O9") }
                if self == .orderOutletOfAnotherPartner { order.outletID = OutletID("O2") }
                _ = try writer.write(order)
                return .orders
            case .lineOrder, .lineProduct:
                var line = sample.orderLines[0]
                if self == .lineOrder { line.orderID = OrderID("SO9") } else { line.sku = SKU("SKU9") }
                line.lineNumber = 9
                _ = try writer.write(line)
                return .orderLines
            case .shipmentOrder:
                var shipment = sample.shipments[0]
                shipment.id = ShipmentID("SH9")
                shipment.orderID = OrderID("SO9")
                _ = try writer.write(shipment)
                return .shipments
            case .snapshotProduct:
                var snapshot = sample.snapshots[0]
                snapshot.sku = SKU("SKU9")
                _ = try writer.write(snapshot)
                return .inventorySnapshots
            case .feedbackOrder, .feedbackOutlet:
                var feedback = sample.feedback[0]
                feedback.id = FeedbackID("F9")
                if self == .feedbackOrder { feedback.orderID = OrderID("SO9") } else { feedback.outletID = OutletID("O9") }
                _ = try writer.write(feedback)
                return .feedback
            case .complaintPartner:
                var complaint = sample.complaints[0]
                complaint.id = ComplaintID("C9")
                complaint.partnerID = PartnerID("R9")
                _ = try writer.write(complaint)
                return .complaints
            }
        }
    }

    /// A broken reference is refused before anything is written, so an importer can count the row as rejected and
    /// go on in the same transaction; the rest commits, into fresh tables and into stored ones alike.
    @Test(arguments: Broken.allCases, [false, true])
    func brokenReferenceIsRefusedAndTheTransactionGoesOn(_ broken: Broken, storedFirst: Bool) throws {
        try withTemporaryStore { store, _ throws in
            let sample = SampleData()
            if storedFirst { try store.write(sample) }
            try store.bulkWrite(actor: "test") { writer throws in
                if !storedFirst { _ = try sample.write(to: writer) }
                let error = #expect(throws: BrokenReference.self) { _ = try broken.write(sample, to: writer) }
                #expect(error == broken.expected)
            }
            #expect(try store.rowCounts() == sample.counts)
        }
    }

    // MARK: Reference questions

    @Test func statusOfOrder() throws {
        try withTemporaryStore { store, _ throws in
            var sample = SampleData()
            try store.bulkWrite(actor: "test") { writer throws in
                #expect(try writer.status(ofOrder: OrderID("SO1")) == nil)
                try Self.writeMasterData(sample, to: writer)
                #expect(try writer.status(ofOrder: OrderID("SO1")) == .delivered)
                #expect(try writer.status(ofOrder: OrderID("SO2")) == .pending)
                #expect(try writer.status(ofOrder: OrderID("SO9")) == nil)
            }
            sample.orders[1].status = .cancelled
            try store.bulkWrite(actor: "test") { writer throws in
                #expect(try writer.status(ofOrder: OrderID("SO2")) == .pending)
                #expect(try writer.write(sample.orders[1]) == .updated)
                #expect(try writer.status(ofOrder: OrderID("SO2")) == .cancelled)
            }
        }
    }

    @Test func partnerReparentedInTheTransactionIsSeenByTheGraph() throws {
        try withTemporaryStore { store, _ throws in
            var sample = SampleData()
            try store.write(sample)
            try store.bulkWrite(actor: "test") { writer throws in
                // R1 moves from agent A1 to distributor D1.
                sample.partners[2].parentID = PartnerID("D1")
                #expect(try writer.write(sample.partners[2]) == .updated)
                #expect(try writer.partnerNodes()[PartnerID("R1")] == PartnerGraph.Node(tier: 3, parentID: PartnerID("D1")))
            }
            try store.bulkWrite(actor: "test") { writer throws in
                #expect(try writer.partnerNodes()[PartnerID("R1")] == PartnerGraph.Node(tier: 3, parentID: PartnerID("D1")))
            }
        }
    }
}

@Suite struct NumberSetTests {
    @Test func remembersEveryKeyThroughGrowth() {
        var set = NumberSet(capacity: 4)
        let keys: [Int64] = (0..<5_000).map { Int64($0) * 7_919 - 1_000_000 } + [0, .min, .max, 1 << 43, 2 << 43, 3 << 43]
        var expected: Set<Int64> = []
        for key in keys {
            let isNew = set.insert(key)
            #expect(isNew == expected.insert(key).inserted, "\(key)")
        }
        for key in keys {
            let isNew = set.insert(key)
            #expect(!isNew, "\(key)")
        }
        #expect(set.count == expected.count)
    }

    @Test func keysDifferingOnlyInHighBitsAreDistinct() {
        var set = NumberSet()
        for round in 0..<2 {
            for location in Int64(0)..<64 {
                let isNew = set.insert(location << 43 | 20_000 << 23 | 7)
                #expect(isNew == (round == 0))
            }
        }
        #expect(set.count == 64)
    }
}
