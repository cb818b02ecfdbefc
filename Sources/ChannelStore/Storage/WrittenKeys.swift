package import ChannelCore

/// A row's natural key as a bulk writer tracks it, to catch a key written twice in one transaction.
package enum RowKey {
    case text(String)
    /// A key packed into one number (order lines, stock snapshots): cheaper to track than text.
    case number(Int64)
    /// The caller has checked that this row's key was not written before in this transaction.
    case checkedByCaller

    /// An order line's key: its order's row id and line number, packed.
    @inlinable package static func orderLine(order: Int64, line: Int) -> RowKey {
        .number(order * Int64(OrderLine.maximumLineNumber + 1) + Int64(line))
    }
}

/// The natural keys a bulk writer wrote in this transaction, to catch repeats, shared by every backend's writer.
///
/// Exports usually come sorted by key, so while keys keep increasing they are appended to an array (no hashing, no
/// cache misses); the sets hold the keys written after the first one out of order. `NumberSet` hashes packed keys.
package struct WrittenKeys {
    @usableFromInline var seenText: Set<String> = []
    @usableFromInline var seenNumbers = NumberSet()
    @usableFromInline var increasingText: [String] = []
    @usableFromInline var increasingNumbers: [Int64] = []

    @inlinable package init() {}

    /// Remembers the key; false when it was written before in this transaction.
    @inlinable package mutating func isFirstWrite(of key: RowKey) -> Bool {
        switch key {
        case .text(let text):
            if seenText.isEmpty, increasingText.last.map({ $0 < text }) ?? true {
                increasingText.append(text)
                return true
            }
            return !Self.sortedContains(increasingText, text) && seenText.insert(text).inserted
        case .number(let number):
            if seenNumbers.count == 0, increasingNumbers.last.map({ $0 < number }) ?? true {
                increasingNumbers.append(number)
                return true
            }
            return !Self.sortedContains(increasingNumbers, number) && seenNumbers.insert(number)
        case .checkedByCaller:
            return true
        }
    }

    /// Forgets every key, so that the next write of one of them is not a repeat.
    @inlinable package mutating func removeAll() {
        seenText.removeAll()
        if seenNumbers.count > 0 { seenNumbers = NumberSet() }
        increasingText.removeAll()
        increasingNumbers.removeAll()
    }

    @inlinable static func sortedContains<Key: Comparable>(_ keys: [Key], _ key: Key) -> Bool {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key
    }
}

/// Stock snapshots' keys (location, date, product) packed into one number: the location's ordinal among those seen,
/// days since 1970, the product's row id. (Not generic, unlike the SQLite writer's key caches: this is called from
/// other modules, where a generic type's calls would not be specialized.)
package struct SnapshotKeys {
    @usableFromInline var numbers: [String: Int64] = [:]
    /// The last location numbered: snapshot files come grouped by location, so most rows skip the dictionary.
    @usableFromInline var last: (location: String, number: Int64)?

    @inlinable package init() {}

    @inlinable package mutating func key(_ snapshot: InventorySnapshot, product: Int64) -> RowKey {
        let location = number(of: snapshot.locationID.rawValue)
        // 2^20 locations x 2^20 days (to year 4840) x 2^23 products fit 63 bits; beyond that fall back to text.
        guard location < 1 << 20, (0..<(1 << 20)).contains(Int64(snapshot.snapshotDate.daysSinceEpoch)), product < 1 << 23 else {
            return .text("\(snapshot.snapshotDate)/\(snapshot.locationID)/\(snapshot.sku)")
        }
        return .number(location << 43 | Int64(snapshot.snapshotDate.daysSinceEpoch) << 23 | product)
    }

    @inlinable mutating func number(of location: String) -> Int64 {
        if let last, last.location == location { return last.number }
        let number: Int64
        if let known = numbers[location] {
            number = known
        } else {
            number = Int64(numbers.count)
            numbers[location] = number
        }
        last = (location, number)
        return number
    }
}
