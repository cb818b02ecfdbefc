import Testing

import ChannelCore
import ChannelStore
import ChannelStoreTestSupport

/// The bulk writer's bookkeeping, on every backend: rows buffered in fresh tables, repeats caught whatever the key order, broken
/// references refused before anything is written.
@Suite struct BulkWriterContractTests {
    @Test(arguments: Backend.allCases)
    func rowsWrittenWithoutClosingTheBatchAreCommitted(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            try store.bulkWrite(actor: "test") { writer throws in
                try sample.writeMasterData(to: writer)
                for line in sample.orderLines { _ = try writer.write(line) }
            }
            let counts = try store.rowCounts()
            #expect(counts[.regions] == 4 && counts[.partners] == 4 && counts[.orders] == 3 && counts[.orderLines] == 4)
            // No batch was closed, so nothing was audited.
            #expect(try store.auditEvents(after: 0, limit: 10).isEmpty)
        }
    }

    /// More rows than one multi-row statement holds, with a repeat on each side of the first flush.
    @Test(arguments: Backend.allCases, [1, 127, 128, 129, 300])
    func manyRowsInAFreshTable(_ backend: Backend, count: Int) throws {
        try backend.withStore { store throws in
            let outcomes = try store.bulkWrite(actor: "test") { writer throws in
                var outcomes: [WriteOutcome] = []
                for number in 0..<count {
                    outcomes.append(try writer.write(SampleData.product(number)))
                    // Every product is known at once, flushed or still buffered.
                    #expect(try writer.contains(product: SampleData.product(number).sku))
                }
                outcomes.append(try writer.write(SampleData.product(0)))
                outcomes.append(try writer.write(SampleData.product(count - 1)))
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
                try (0..<count).map { try writer.write(SampleData.product($0)) }
            }
            #expect(again == Array(repeating: .unchanged, count: count))
        }
    }

    @Test(arguments: Backend.allCases)
    func manyOrderLinesAcrossTheFlushBoundary(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            let outcomes = try store.bulkWrite(actor: "test") { writer throws in
                try sample.writeMasterData(to: writer)
                var outcomes: [WriteOutcome] = []
                for order in ["SO1", "SO2", "SO3"] {
                    for number in 1...150 { outcomes.append(try writer.write(SampleData.line(order: order, number: number))) }
                }
                outcomes.append(try writer.write(SampleData.line(order: "SO1", number: 1)))
                outcomes.append(try writer.write(SampleData.line(order: "SO2", number: 150)))
                try writer.finishBatch(.orderLines, source: "lines.csv")
                return outcomes
            }
            #expect(outcomes == Array(repeating: .inserted, count: 450) + [.duplicate, .duplicate])
            #expect(try store.rowCounts()[.orderLines] == 450)
        }
    }

    /// Keys out of order: the writer must still catch every repeat, in fresh tables and in stored ones.
    @Test(arguments: Backend.allCases)
    func repeatsAreCaughtWhateverTheKeyOrder(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            func feedback(_ id: String) -> Feedback {
                var row = sample.feedback[1]
                row.id = FeedbackID(id)
                return row
            }
            let order = ["F5", "F2", "F9", "F2", "F1", "F5", "F7", "F9"]
            let want: [WriteOutcome] = [.inserted, .inserted, .inserted, .duplicate, .inserted, .duplicate, .inserted, .duplicate]
            let fresh = try store.bulkWrite(actor: "test") { writer throws in
                try sample.writeMasterData(to: writer)
                let outcomes = try order.map { try writer.write(feedback($0)) }
                // Order lines (numeric keys) and stock snapshots, also out of order.
                let lines = try [("SO2", 1), ("SO1", 2), ("SO1", 1), ("SO2", 1), ("SO1", 2), ("SO3", 1)].map {
                    try writer.write(SampleData.line(order: $0.0, number: $0.1))
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

    @Test(arguments: Backend.allCases)
    func snapshotsBefore1970AndOfManyLocations(_ backend: Backend) throws {
        try backend.withStore { store throws in
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
    @Test(arguments: Backend.allCases, Broken.allCases)
    func brokenReferenceIsRefusedAndTheTransactionGoesOn(_ backend: Backend, _ broken: Broken) throws {
        for storedFirst in [false, true] {
            try backend.withStore { store throws in
                let sample = SampleData()
                if storedFirst { try store.write(sample) }
                try store.bulkWrite(actor: "test") { writer throws in
                    if !storedFirst { _ = try sample.write(to: writer) }
                    let error = #expect(throws: BrokenReference.self, "stored first: \(storedFirst)") {
                        _ = try broken.write(sample, to: writer)
                    }
                    #expect(error == broken.expected)
                }
                #expect(try store.rowCounts() == sample.counts)
            }
        }
    }

    // MARK: Reference questions

    @Test(arguments: Backend.allCases)
    func statusOfOrder(_ backend: Backend) throws {
        try backend.withStore { store throws in
            var sample = SampleData()
            try store.bulkWrite(actor: "test") { writer throws in
                #expect(try writer.status(ofOrder: OrderID("SO1")) == nil)
                try sample.writeMasterData(to: writer)
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

    @Test(arguments: Backend.allCases)
    func partnerReparentedInTheTransactionIsSeenByTheGraph(_ backend: Backend) throws {
        try backend.withStore { store throws in
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
