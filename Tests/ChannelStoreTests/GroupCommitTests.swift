import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// `ChannelStore.write`: concurrent small writes share commits, each keeps its own audit identity, and a write
/// that fails leaves nothing behind without disturbing the others.
@Suite struct GroupCommitTests {
    struct Refused: Error {}

    static func order(_ number: Int, promised hours: Int64? = nil) -> SalesOrder {
        SalesOrder(
            id: OrderID("GC\(number)"), partnerID: PartnerID("R1"), outletID: OutletID("O1"), channel: .offline,
            orderedAt: SampleData.at(hours: 10), promisedAt: hours.map { SampleData.at(hours: $0) }, shippedAt: nil,
            deliveredAt: nil, status: .pending)
    }

    @Test func concurrentWritesAreAllKeptWithTheirOwnRequestIDs() async throws {
        let (store, path) = try temporaryStore()
        defer { removeDatabase(path) }
        let before = try store.lastAuditEventID()
        try await withThrowingTaskGroup(of: WriteOutcome.self) { group in
            for number in 0..<40 {
                group.addTask {
                    try await store.write(actor: "user\(number)", requestID: "req-\(number)") { writer in
                        let outcome = try writer.write(Self.order(number))
                        try writer.finishBatch(.orders, source: "api")
                        return outcome
                    }
                }
            }
            for try await outcome in group { #expect(outcome == .inserted) }
        }
        for number in 0..<40 {
            #expect(try store.record(.orders, key: ["GC\(number)"], partnerScope: nil) != nil)
        }
        let events = try store.auditEvents(after: before, limit: 100)
        #expect(events.count == 40)
        // Each event carries the actor and request of the write that made it.
        #expect(events.allSatisfy { $0.action == .create && $0.actor == "user" + $0.entityKey.dropFirst(2) })
        #expect(Set(events.compactMap(\.requestID)) == Set((0..<40).map { "req-\($0)" }))
        #expect(try store.verifyAuditChain().isIntact)
    }

    @Test func aFailedWriteLeavesNothingAndTheOthersCommit() async throws {
        let (store, path) = try temporaryStore()
        defer { removeDatabase(path) }
        let before = try store.lastAuditEventID()
        let sequence = try store.changeSequence()
        var refused = 0
        await withTaskGroup(of: Bool.self) { group in
            for number in 0..<30 {
                group.addTask {
                    do {
                        try await store.write(actor: "api", requestID: "req-\(number)") { writer in
                            // Odd writes fail after writing their row: the savepoint must take the row and its audit back.
                            _ = try writer.write(Self.order(number))
                            if number % 2 == 1 { throw Refused() }
                            try writer.finishBatch(.orders, source: "api")
                        }
                        return true
                    } catch {
                        return false
                    }
                }
            }
            for await kept in group where !kept { refused += 1 }
        }
        #expect(refused == 15)
        for number in 0..<30 {
            let stored = try store.record(.orders, key: ["GC\(number)"], partnerScope: nil)
            #expect((stored != nil) == (number % 2 == 0), "order GC\(number)")
        }
        let events = try store.auditEvents(after: before, limit: 100)
        #expect(events.count == 15)
        #expect(events.allSatisfy { (Int($0.entityKey.dropFirst(2)) ?? 1) % 2 == 0 })
        #expect(try store.changes(after: sequence, limit: 100).count == 15)
        #expect(try store.verifyAuditChain().isIntact)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func writesToOneRecordInOneGroupAreEachApplied() async throws {
        let (store, path) = try temporaryStore()
        defer { removeDatabase(path) }
        try await store.write(actor: "api", requestID: "create") { writer in
            _ = try writer.write(Self.order(1))
            try writer.finishBatch(.orders, source: "api")
        }
        let before = try store.lastAuditEventID()
        // Every change sets a different promise, so each is an update of what the one before left.
        try await withThrowingTaskGroup(of: WriteOutcome.self) { group in
            for hours in 100..<120 {
                group.addTask {
                    try await store.write(actor: "api", requestID: "promise-\(hours)") { writer in
                        let outcome = try writer.write(Self.order(1, promised: Int64(hours)))
                        try writer.finishBatch(.orders, source: "api")
                        return outcome
                    }
                }
            }
            for try await outcome in group { #expect(outcome == .updated) }
        }
        let events = try store.auditEvents(after: before, limit: 100)
        #expect(events.count == 20)
        #expect(events.allSatisfy { $0.action == .update })
        #expect(try store.verifyAuditChain().isIntact)
    }

    private func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A store with the sample data, at a path of its own (removed by the caller).
    private func temporaryStore() throws -> (SQLiteChannelStore, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-group-\(UUID().uuidString).sqlite").path
        let store = try SQLiteChannelStore(path: path, now: { fixedNow })
        try store.write(SampleData())
        return (store, path)
    }
}
