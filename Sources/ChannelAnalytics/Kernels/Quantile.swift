/// Quantiles by linear interpolation between closest ranks (numpy's default, SQL's `quantile_cont`).
enum Quantile {
    /// The `q` quantile (0...1) of `values`, nil when empty. Reorders `values`; expected linear time (selection,
    /// not a sort).
    ///
    /// Each value is divided by `unit` before interpolating (hours from milliseconds: 3,600,000), as SQL engines
    /// do when the quantile is taken of an expression such as `seconds / 3600`; interpolating first and dividing
    /// after can differ in the last bit, which decides ties when the results are ranked.
    static func of(_ values: inout [Int64], _ q: Double, unit: Double = 1) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.withUnsafeMutableBufferPointer { of($0, q, unit: unit) }
    }

    /// The `q` quantile of a non-empty buffer, reordering it.
    static func of(_ v: UnsafeMutableBufferPointer<Int64>, _ q: Double, unit: Double = 1) -> Double {
        at(v, position: q * Double(v.count - 1), unit: unit)
    }

    /// The `q1` and `q2` quantiles (q1 <= q2) of a non-empty buffer. Selecting the first leaves every value at or
    /// above its rank to the right, so the second is searched there only.
    static func pair(_ v: UnsafeMutableBufferPointer<Int64>, _ q1: Double, _ q2: Double, unit: Double = 1) -> (Double, Double) {
        let first = of(v, q1, unit: unit)
        let rank = Int((q1 * Double(v.count - 1)).rounded(.down))
        let rest = UnsafeMutableBufferPointer(rebasing: v[rank...])
        return (first, at(rest, position: q2 * Double(v.count - 1) - Double(rank), unit: unit))
    }

    /// The value at fractional rank `position` (0 = smallest), interpolated between the two closest ranks.
    private static func at(_ v: UnsafeMutableBufferPointer<Int64>, position: Double, unit: Double) -> Double {
        let lowRank = Int(position.rounded(.down))
        let low = Double(select(v, lowRank)) / unit
        guard lowRank + 1 < v.count, position > Double(lowRank) else { return low }
        // After selection everything right of `lowRank` is >= it: the next rank is the smallest of those.
        var high = v[lowRank + 1]
        for i in (lowRank + 1)..<v.count where v[i] < high { high = v[i] }
        return low + (position - Double(lowRank)) * (Double(high) / unit - low)
    }

    /// Moves the `k`-th smallest value to index `k`, smaller ones before it and larger ones after (Hoare
    /// partitioning around a median of three), and returns it.
    static func select<Value: Comparable>(_ v: UnsafeMutableBufferPointer<Value>, _ k: Int) -> Value {
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
