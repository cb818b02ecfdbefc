import Testing

import ChannelCore
import ChannelStore
import ChannelStoreTestSupport

/// The same writes on SQLite and on PostgreSQL leave the same observable store: the same audit trail (every field,
/// hashes included, since the clock is fixed), the same change feed, and the same facts for the analytic engine.
@Suite struct SameBehaviourTests {
    /// What a scenario left behind, as the contract shows it.
    struct Observed: Equatable {
        var counts: [EntityKind: Int]
        var audit: [AuditEvent]
        var changes: [ChangeRecord]
        var sequence: Int64
        var allFacts: [FactRecorder.Entry]
        /// `readFacts(after:)` from the sequence before the scenario's last step.
        var laterFacts: [FactRecorder.Entry]
    }

    /// Runs `steps` on a fresh store of `backend`; the facts "after" start at the sequence before the last step.
    static func observe(_ backend: Backend, _ steps: [(any ChannelStore) throws -> Void]) throws -> Observed {
        try backend.withStore { store in
            var before: Int64 = 0
            for (index, step) in steps.enumerated() {
                if index == steps.count - 1 { before = try store.changeSequence() }
                try step(store)
            }
            let all = FactRecorder()
            let sequence = try store.readFacts(after: nil, into: all)
            let later = FactRecorder()
            #expect(try store.readFacts(after: before, into: later) == sequence)
            return Observed(
                counts: try store.rowCounts(), audit: try store.auditEvents(after: 0, limit: 10_000),
                changes: try store.changes(after: 0, limit: 10_000), sequence: sequence, allFacts: all.entries,
                laterFacts: later.entries)
        }
    }

    static let newOrder = SalesOrder(
        id: OrderID("SO9"), partnerID: PartnerID("R1"), outletID: OutletID("O1"), channel: .offline,
        orderedAt: SampleData.at(hours: 100), promisedAt: nil, shippedAt: nil, deliveredAt: nil, status: .pending)

    /// An import, a re-import with changes (updates audited with the stored rows), and API writes (a `create` event
    /// per row and `update` events with canonical records, carrying the request id).
    static var scenario: [(any ChannelStore) throws -> Void] {
        var changed = SampleData()
        changed.products[0].listPrice = Money(minorUnits: 399)
        changed.orders[2].status = .delivered
        changed.orders[2].deliveredAt = SampleData.at(hours: 47)
        changed.feedback[1].text = "新 \"quoted\" \\ line\nnext"
        changed.snapshots.append(
            InventorySnapshot(snapshotDate: SampleData.day("2025-06-15"), locationID: LocationID("WH03"), sku: SKU("SKU2"), onHand: 7, inTransit: 1))
        return [
            { store in try store.write(SampleData(), actor: "importer") },
            { store in try store.write(changed, actor: "importer") },
            { store in
                try store.bulkWrite(actor: "alice", requestID: "req-1", auditEachRow: true) { writer in
                    #expect(try writer.write(newOrder) == .inserted)
                    #expect(try writer.write(SampleData.line(order: "SO9", number: 1, sku: "SKU2", quantity: 3)) == .inserted)
                    #expect(try writer.write(SampleData.line(order: "SO9", number: 2)) == .inserted)
                    var cancelled = SampleData().orders[1]
                    cancelled.status = .cancelled
                    #expect(try writer.write(cancelled) == .updated)
                    #expect(try writer.currentRecord(.orders, key: ["SO2"])?["status"] == "cancelled")
                    #expect(try writer.currentRecord(.orderLines, key: ["SO9", "1"])?["sku"] == "SKU2")
                    try writer.finishBatch(.orders, source: "api")
                    try writer.finishBatch(.orderLines, source: "api")
                }
            },
        ]
    }

    @Test func sqliteAndPostgresLeaveTheSameStore() throws {
        let sqlite = try Self.observe(.sqlite, Self.scenario)
        let postgres = try Self.observe(.postgres, Self.scenario)
        #expect(sqlite.counts == postgres.counts)
        #expect(sqlite.audit.count == postgres.audit.count)
        for (left, right) in zip(sqlite.audit, postgres.audit) { #expect(left == right) }
        #expect(sqlite.changes == postgres.changes)
        #expect(sqlite.sequence == postgres.sequence)
        #expect(sqlite.allFacts == postgres.allFacts)
        #expect(sqlite.laterFacts == postgres.laterFacts)
        // And the scenario did what it says (so the comparison is not between two empty stores).
        #expect(postgres.audit.map(\.action).filter { $0 == .create }.count == 3)
        #expect(postgres.audit.map(\.action).filter { $0 == .update }.count == 4)
        #expect(postgres.audit.last?.requestID == "req-1")
        // The last step inserted order 4 (and its lines, named by order 4) and updated order 2.
        #expect(postgres.laterFacts.filter { if case .begin = $0 { true } else { false } } == [
            .begin(.orders, 2...2), .begin(.orders, 4...4), .begin(.orderLines, 4...4),
        ])
        #expect(postgres.allFacts.count == postgres.counts.values.reduce(0, +) + 2 * EntityKind.allCases.count)
    }

    /// Every event links to the one before it and its hash is recomputed from its fields (`qudao audit verify`'s
    /// check), on every backend.
    @Test(arguments: Backend.allCases)
    func auditEventsFormTheHashChain(_ backend: Backend) throws {
        let observed = try Self.observe(backend, Self.scenario)
        var previous = AuditHash.genesis
        for (index, event) in observed.audit.enumerated() {
            #expect(event.id == Int64(index + 1))
            #expect(event.previousHash == previous)
            let hash = AuditHash.event(
                id: event.id, at: event.at.millisecondsSinceEpoch, actor: event.actor, requestID: event.requestID,
                entity: event.entity, entityKey: event.entityKey, action: event.action.rawValue, before: event.before,
                after: event.after, previous: previous)
            #expect(event.hash == hash)
            previous = hash
        }
    }

    @Test(arguments: Backend.allCases)
    func changeFeedAfterASequence(_ backend: Backend) throws {
        try backend.withStore { store in
            var sample = SampleData()
            try store.write(sample)
            let sequence = try store.changeSequence()
            #expect(try store.changes(after: sequence, limit: 10).isEmpty)
            sample.partners[2].status = .suspended
            sample.products.append(SampleData.product(7))
            try store.write(sample)
            let changes = try store.changes(after: sequence, limit: 10)
            #expect(changes.map(\.sequence) == [sequence + 1, sequence + 2])
            #expect(changes.map(\.entity) == [.partners, .products])
            #expect(changes.map(\.operation) == [.update, .insert])
            #expect(changes[1].firstRowID == 3 && changes[1].lastRowID == 3)
            #expect(try store.changes(after: sequence, limit: 1).count == 1)
            #expect(try store.changeSequence() == sequence + 2)
        }
    }

    @Test(arguments: Backend.allCases)
    func readFactsAfterTheLatestSequenceDeliversNothing(_ backend: Backend) throws {
        try backend.withStore { store in
            try store.write(SampleData())
            let all = FactRecorder()
            let sequence = try store.readFacts(after: nil, into: all)
            #expect(all.facts.count == SampleData().counts.values.reduce(0, +))
            let none = FactRecorder()
            #expect(try store.readFacts(after: sequence, into: none) == sequence)
            #expect(none.entries.isEmpty)
        }
    }

    /// Concurrent small writes: each is durable when it returns, and one that throws leaves nothing behind without
    /// affecting the others.
    @Test(arguments: Backend.allCases)
    func smallWritesAreAuditedAndIsolated(_ backend: Backend) async throws {
        try await backend.withStoreAsync { store in
            try store.write(SampleData())
            let before = try store.rowCounts()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<4 {
                    group.addTask {
                        let outcome = try await store.write(actor: "api", requestID: "r\(number)") { writer in
                            try writer.write(SampleData.product(100 + number))
                        }
                        #expect(outcome == .inserted)
                    }
                }
                group.addTask {
                    await #expect(throws: TestAbort.self) {
                        try await store.write(actor: "api", requestID: "bad") { writer in
                            _ = try writer.write(SampleData.product(999))
                            throw TestAbort()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try store.rowCounts()[.products] == (before[.products] ?? 0) + 4)
            let events = try store.auditEvents(after: Int64(EntityKind.allCases.count), limit: 100)
            #expect(events.count == 4)
            #expect(Set(events.compactMap(\.requestID)) == ["r0", "r1", "r2", "r3"])
            #expect(events.allSatisfy { $0.action == .create && $0.entity == "products" })
        }
    }
}
