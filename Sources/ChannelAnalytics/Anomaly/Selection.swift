/// Order statistics in expected linear time by quickselect, reordering the buffer they read.
enum Selection {
    /// The median of a non-empty buffer (the mean of the two middle values when the count is even).
    static func median(_ v: UnsafeMutableBufferPointer<Double>) -> Double {
        let half = v.count / 2
        let upper = kth(v, half)
        guard v.count % 2 == 0 else { return upper }
        // After selection every value left of `half` is at most `upper`; the lower middle is their maximum.
        var lower = v[0]
        for i in 1..<half where v[i] > lower { lower = v[i] }
        return (lower + upper) / 2
    }

    /// The value at fractional rank `position` (0 = smallest) of a non-empty buffer, interpolating linearly between
    /// the two closest ranks. When a previous selection left every value before `first` at most every value from
    /// `first` on, and `position >= first`, pass `first` to search only the rest.
    static func rank(_ v: UnsafeMutableBufferPointer<Double>, _ position: Double, searchingFrom first: Int = 0)
        -> Double
    {
        let r = Int(position.rounded(.down))
        let low = kth(UnsafeMutableBufferPointer(rebasing: v[first...]), r - first)
        guard r + 1 < v.count, position > Double(r) else { return low }
        // After selection every value right of `r` is at least `low`; the next rank is their minimum.
        var high = v[r + 1]
        for i in (r + 1)..<v.count where v[i] < high { high = v[i] }
        return low + (position - Double(r)) * (high - low)
    }

    /// Moves the k-th smallest value (0-based) to position k, smaller values before it and larger after, and
    /// returns it.
    static func kth(_ v: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double { Quantile.select(v, k) }
}
