/// Lines sorted by a two-level integer key (major, then minor) together with one value per line, so that each
/// group (equal major and minor) and each outer group (equal major) is a contiguous run of values.
///
/// Sorting is two stable counting sorts (by minor, then by major) that carry the keys and the value along: linear
/// time, no hashing, no comparisons, and every pass reads its input in order.
struct LineGroups: Sendable {
    /// The member lines, sorted.
    let lines: [Int32]
    /// The value of each sorted line (NaN: left out of the baselines).
    let values: [Double]
    /// Group g is positions `starts[g] ..< starts[g + 1]` of `lines` and `values`.
    let starts: [Int32]
    /// Outer group j is groups `outerStarts[j] ..< outerStarts[j + 1]`.
    let outerStarts: [Int32]

    var count: Int { starts.count - 1 }
    var outerCount: Int { outerStarts.count - 1 }

    /// One line on its way through the sort; a single record, so each bucket is written as one stream.
    private struct Entry {
        var line: Int32
        var major: Int32
        var minor: Int32
        var value: Double
    }

    /// Groups `members` (line positions) by `major[l]` (below `majorCount`), then `minor[l]` (below `minorCount`),
    /// carrying `values[l]` along.
    init(members: [Int32], major: [Int32], majorCount: Int, minor: [Int32], minorCount: Int, values: [Double]) {
        let n = members.count
        // Pass 1, by minor, reading the members in order; pass 2, by major, reading pass 1's output in order
        // (stable, so minor stays sorted within a major).
        let byMinor = Self.scatter(
            n, buckets: minorCount, key: { minor[Int(members[$0])] },
            entry: { i in
                let l = Int(members[i])
                return Entry(line: members[i], major: major[l], minor: minor[l], value: values[l])
            })
        let sorted = Self.scatter(n, buckets: majorCount, key: { byMinor[$0].major }, entry: { byMinor[$0] })

        var starts: [Int32] = []
        var outerStarts: [Int32] = []
        for k in 0..<n {
            let newMajor = k == 0 || sorted[k].major != sorted[k - 1].major
            guard newMajor || sorted[k].minor != sorted[k - 1].minor else { continue }
            if newMajor { outerStarts.append(Int32(starts.count)) }
            starts.append(Int32(k))
        }
        outerStarts.append(Int32(starts.count))
        starts.append(Int32(n))
        lines = sorted.map(\.line)
        self.values = sorted.map(\.value)
        self.starts = starts
        self.outerStarts = outerStarts
    }

    /// Entries `entry(0 ..< n)` placed in the order of `key(i)` (0 ..< buckets), stably: one counting-sort pass.
    private static func scatter(
        _ n: Int, buckets: Int, key: (Int) -> Int32, entry: (Int) -> Entry
    ) -> [Entry] {
        var next = bucketStarts(n, buckets: buckets, key: key)
        return [Entry](unsafeUninitializedCapacity: n) { out, initialized in
            for i in 0..<n {
                let b = Int(key(i))
                out.initializeElement(at: next[b], to: entry(i))
                next[b] += 1
            }
            initialized = n
        }
    }

    /// The first position of each bucket when `n` items with keys `key(i)` (0 ..< buckets) are sorted by key.
    private static func bucketStarts(_ n: Int, buckets: Int, key: (Int) -> Int32) -> [Int] {
        var starts = [Int](repeating: 0, count: buckets + 1)
        for i in 0..<n { starts[Int(key(i)) + 1] += 1 }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        return starts
    }

    /// The baseline of every group.
    func baselines(spread: RobustBaseline.Spread) -> [RobustBaseline] {
        var scratch = [Double](repeating: 0, count: values.count)
        return scratch.withUnsafeMutableBufferPointer { buffer in
            (0..<count).map { baseline(of: Int(starts[$0])..<Int(starts[$0 + 1]), spread: spread, scratch: buffer) }
        }
    }

    /// The baseline of outer group `j` (all its groups together).
    func outerBaseline(_ j: Int, spread: RobustBaseline.Spread) -> RobustBaseline {
        let range = Int(starts[Int(outerStarts[j])])..<Int(starts[Int(outerStarts[j + 1])])
        var scratch = [Double](repeating: 0, count: range.count)
        return scratch.withUnsafeMutableBufferPointer { baseline(of: range, spread: spread, scratch: $0) }
    }

    /// The baseline of the values at `range` that are not NaN, using `scratch` (at least as long) as workspace.
    private func baseline(
        of range: Range<Int>, spread: RobustBaseline.Spread, scratch: UnsafeMutableBufferPointer<Double>
    ) -> RobustBaseline {
        var n = 0
        for k in range where !values[k].isNaN {
            scratch[n] = values[k]
            n += 1
        }
        return RobustBaseline.of(UnsafeMutableBufferPointer(rebasing: scratch[0..<n]), spread: spread)
    }
}
