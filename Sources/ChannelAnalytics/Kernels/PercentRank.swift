/// Percent rank as SQL's PERCENT_RANK: (rank - 1) / (n - 1), rank = 1 + the number of smaller values; 0 when n = 1.
enum PercentRank {
    /// The percent rank of each value among `values` (same order as given).
    static func of(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 1 else { return Array(repeating: 0, count: n) }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: n)
        var rank = 1
        for (position, index) in order.enumerated() {
            if position > 0, values[order[position - 1]] < values[index] { rank = position + 1 }
            ranks[index] = Double(rank - 1) / Double(n - 1)
        }
        return ranks
    }
}
