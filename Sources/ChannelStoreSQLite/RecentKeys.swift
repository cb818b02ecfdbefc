/// A direct-mapped cache of recently resolved natural keys, slotted by their last bytes.
///
/// Reference columns repeat a few thousand keys (SKUs, partners, outlets) millions of times in an import; a hit
/// here costs one string comparison instead of hashing the whole key for a dictionary look-up.
struct RecentKeys<Value> {
    /// Allocated on the first key kept (a writer of a few API rows never needs it), small at first.
    private var slots: [(key: String, value: Value)?] = []
    /// The most slots the cache grows to.
    private let capacity: Int
    /// Keys resolved since the slots were last allocated: more than slots means keys keep pushing each other
    /// out, and the cache grows (up to `capacity`).
    private var misses = 0
    private static var initialSlots: Int { 1024 }

    /// - Parameter capacity: a power of two, the most slots kept.
    init(capacity: Int = 1024) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "the capacity of RecentKeys must be a power of two")
        self.capacity = capacity
    }

    /// The slot of a key from its last eight bytes (codes differ at their end: `SKU01219`, `O0040899`), mixed by a
    /// multiplication so that keys which differ in one digit spread over the whole table.
    private func slot(_ key: String) -> Int {
        var tail: UInt64 = 0
        // Keys are native strings (contiguous UTF-8): reading their last bytes in place is far cheaper than the
        // generic `suffix` of the UTF-8 view, which walks indexes.
        let read: Void? = key.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes[max(0, bytes.count - 8)...] { tail = tail << 8 | UInt64(byte) }
        }
        if read == nil {
            for byte in key.utf8.suffix(8) { tail = tail << 8 | UInt64(byte) }
        }
        return Int(truncatingIfNeeded: (tail &* 0x9E37_79B9_7F4A_7C15) >> 32) & (slots.count - 1)
    }

    /// The cached value of `key`, or else `resolve(key)`, kept for next time when it is not nil.
    mutating func value(_ key: String, _ resolve: (String) throws -> Value?) rethrows -> Value? {
        if !slots.isEmpty, let entry = slots[slot(key)], entry.key == key { return entry.value }
        guard let value = try resolve(key) else { return nil }
        misses += 1
        if slots.isEmpty || (misses > slots.count && slots.count < capacity) {
            slots = Array(repeating: nil, count: slots.isEmpty ? min(Self.initialSlots, capacity) : min(4 * slots.count, capacity))
            misses = 0
        }
        slots[slot(key)] = (key, value)
        return value
    }

    /// Forgets every key (after the values they map to may have changed).
    mutating func removeAll() {
        slots = []
        misses = 0
    }
}
