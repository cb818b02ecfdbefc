/// Quantiles by linear interpolation between closest ranks (numpy's default, SQL's `quantile_cont`).
enum Quantile {
    /// The `q` quantile (0...1) of `values`, nil when empty. Reorders `values`; expected linear time (selection,
    /// not a sort).
    static func of(_ values: inout [Int64], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let position = q * Double(values.count - 1)
        let lowRank = Int(position.rounded(.down))
        let low = select(&values, lowRank)
        guard lowRank + 1 < values.count, position > Double(lowRank) else { return Double(low) }
        // After selection everything right of `lowRank` is >= it: the next rank is the smallest of those.
        var high = values[lowRank + 1]
        for v in values[(lowRank + 1)...] where v < high { high = v }
        return Double(low) + (position - Double(lowRank)) * Double(high - low)
    }

    /// Moves the `k`-th smallest value to index `k`, smaller ones before it and larger ones after (Hoare
    /// partitioning around a median of three), and returns it.
    static func select(_ values: inout [Int64], _ k: Int) -> Int64 {
        values.withUnsafeMutableBufferPointer { v in
            var low = 0
            var high = v.count - 1
            while low < high {
                let mid = low + (high - low) / 2
                if v[mid] < v[low] { v.swapAt(mid, low) }
                if v[high] < v[low] { v.swapAt(high, low) }
                if v[high] < v[mid] { v.swapAt(high, mid) }
                let pivot = v[mid]
                var i = low
                var j = high
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j {
                        v.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j {
                    high = j
                } else if k >= i {
                    low = i
                } else {
                    break
                }
            }
            return v[k]
        }
    }
}
