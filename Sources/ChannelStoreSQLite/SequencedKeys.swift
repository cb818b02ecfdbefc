/// Natural key -> value for the rows of one table that a transaction inserts, in the order it inserts them, for
/// references that mostly arrive in that same order (order lines and shipments after their orders).
///
/// A dictionary of millions of keys costs a hash and a cache miss per insert and per look-up (the largest cost of
/// checking an import's references). Here an insert appends to arrays; a look-up first tries the few rows after the
/// last one found, then a binary search while the keys arrived sorted (exports usually are), and only for unsorted
/// keys builds a dictionary, once, on the first look-up that needs it.
struct SequencedKeys<Value> {
    private var keys: [String] = []
    private var values: [Value] = []
    private var isSorted = true
    private var cursor = 0
    private var index: [String: Int]?
    /// How far past the last row found a look-up searches before the binary search.
    private static var lookAhead: Int { 8 }

    var count: Int { keys.count }

    mutating func reserveCapacity(_ capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The position of `key`, if it was inserted.
    private mutating func position(of key: String) -> Int? {
        guard let last = keys.last, !(isSorted && last < key) else { return nil }
        let end = min(cursor + Self.lookAhead, keys.count)
        var probe = cursor
        while probe < end {
            if keys[probe] == key {
                cursor = probe
                return probe
            }
            probe += 1
        }
        if isSorted {
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < key { low = middle + 1 } else { high = middle }
            }
            guard low < keys.count, keys[low] == key else { return nil }
            cursor = low
            return low
        }
        if index == nil {
            var built: [String: Int] = [:]
            built.reserveCapacity(keys.count)
            for (position, key) in keys.enumerated() where built[key] == nil { built[key] = position }
            index = built
        }
        guard let found = index?[key] else { return nil }
        cursor = found
        return found
    }

    mutating func value(_ key: String) -> Value? {
        position(of: key).map { values[$0] }
    }

    /// Sets the value of `key`: replaces it when the key was inserted before, else appends it.
    mutating func set(_ key: String, _ value: Value) {
        if isSorted, let last = keys.last, last < key {
            keys.append(key)
            values.append(value)
            return
        }
        if let found = position(of: key) {
            values[found] = value
            return
        }
        if let last = keys.last, !(last < key) { isSorted = false }
        index?[key] = keys.count
        keys.append(key)
        values.append(value)
    }
}
