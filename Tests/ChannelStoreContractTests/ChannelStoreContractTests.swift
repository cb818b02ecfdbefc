import Testing

import ChannelCore
import ChannelStore
import ChannelStoreTestSupport

/// The `ChannelStore` contract, on every backend: what a bulk write stores, audits and feeds, re-imports, updates,
/// duplicates, rollbacks, and the reference questions.
@Suite struct ChannelStoreContractTests {
    @Test func sampleDataIsValid() {
        #expect(SampleData().validationIssues.isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func migrationsAreAppliedOnOpen(_ backend: Backend) throws {
        try backend.withStore { store throws in
            #expect(try backend.appliedMigrations(store) == ["0001_initial_schema", "0002_accounts", "0003_audit_chain", "0004_forecast_backtests", "0005_alerts", "0006_contingency_plans", "0007_webhooks"])
        }
    }

    @Test(arguments: Backend.allCases)
    func freshStoreIsEmpty(_ backend: Backend) throws {
        try backend.withStore { store throws in
            #expect(try store.rowCounts() == Dictionary(uniqueKeysWithValues: EntityKind.allCases.map { ($0, 0) }))
            #expect(try store.changeSequence() == 0)
            #expect(try store.changes(after: 0, limit: 10).isEmpty)
            #expect(try store.auditEvents(after: 0, limit: 10).isEmpty)
            #expect(try store.orderTimeSpan() == nil)
        }
    }

    // MARK: Bulk write

    @Test(arguments: Backend.allCases)
    func bulkWriteInsertsEveryKindParentsFirst(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            let outcomes = try store.write(sample, actor: "cli:tester")
            for kind in EntityKind.allCases {
                #expect(outcomes[kind] == Array(repeating: .inserted, count: sample.counts[kind] ?? -1), "\(kind)")
            }
            #expect(try store.rowCounts() == sample.counts)
            #expect(try store.orderTimeSpan() == SampleData.at(hours: -30)...SampleData.at(hours: 5))

            // One import event per batch, at the fixed time, with the batch's counts.
            let events = try store.auditEvents(after: 0, limit: 100)
            #expect(events.map(\.entity) == EntityKind.allCases.map(\.name))
            for (event, kind) in zip(events, EntityKind.allCases) {
                #expect(event.action == .import)
                #expect(event.actor == "cli:tester")
                #expect(event.at == fixedNow)
                #expect(event.entityKey == SampleData.source(of: kind))
                #expect(event.before == nil)
                let summary = try jsonObject(event.after)
                #expect(summary["inserted"] as? Int == sample.counts[kind])
                #expect(summary["updated"] as? Int == 0)
                #expect(summary["unchanged"] as? Int == 0)
                #expect(summary["duplicates"] as? Int == 0)
            }
            #expect(events.first?.after == #"{"inserted":4,"updated":0,"unchanged":0,"duplicates":0,"inserted_id_range":[1,4]}"#)

            // One change-feed entry per batch, pointing at the batch's rows and its audit event.
            #expect(try store.changeSequence() == Int64(EntityKind.allCases.count))
            let changes = try store.changes(after: 0, limit: 100)
            #expect(changes.map(\.entity) == EntityKind.allCases)
            #expect(changes.map(\.sequence) == Array(1...Int64(EntityKind.allCases.count)))
            #expect(changes.map(\.auditEventID) == events.map(\.id))
            for change in changes {
                #expect(change.operation == .insert)
                #expect(change.at == fixedNow)
                if change.entity == .orderLines {
                    // Order lines are keyed by their order's id: SO1, SO2 and SO3 are rows 1...3.
                    #expect(change.firstRowID == 1 && change.lastRowID == 3)
                } else {
                    #expect(change.firstRowID == 1 && change.lastRowID == Int64(sample.counts[change.entity] ?? 0), "\(change.entity)")
                }
            }
            // Paging.
            #expect(try store.changes(after: 8, limit: 1).map(\.entity) == [.feedback])
            #expect(try store.auditEvents(after: 2, limit: 2).map(\.entity) == ["products", "inventory_snapshots"])
        }
    }

    @Test(arguments: Backend.allCases)
    func writingTheSameRecordsAgainChangesNothing(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            try store.write(sample)
            let sequence = try store.changeSequence()
            let lastEvent = try store.lastAuditEventID()

            let outcomes = try store.write(sample)
            for kind in EntityKind.allCases {
                #expect(outcomes[kind] == Array(repeating: .unchanged, count: sample.counts[kind] ?? -1), "\(kind)")
            }
            #expect(try store.auditEvents(after: lastEvent, limit: 100).isEmpty)
            #expect(try store.changeSequence() == sequence)
            #expect(try store.rowCounts() == sample.counts)
        }
    }

    /// One changed field per case: the row is `.updated`, every other row `.unchanged`, and the update is audited with
    /// before/after images that differ exactly in the changed columns, plus one change-feed entry for the row.
    enum SampleChange: CaseIterable, Sendable {
        case productPrice, partnerStatus, orderDelivered, lineReturned, snapshotStock, feedbackText, complaintResolved

        var kind: EntityKind {
            switch self {
            case .productPrice: .products
            case .partnerStatus: .partners
            case .orderDelivered: .orders
            case .lineReturned: .orderLines
            case .snapshotStock: .inventorySnapshots
            case .feedbackText: .feedback
            case .complaintResolved: .complaints
            }
        }

        /// Position of the changed record in its list, its audit key, its feed row id (for an order line its order's
        /// id), and the changed columns.
        var expected: (index: Int, key: String, rowID: Int64, columns: Set<String>) {
            switch self {
            case .productPrice: (0, "SKU1", 1, ["list_price_minor"])
            case .partnerStatus: (2, "R1", 3, ["status"])
            case .orderDelivered: (2, "SO3", 3, ["status", "delivered_at"])
            case .lineReturned: (1, "SO1/2", 1, ["returned_qty"])
            case .snapshotStock: (2, "2025-06-08/WH02/SKU1", 3, ["on_hand", "in_transit"])
            case .feedbackText: (1, "F2", 2, ["text"])
            case .complaintResolved: (1, "C2", 2, ["first_response_at", "resolved_at"])
            }
        }

        func apply(to sample: inout SampleData) {
            switch self {
            case .productPrice: sample.products[0].listPrice = Money(minorUnits: 399)
            case .partnerStatus: sample.partners[2].status = .suspended
            case .orderDelivered:
                sample.orders[2].status = .delivered
                sample.orders[2].deliveredAt = SampleData.at(hours: 47)
            case .lineReturned: sample.orderLines[1].returnedQuantity = 2
            case .snapshotStock:
                sample.snapshots[2].onHand = 41
                sample.snapshots[2].inTransit = 12
            case .feedbackText: sample.feedback[1].text = "物流慢"
            case .complaintResolved:
                sample.complaints[1].firstResponseAt = SampleData.at(hours: 72)
                sample.complaints[1].resolvedAt = SampleData.at(hours: 90)
            }
        }
    }

    @Test(arguments: Backend.allCases, SampleChange.allCases)
    func changedRecordIsUpdatedAndAudited(_ backend: Backend, _ change: SampleChange) throws {
        try backend.withStore { store throws in
            var sample = SampleData()
            try store.write(sample)
            let sequence = try store.changeSequence()
            let lastEvent = try store.lastAuditEventID()

            change.apply(to: &sample)
            #expect(sample.validationIssues.isEmpty)
            let outcomes = try store.write(sample, actor: "alice")
            let expected = change.expected
            for kind in EntityKind.allCases {
                var want = Array(repeating: WriteOutcome.unchanged, count: sample.counts[kind] ?? -1)
                if kind == change.kind { want[expected.index] = .updated }
                #expect(outcomes[kind] == want, "\(kind)")
            }
            #expect(try store.rowCounts() == sample.counts)

            // The row's own update event, then the batch summary (which inserted nothing, so it has no feed entry).
            let events = try store.auditEvents(after: lastEvent, limit: 100)
            try #require(events.count == 2)
            let update = events[0]
            #expect(update.action == .update)
            #expect(update.entity == change.kind.name)
            #expect(update.entityKey == expected.key)
            #expect(update.actor == "alice")
            #expect(update.at == fixedNow)
            let before = try jsonObject(update.before)
            let after = try jsonObject(update.after)
            #expect(Set(before.keys) == Set(after.keys))
            let differing = Set(before.keys.filter { "\(before[$0] ?? "")" != "\(after[$0] ?? "")" })
            #expect(differing == expected.columns)
            #expect(events[1].action == .import)
            #expect(try jsonObject(events[1].after)["updated"] as? Int == 1)

            let changes = try store.changes(after: sequence, limit: 100)
            #expect(changes.count == 1)
            let feed = try #require(changes.first)
            #expect(feed.operation == .update)
            #expect(feed.entity == change.kind)
            // Order lines are named by their order's id; other tables by the row's own id.
            #expect(feed.firstRowID == expected.rowID && feed.lastRowID == expected.rowID)
            #expect(feed.auditEventID == update.id)
            #expect(feed.at == fixedNow)
            #expect(try store.changeSequence() == sequence + 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func updateImagesQuoteText(_ backend: Backend) throws {
        try backend.withStore { store throws in
            var sample = SampleData()
            try store.write(sample)
            let lastEvent = try store.lastAuditEventID()
            sample.feedback[1].text = "新 \"quoted\" \\ line\nnext\u{1}"
            try store.write(sample)
            let update = try #require(try store.auditEvents(after: lastEvent, limit: 1).first)
            #expect(try jsonObject(update.before)["text"] as? String == "Late, \"box\" damaged\n\tsee photo")
            #expect(try jsonObject(update.after)["text"] as? String == "新 \"quoted\" \\ line\nnext\u{1}")
        }
    }

    @Test(arguments: Backend.allCases)
    func importsKeepOneEventPerBatchAndCarryARequestIDWhenGiven(_ backend: Backend) throws {
        try backend.withStore { store throws in
            _ = try store.bulkWrite(actor: "importer", requestID: "upload-7") { writer throws in try SampleData().write(to: writer) }
            let events = try store.auditEvents(after: 0, limit: 100)
            #expect(events.count == EntityKind.allCases.count)
            #expect(events.allSatisfy { $0.action == .import && $0.requestID == "upload-7" })
            var sample = SampleData()
            sample.partners[2].status = .suspended
            try store.write(sample)
            let update = try #require(try store.auditEvents(after: Int64(events.count), limit: 1).first)
            // The import path keeps the stored row as its images, without a request id.
            #expect(update.action == .update && update.requestID == nil)
            #expect(try jsonObject(update.before)["status"] as? String == "active")
            #expect(try jsonObject(update.before)["region_id"] as? Int != nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func duplicateKeysInOneTransactionOnFreshTables(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            let outcomes = try store.bulkWrite(actor: "test") { writer throws in
                var outcomes: [WriteOutcome] = []
                outcomes.append(try writer.write(sample.regions[0]))
                outcomes.append(try writer.write(sample.regions[0]))
                var renamed = sample.regions[0]
                renamed.name = "沪"
                outcomes.append(try writer.write(renamed))
                try writer.finishBatch(.regions, source: "a.csv")
                for region in sample.regions.dropFirst() { _ = try writer.write(region) }
                for partner in sample.partners { _ = try writer.write(partner) }
                for product in sample.products { _ = try writer.write(product) }
                _ = try writer.write(sample.outlets[0])
                _ = try writer.write(sample.orders[0])
                outcomes.append(try writer.write(sample.orderLines[0]))
                outcomes.append(try writer.write(sample.orderLines[0]))
                outcomes.append(try writer.write(sample.snapshots[0]))
                outcomes.append(try writer.write(sample.snapshots[0]))
                return outcomes
            }
            #expect(outcomes == [.inserted, .duplicate, .duplicate, .inserted, .duplicate, .inserted, .duplicate])
            #expect(try store.rowCounts()[.regions] == 4)
            // The first write wins; the batch summary counts the duplicates.
            let summary = try #require(try store.auditEvents(after: 0, limit: 1).first)
            #expect(try jsonObject(summary.after)["duplicates"] as? Int == 2)
            #expect(try jsonObject(summary.after)["inserted"] as? Int == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func duplicateKeysInOneTransactionOnStoredTables(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            try store.write(sample)
            let lastEvent = try store.lastAuditEventID()
            let outcomes = try store.bulkWrite(actor: "test") { writer throws in
                var outcomes: [WriteOutcome] = []
                // A stored row twice: unchanged, then a duplicate even with other values.
                outcomes.append(try writer.write(sample.partners[0]))
                var renamed = sample.partners[0]
                renamed.name = "改名"
                outcomes.append(try writer.write(renamed))
                // A new row twice.
                let newcomer = Partner(
                    id: PartnerID("D2"), name: "华南总经销", kind: .distributor, parentID: nil, tier: 1, regionID: RegionID("440300"),
                    channel: .offline, joinedOn: SampleData.day("2025-01-01"), status: .active)
                outcomes.append(try writer.write(newcomer))
                outcomes.append(try writer.write(newcomer))
                try writer.finishBatch(.partners, source: "b.csv")
                outcomes.append(try writer.write(sample.orderLines[2]))
                outcomes.append(try writer.write(sample.orderLines[2]))
                var newLine = sample.orderLines[2]
                newLine.lineNumber = 2
                outcomes.append(try writer.write(newLine))
                outcomes.append(try writer.write(newLine))
                outcomes.append(try writer.write(sample.snapshots[1]))
                outcomes.append(try writer.write(sample.snapshots[1]))
                return outcomes
            }
            #expect(
                outcomes == [.unchanged, .duplicate, .inserted, .duplicate, .unchanged, .duplicate, .inserted, .duplicate, .unchanged, .duplicate])
            var counts = sample.counts
            counts[.partners, default: 0] += 1
            counts[.orderLines, default: 0] += 1
            #expect(try store.rowCounts() == counts)
            // The renamed duplicate was not written: no update event, only the batch summary.
            let events = try store.auditEvents(after: lastEvent, limit: 10)
            #expect(events.map(\.action) == [.import])
            #expect(try jsonObject(events.first?.after)["duplicates"] as? Int == 2)
        }
    }

    @Test(arguments: Backend.allCases)
    func throwingInsideBulkWriteKeepsNothing(_ backend: Backend) throws {
        try backend.withStore { store throws in
            var sample = SampleData()
            try store.write(sample)
            let counts = try store.rowCounts()
            let sequence = try store.changeSequence()
            let lastEvent = try store.lastAuditEventID()

            sample.products[1].listPrice = Money(minorUnits: 1)
            sample.products.append(
                Product(
                    sku: SKU("SKU3"), name: "Jasmine", category: "beverage", listPrice: Money(minorUnits: 500),
                    unitCost: Money(minorUnits: 200), weightGrams: 300, launchedOn: SampleData.day("2025-02-02")))
            #expect(throws: TestAbort()) {
                try store.bulkWrite(actor: "test") { writer throws in
                    try sample.write(to: writer)
                    throw TestAbort()
                }
            }
            #expect(try store.rowCounts() == counts)
            #expect(try store.changeSequence() == sequence)
            #expect(try store.auditEvents(after: lastEvent, limit: 10).isEmpty)

            // The store is still usable, and the rolled-back rows are written afresh.
            let outcomes = try store.write(sample)
            #expect(outcomes[.products] == [.unchanged, .updated, .inserted])
        }
    }

    @Test(arguments: Backend.allCases)
    func throwingInTheFirstTransactionLeavesTheStoreEmpty(_ backend: Backend) throws {
        try backend.withStore { store throws in
            #expect(throws: TestAbort()) {
                try store.bulkWrite(actor: "test") { writer throws in
                    try SampleData().write(to: writer)
                    throw TestAbort()
                }
            }
            #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
            #expect(try store.changeSequence() == 0)
            #expect(try store.auditEvents(after: 0, limit: 10).isEmpty)
            #expect(try store.write(SampleData())[.regions] == Array(repeating: .inserted, count: 4))
        }
    }

    @Test(arguments: Backend.allCases)
    func bulkWriteReturnsTheBodysResult(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let result = try store.bulkWrite(actor: "test") { _ in 42 }
            #expect(result == 42)
            #expect(try store.changeSequence() == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func referenceToAnUnknownRecordIsABrokenReference(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            let error = #expect(throws: BrokenReference.self) {
                try store.bulkWrite(actor: "test") { writer throws in
                    for region in sample.regions { _ = try writer.write(region) }
                    _ = try writer.write(sample.outlets[0])  // its partner R1 was never written
                }
            }
            #expect(error?.column == "partner_id")
            #expect(error?.value == "R1")
            #expect(error?.reason == "refers to unknown partner")
            #expect(try store.rowCounts()[.regions] == 0)
        }
    }

    /// A row that slipped past the domain checks is refused by the schema, and the caller learns it as a
    /// `StoreError` with code `.constraint` (the `ChannelStore` contract; `Importer` documents "StoreError when the
    /// store fails"), not as a backend-internal error type.
    @Test(arguments: Backend.allCases)
    func schemaViolationThroughTheWriterIsAConstraintStoreError(_ backend: Backend) throws {
        try backend.withStore { store throws in
            var sample = SampleData()
            sample.orderLines[0].quantity = 0
            #expect(!sample.validationIssues.isEmpty)
            let error = #expect(throws: (any Error).self) { try store.write(sample) }
            #expect((error as? StoreError)?.code == .constraint, "got \(String(describing: error))")
            #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
        }
    }

    // MARK: Reference questions

    @Test(arguments: Backend.allCases)
    func referenceQuestionsSeeRowsWrittenEarlierInTheTransaction(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            try store.bulkWrite(actor: "test") { writer throws in
                // Asked before and after the write (the answer must follow the write).
                #expect(try !writer.contains(region: RegionID("310000")))
                for region in sample.regions { _ = try writer.write(region) }
                #expect(try writer.contains(region: RegionID("310000")))
                #expect(try writer.contains(region: RegionID("440300")))
                #expect(try !writer.contains(region: RegionID("999999")))
                #expect(
                    try writer.regionNodes()
                        == [
                            RegionID("310000"): RegionTree.Node(level: .province, parentID: nil),
                            RegionID("310100"): RegionTree.Node(level: .city, parentID: RegionID("310000")),
                            RegionID("440000"): RegionTree.Node(level: .province, parentID: nil),
                            RegionID("440300"): RegionTree.Node(level: .city, parentID: RegionID("440000")),
                        ])

                // Asked only after the write.
                for partner in sample.partners { _ = try writer.write(partner) }
                #expect(try writer.tier(ofPartner: PartnerID("D1")) == 1)
                #expect(try writer.tier(ofPartner: PartnerID("R1")) == 3)
                #expect(try writer.tier(ofPartner: PartnerID("PL")) == 0)
                #expect(try writer.tier(ofPartner: PartnerID("nobody")) == nil)
                #expect(try writer.partnerNodes() == Self.expectedNodes)

                #expect(try !writer.contains(product: SKU("SKU1")))
                for product in sample.products { _ = try writer.write(product) }
                #expect(try writer.contains(product: SKU("SKU1")))
                #expect(try !writer.contains(product: SKU("SKU9")))

                #expect(try writer.partner(ofOutlet: OutletID("O1")) == nil)
                for outlet in sample.outlets { _ = try writer.write(outlet) }
                #expect(try writer.partner(ofOutlet: OutletID("O1")) == PartnerID("R1"))
                #expect(try writer.partner(ofOutlet: OutletID("O2")) == PartnerID("PL"))
                #expect(try writer.partner(ofOutlet: OutletID("O9")) == nil)

                for order in sample.orders { _ = try writer.write(order) }
                let so1 = try #require(try writer.partnerAndStatus(ofOrder: OrderID("SO1")))
                #expect(so1.partner == PartnerID("R1") && so1.status == .delivered)
                let so3 = try #require(try writer.partnerAndStatus(ofOrder: OrderID("SO3")))
                #expect(so3.partner == PartnerID("A1") && so3.status == .shipped)
                #expect(try writer.partnerAndStatus(ofOrder: OrderID("SO9")) == nil)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func referenceQuestionsSeeRowsFromAnEarlierTransaction(_ backend: Backend) throws {
        try backend.withStore { store throws in
            var sample = SampleData()
            try store.write(sample)
            try store.bulkWrite(actor: "test") { writer throws in
                #expect(try writer.contains(region: RegionID("440000")))
                #expect(try writer.contains(product: SKU("SKU2")))
                #expect(try writer.tier(ofPartner: PartnerID("A1")) == 2)
                #expect(try writer.partnerNodes() == Self.expectedNodes)
                #expect(try writer.regionNodes().count == 4)
                #expect(try writer.partner(ofOutlet: OutletID("O3")) == PartnerID("A1"))
                let so2 = try #require(try writer.partnerAndStatus(ofOrder: OrderID("SO2")))
                #expect(so2.partner == PartnerID("PL") && so2.status == .pending)

                // An update in this transaction is seen by the next question.
                sample.orders[1].status = .confirmed
                #expect(try writer.write(sample.orders[1]) == .updated)
                #expect(try writer.partnerAndStatus(ofOrder: OrderID("SO2"))?.status == .confirmed)
                var moved = sample.outlets[2]
                moved.partnerID = PartnerID("R1")
                #expect(try writer.write(moved) == .updated)
                #expect(try writer.partner(ofOutlet: OutletID("O3")) == PartnerID("R1"))
            }
        }
    }

    static let expectedNodes: [PartnerID: PartnerGraph.Node] = [
        PartnerID("D1"): .init(tier: 1, parentID: nil),
        PartnerID("A1"): .init(tier: 2, parentID: PartnerID("D1")),
        PartnerID("R1"): .init(tier: 3, parentID: PartnerID("A1")),
        PartnerID("PL"): .init(tier: 0, parentID: nil),
    ]
}
