import Foundation
import Synchronization
import Testing

@testable import ChannelAnalytics

/// `SnapshotCache`: one computation per question and snapshot, shared by callers asking together; a newer snapshot
/// computes again; failures are not kept; the least recently used answer goes first.
@Suite struct SnapshotCacheTests {
    struct Refused: Error {}

    /// What the computations saw, shared by the tasks that run them.
    final class Log<Value: Sendable>: Sendable {
        let entries: Mutex<Value>
        init(_ value: Value) { entries = Mutex(value) }
    }

    @Test func anAnswerIsComputedOncePerSnapshot() async throws {
        let cache = SnapshotCache<String, Int>(capacity: 8)
        let computed = Log(0)
        let compute: @Sendable () throws -> Int = {
            computed.entries.withLock { $0 += 1 }
            return 42
        }
        #expect(try await cache.answer(to: "q", sequence: 1, compute: compute) == 42)
        #expect(try await cache.answer(to: "q", sequence: 1, compute: compute) == 42)
        #expect(computed.entries.withLock { $0 } == 1)
        // A write moved the store on: the same question is computed again on the new snapshot.
        _ = try await cache.answer(to: "q", sequence: 2, compute: compute)
        #expect(computed.entries.withLock { $0 } == 2)
        // Another question is another answer.
        _ = try await cache.answer(to: "other", sequence: 2, compute: compute)
        #expect(computed.entries.withLock { $0 } == 3)
    }

    @Test func questionsAskedTogetherShareOneComputation() async throws {
        let cache = SnapshotCache<String, Int>(capacity: 8)
        let computed = Log(0)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.answer(to: "slow", sequence: 5) {
                        computed.entries.withLock { $0 += 1 }
                        Thread.sleep(forTimeInterval: 0.05)
                        return 7
                    }
                }
            }
            for try await answer in group { #expect(answer == 7) }
        }
        #expect(computed.entries.withLock { $0 } == 1)
    }

    @Test func failuresAreNotKept() async throws {
        let cache = SnapshotCache<String, Int>(capacity: 8)
        await #expect(throws: Refused.self) { try await cache.answer(to: "q", sequence: 1) { throw Refused() } }
        #expect(try await cache.answer(to: "q", sequence: 1) { 3 } == 3)
    }

    @Test func theLeastRecentlyUsedAnswerGoesFirst() async throws {
        let cache = SnapshotCache<Int, Int>(capacity: 2)
        let computed = Log<[Int]>([])
        func ask(_ question: Int) async throws {
            _ = try await cache.answer(to: question, sequence: 1) {
                computed.entries.withLock { $0.append(question) }
                return question
            }
        }
        try await ask(1)
        try await ask(2)
        try await ask(1)  // kept; 2 is now the least recently used
        try await ask(3)  // evicts 2
        try await ask(1)  // still kept
        try await ask(2)  // computed again
        #expect(computed.entries.withLock { $0 } == [1, 2, 3, 2])
    }
}
