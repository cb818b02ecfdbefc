/// In-sample one-step residuals of every node, checked and stored node-major for the variance estimators.
///
/// Time points where any node has a non-finite residual (e.g. the warm-up period of a seasonal model)
/// are dropped, so every estimate uses the same complete time points.
struct ResidualMatrix {
    let nodeCount: Int
    let timeCount: Int
    /// entries[node * timeCount + t]
    let entries: [Double]

    init(_ rows: [[Double]], nodeIDs: [String]) throws(ReconciliationError) {
        guard rows.count == nodeIDs.count else {
            throw .residualRowCountMismatch(expected: nodeIDs.count, actual: rows.count)
        }
        let length = rows.first?.count ?? 0
        for (node, row) in rows.enumerated() where row.count != length {
            throw .residualLengthMismatch(nodeID: nodeIDs[node], expected: length, actual: row.count)
        }
        let complete = (0..<length).filter { t in rows.allSatisfy { $0[t].isFinite } }
        guard complete.count >= 2 else { throw .tooFewResiduals(usable: complete.count) }

        var entries: [Double] = []
        entries.reserveCapacity(rows.count * complete.count)
        for row in rows {
            for t in complete { entries.append(row[t]) }
        }
        self.nodeCount = rows.count
        self.timeCount = complete.count
        self.entries = entries
    }

    /// Mean squared residual of each node: the error variance assuming unbiased one-step forecasts.
    func meanSquares() -> [Double] {
        (0..<nodeCount).map { node in
            var sum = 0.0
            for t in 0..<timeCount {
                let value = entries[node * timeCount + t]
                sum += value * value
            }
            return sum / Double(timeCount)
        }
    }

    /// Variances with zeros lifted to 1e-10 × the largest, so that W stays positive definite.
    ///
    /// A node with zero residuals is then treated as almost exactly known rather than breaking the solve.
    static func flooredVariances(_ variances: [Double]) throws(ReconciliationError) -> [Double] {
        let largest = variances.max() ?? 0
        guard largest > 0 else { throw .zeroResiduals }
        let floor = largest * 1e-10
        return variances.map { max($0, floor) }
    }
}
