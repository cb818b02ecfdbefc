/// Picks an index with probability proportional to its weight (cumulative table + binary search).
struct WeightedPicker: Sendable {
    private let cumulative: [Double]
    private let total: Double

    /// Builds a picker; negative weights count as zero. With no positive weight every index is equally likely.
    init(weights: [Double]) {
        var running = 0.0
        var table: [Double] = []
        table.reserveCapacity(weights.count)
        let anyPositive = weights.contains { $0 > 0 }
        for weight in weights {
            running += anyPositive ? max(0, weight) : 1
            table.append(running)
        }
        cumulative = table
        total = running
    }

    /// Number of indices the picker chooses from.
    var count: Int { cumulative.count }

    /// A random index in `0..<count` (0 when the picker is empty).
    func pick(using random: inout DemoRandom) -> Int {
        let table = cumulative
        var high = table.count - 1
        guard high > 0, total > 0 else { return 0 }
        let target = random.unit() * total
        var low = 0
        while low < high {
            let mid = (low + high) / 2
            if table[mid] > target {
                high = mid
            } else {
                low = mid + 1
            }
        }
        return low
    }
}
