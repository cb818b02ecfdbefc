import Dispatch
import Foundation
import Synchronization

/// Runs a kernel over the chunks of a column on every core, each worker folding the chunks it takes into its
/// own partial result; the caller merges the partials. Chunks are handed out one at a time, so a worker that
/// meets denser data does not hold the others back.
enum Parallel {
    static let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16))

    static func partials<Partial: Sendable>(
        chunks: Int, initial: @Sendable () -> Partial, _ body: @Sendable (_ chunk: Int, _ partial: inout Partial) -> Void
    ) -> [Partial] {
        let count = min(workers, chunks)
        guard count > 1 else {
            var partial = initial()
            for c in 0..<chunks { body(c, &partial) }
            return [partial]
        }
        let next = Atomic<Int>(0)
        let results = Slots<Partial>(count)
        DispatchQueue.concurrentPerform(iterations: count) { worker in
            var partial = initial()
            while true {
                let c = next.add(1, ordering: .relaxed).oldValue
                if c >= chunks { break }
                body(c, &partial)
            }
            results.store(partial, at: worker)
        }
        return results.values
    }

    /// Runs `body` for every index in `0..<count` on every core (independent items, e.g. groups to rank).
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        _ = partials(chunks: count, initial: { () }) { item, _ in body(item) }
    }
}

/// One result slot per worker; each worker writes only its own slot, and the caller reads them after all workers
/// have finished (`concurrentPerform` returns only then), so no two threads touch a slot at once.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>
    init(_ count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func store(_ value: Value, at index: Int) { slots[index] = value }
    var values: [Value] { slots.compactMap { $0 } }
}

extension Parallel {
    /// Builds an array of `count` values on every core: `fill` sets every position of chunk `c` (positions
    /// `c * chunkSize ..< min(count, (c + 1) * chunkSize)`), and only those.
    static func array<T: Sendable>(
        count: Int, chunkSize: Int = Column<Int32>.chunkSize, _ fill: @Sendable (_ chunk: Int, _ output: ArrayOutput<T>) -> Void
    ) -> [T] {
        let chunks = (count + chunkSize - 1) / chunkSize
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let output = ArrayOutput(base: base)
            _ = partials(chunks: chunks, initial: { () }) { c, _ in fill(c, output) }
            initialized = count
        }
    }
}

/// The uninitialized storage of an array that workers fill in disjoint parts; each position is set exactly once.
struct ArrayOutput<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>

    func set(_ position: Int, _ value: T) { (base + position).initialize(to: value) }
}
