import Foundation

/// A bounded first-in first-out hand-over between one producer thread and one consumer thread.
///
/// `@unchecked Sendable`: every access to the stored state happens while holding `condition`.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var isFinished = false
    private var isCancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room, then appends; returns false when the consumer has cancelled (the producer should stop).
    @discardableResult
    func put(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity, !isCancelled { condition.wait() }
        guard !isCancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Marks the end of the stream.
    func finish() {
        condition.lock()
        isFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the producer at its next `put` and drops what is queued.
    func cancel() {
        condition.lock()
        isCancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the next item; nil once the stream is finished and drained.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !isFinished, !isCancelled { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }
}
