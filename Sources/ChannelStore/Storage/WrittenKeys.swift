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
