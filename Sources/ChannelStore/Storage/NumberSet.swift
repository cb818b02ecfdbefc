/// A set of 64-bit keys with open addressing and a multiplicative hash.
///
/// Written by hand because `Set<Int64>` hashes with SipHash, which made remembering a million order-line keys a
/// visible share of an import; keys here come from our own packing, not from an adversary.
package struct NumberSet {
    @usableFromInline var slots: [Int64]
    @usableFromInline var occupied: [Bool]
    @usableFromInline var mask: Int
    /// 64 - log2(capacity): the slot is the top bits of the hash product.
    @usableFromInline var shift: UInt64
    @usableFromInline package internal(set) var count = 0

    @inlinable package init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        occupied = Array(repeating: false, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Adds `key`; false when it was already there.
    @inlinable package mutating func insert(_ key: Int64) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        var index = Self.slot(for: key, shift: shift)
        while occupied[index] {
            if slots[index] == key { return false }
            index = (index + 1) & mask
        }
        occupied[index] = true
        slots[index] = key
        count += 1
        return true
    }

    @inlinable static func slot(for key: Int64, shift: UInt64) -> Int {
        // Fibonacci hashing: the top bits of the product depend on every bit of the key.
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inlinable mutating func grow() {
        let oldSlots = slots
        let oldOccupied = occupied
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        occupied = Array(repeating: false, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for index in oldSlots.indices where oldOccupied[index] { _ = insert(oldSlots[index]) }
    }
}
