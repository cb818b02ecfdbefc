/// Values of lines grouped by a two-level integer key (major, then minor), so that each group (equal major and
/// minor) and each outer group (equal major) is a contiguous run of values.
///
/// Sorting is two stable counting sorts (by minor, then by major) that carry the keys and the value along: linear
/// time, no hashing, no comparisons, and every pass reads its input in order.
struct LineGroups: Sendable {
    /// The members, sorted by key.
    let members: [Int32]
    /// The value of each sorted member.
    let values: [Double]
    /// Group g is positions `starts[g] ..< starts[g + 1]` of `members` and `values`.
    let starts: [Int32]
    /// Outer group j is groups `outerStarts[j] ..< outerStarts[j + 1]`.
    let outerStarts: [Int32]
    /// The minor key of each group.
    let minors: [Int32]
    /// The major key of each outer group.
    let majors: [Int32]
    /// Major keys are below `majorCount`, minor keys below `minorCount`.
    let majorCount: Int
    let minorCount: Int

    var count: Int { starts.count - 1 }
    var outerCount: Int { outerStarts.count - 1 }

    /// One line on its way through the sort; a single record, so each bucket is written as one stream.
    private struct Entry {
        var member: Int32
        var major: Int32
        var minor: Int32
        var value: Double
    }

    /// Groups `members` (indices into the other arrays) by `major[i]` (below `majorCount`), then `minor[i]` (below
    /// `minorCount`), carrying `values[i]` along. Members' values must not be NaN.
    init(members: [Int32], major: [Int32], majorCount: Int, minor: [Int32], minorCount: Int, values: [Double]) {
        let n = members.count
        // Pass 1, by minor, reading the members in order; pass 2, by major, reading pass 1's output in order
        // (stable, so minor stays sorted within a major).
        let byMinor = Self.scatter(
            n, buckets: minorCount, key: { minor[Int(members[$0])] },
            entry: { i in
                let m = Int(members[i])
                return Entry(member: members[i], major: major[m], minor: minor[m], value: values[m])
            })
        let sorted = Self.scatter(n, buckets: majorCount, key: { byMinor[$0].major }, entry: { byMinor[$0] })

        var starts: [Int32] = []
        var outerStarts: [Int32] = []
        var minors: [Int32] = []
        var majors: [Int32] = []
        for k in 0..<n {
            let newMajor = k == 0 || sorted[k].major != sorted[k - 1].major
            guard newMajor || sorted[k].minor != sorted[k - 1].minor else { continue }
            if newMajor {
                outerStarts.append(Int32(starts.count))
                majors.append(sorted[k].major)
            }
            starts.append(Int32(k))
            minors.append(sorted[k].minor)
        }
        outerStarts.append(Int32(starts.count))
        starts.append(Int32(n))
        self.members = sorted.map(\.member)
        self.values = sorted.map(\.value)
        self.starts = starts
        self.outerStarts = outerStarts
        self.minors = minors
        self.majors = majors
        self.majorCount = majorCount
        self.minorCount = minorCount
    }

    /// The indices of `values` that are not NaN, ascending: the members whose values have baselines.
    static func valid(_ values: [Double]) -> [Int32] {
        Array(values.indices.lazy.filter { !values[$0].isNaN }.map(Int32.init))
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

    /// The baseline of every group by its keys, at major × `minorCount` + minor (``RobustBaseline/empty`` where no
    /// line has those keys).
    func gridBaselines(spread: RobustBaseline.Spread) -> [RobustBaseline] {
        var grid = [RobustBaseline](repeating: .empty, count: majorCount * minorCount)
        let baselines = baselines(spread: spread)
        for j in 0..<outerCount {
            for g in Int(outerStarts[j])..<Int(outerStarts[j + 1]) {
                grid[Int(majors[j]) * minorCount + Int(minors[g])] = baselines[g]
            }
        }
        return grid
    }

    /// The baseline of every outer group (all its groups together) by its major key (``RobustBaseline/empty`` where
    /// no line has that key).
    func outerBaselines(spread: RobustBaseline.Spread) -> [RobustBaseline] {
        var byMajor = [RobustBaseline](repeating: .empty, count: majorCount)
        var scratch = [Double](repeating: 0, count: values.count)
        scratch.withUnsafeMutableBufferPointer { buffer in
            for j in 0..<outerCount {
                let range = Int(starts[Int(outerStarts[j])])..<Int(starts[Int(outerStarts[j + 1])])
                byMajor[Int(majors[j])] = baseline(of: range, spread: spread, scratch: buffer)
            }
        }
        return byMajor
    }

    /// The baseline of the values at `range`, using `scratch` (at least as long) as workspace.
    private func baseline(
        of range: Range<Int>, spread: RobustBaseline.Spread, scratch: UnsafeMutableBufferPointer<Double>
    ) -> RobustBaseline {
        for (i, k) in range.enumerated() { scratch[i] = values[k] }
        return RobustBaseline.of(UnsafeMutableBufferPointer(rebasing: scratch[0..<range.count]), spread: spread)
    }
}
