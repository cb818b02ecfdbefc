/// A direct-mapped cache of recently resolved natural keys, slotted by their last bytes.
///
/// Reference columns repeat a few thousand keys (SKUs, partners, outlets) millions of times in an import; a hit
/// here costs one string comparison instead of hashing the whole key for a dictionary look-up.
struct RecentKeys<Value> {
    /// Allocated on the first key kept (a writer of a few API rows never needs it).
    private var slots: [(key: String, value: Value)?] = []
    private let capacity: Int

    /// - Parameter capacity: a power of two.
    init(capacity: Int = 1024) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "the capacity of RecentKeys must be a power of two")
        self.capacity = capacity
    }

    private func slot(_ key: String) -> Int {
        var slot = 0
        // Keys are native strings (contiguous UTF-8): reading their last bytes in place is far cheaper than the
        // generic `suffix` of the UTF-8 view, which walks indexes.
        let hashed: Void? = key.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes[max(0, bytes.count - 4)...] { slot = slot &* 31 &+ Int(byte) }
        }
        if hashed == nil {
            for byte in key.utf8.suffix(4) { slot = slot &* 31 &+ Int(byte) }
        }
        return slot & (capacity - 1)
    }

    /// The cached value of `key`, or else `resolve(key)`, kept for next time when it is not nil.
    mutating func value(_ key: String, _ resolve: (String) throws -> Value?) rethrows -> Value? {
        let index = slot(key)
        if !slots.isEmpty, let entry = slots[index], entry.key == key { return entry.value }
        guard let value = try resolve(key) else { return nil }
        if slots.isEmpty { slots = Array(repeating: nil, count: capacity) }
        slots[index] = (key, value)
        return value
    }

    /// Forgets every key (after the values they map to may have changed).
    mutating func removeAll() {
        slots = []
    }
}
