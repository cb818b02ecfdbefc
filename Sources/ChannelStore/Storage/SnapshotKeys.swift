package import ChannelCore

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
