/// Recent answers computed on the latest snapshot, so that a dashboard's repeated questions (the same cube query
/// every few seconds from every open screen) are answered from memory.
///
/// An answer is kept under its question (which must include everything it depends on besides the snapshot: a cube
/// query includes its partner scope, so one partner's answer never serves another) and the snapshot sequence it was
/// computed on: a snapshot never changes, so a kept answer is exactly what computing it again would give. Answers
/// of older snapshots are dropped as soon as a newer one is asked about. Identical questions asked together share
/// one computation (the others wait for it instead of scanning the facts again). Failures are not kept.
public actor SnapshotCache<Question: Hashable & Sendable, Answer: Sendable> {
    private struct Key: Hashable {
        var question: Question
        var sequence: Int64
    }

    private var entries: [Key: (answer: Task<Answer, any Error>, lastUse: Int)] = [:]
    private var latestSequence = Int64.min
    private var clock = 0
    private let capacity: Int

    public init(capacity: Int = 128) {
        self.capacity = capacity
    }

    /// The answer to `question` on the snapshot with `sequence`, computed by `compute` when it is not kept.
    public func answer(
        to question: Question, sequence: Int64, compute: @escaping @Sendable () throws -> Answer
    ) async throws -> Answer {
        if sequence > latestSequence {
            latestSequence = sequence
            entries = entries.filter { $0.key.sequence >= sequence }
        }
        clock += 1
        let key = Key(question: question, sequence: sequence)
        if let kept = entries[key] {
            entries[key]?.lastUse = clock
            return try await kept.answer.value
        }
        let task = Task.detached { try compute() }
        // An older snapshot's question (a query that started before a refresh) is answered but not kept.
        guard sequence == latestSequence else { return try await task.value }
        entries[key] = (task, clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        do {
            return try await task.value
        } catch {
            entries[key] = nil
            throw error
        }
    }
}
