/// Makes base forecasts of every node in a ``SummingHierarchy`` coherent.
///
/// Bottom-up, OLS and the diagonal-weight methods (``ReconciliationMethod/wlsStructural`` and
/// ``ReconciliationMethod/wlsVariance(residuals:)``) work at any size: they use the sparse structure and
/// solve one dense system of size min(n_aggregate, n_bottom), either C·W·Cᵀ (C = [I, −A] the aggregation
/// constraints) or Sᵀ·W⁻¹·S, with a Cholesky factorisation shared by all horizon steps. Both give the same
/// projection. The full-covariance methods (``ReconciliationMethod/minTShrink(residuals:)`` and
/// ``ReconciliationMethod/minT(covariance:)``) need a dense n_all × n_all matrix and throw
/// ``ReconciliationError/tooLargeForFullCovariance(nodes:limit:)`` above ``fullCovarianceNodeLimit`` nodes.
///
/// The output is always S·b̃ for the reconciled bottom forecasts b̃, so aggregates equal the sums of
/// their bottoms up to floating-point addition.
public struct HierarchyReconciler: Sendable {
    /// The hierarchy whose nodes the forecasts describe.
    public let hierarchy: SummingHierarchy
    /// Largest number of nodes for which full-covariance MinT is attempted (memory grows with its square).
    public var fullCovarianceNodeLimit: Int

    /// Creates a reconciler for one hierarchy.
    public init(hierarchy: SummingHierarchy, fullCovarianceNodeLimit: Int = 2_000) {
        self.hierarchy = hierarchy
        self.fullCovarianceNodeLimit = fullCovarianceNodeLimit
    }

    /// Reconciles base forecasts, one horizon step at a time with the same weights.
    ///
    /// - Parameters:
    ///   - baseForecasts: indexed [node][step], one row per node in ``SummingHierarchy/nodeIDs`` order.
    ///   - method: the reconciliation method and its residuals or covariance.
    ///   - nonNegative: when true, negative reconciled bottom forecasts are set to 0 and the aggregates are
    ///     re-summed. This is a simple heuristic: the result stays coherent and non-negative, but it is no
    ///     longer the least-squares optimum and the affected aggregates move up.
    /// - Throws: ``ReconciliationError`` naming the mismatched or invalid input.
    public func reconcile(
        _ baseForecasts: [[Double]],
        method: ReconciliationMethod,
        nonNegative: Bool = false
    ) throws(ReconciliationError) -> ReconciledForecast {
        let steps = try validatedHorizon(of: baseForecasts)
        let nodeIDs = hierarchy.nodeIDs
        var intensity: Double?
        var bottomsByStep: [[Double]]

        switch method {
        case .bottomUp:
            let first = hierarchy.aggregateCount
            bottomsByStep = (0..<steps).map { step in
                (0..<hierarchy.bottomCount).map { baseForecasts[first + $0][step] }
            }
        case .ols:
            let weights = Array(repeating: 1.0, count: hierarchy.nodeCount)
            bottomsByStep = try bottomsWithDiagonalWeights(baseForecasts, steps: steps, weights: weights)
        case .wlsStructural:
            let weights = hierarchy.summingRows.map { Double($0.count) }
            bottomsByStep = try bottomsWithDiagonalWeights(baseForecasts, steps: steps, weights: weights)
        case .wlsVariance(let residuals):
            let matrix = try ResidualMatrix(residuals, nodeIDs: nodeIDs)
            let weights = try ResidualMatrix.flooredVariances(matrix.meanSquares())
            bottomsByStep = try bottomsWithDiagonalWeights(baseForecasts, steps: steps, weights: weights)
        case .minTShrink(let residuals):
            try checkFullCovarianceSize()
            let estimate = try ShrinkageCovariance(ResidualMatrix(residuals, nodeIDs: nodeIDs))
            intensity = estimate.intensity
            bottomsByStep = try bottomsWithFullCovariance(baseForecasts, steps: steps, covariance: estimate.entries)
        case .minT(let covariance):
            try checkFullCovarianceSize()
            let entries = try flattenedCovariance(covariance)
            bottomsByStep = try bottomsWithFullCovariance(baseForecasts, steps: steps, covariance: entries)
        }

        if nonNegative {
            bottomsByStep = bottomsByStep.map { step in step.map { max(0, $0) } }
        }
        let nodesByStep = bottomsByStep.map { hierarchy.aggregate(bottomValues: $0) }
        let values = (0..<hierarchy.nodeCount).map { node in nodesByStep.map { $0[node] } }
        return ReconciledForecast(nodeIDs: nodeIDs, values: values, shrinkageIntensity: intensity)
    }

    /// Checks one finite row per node with a common horizon, and returns that horizon.
    private func validatedHorizon(of base: [[Double]]) throws(ReconciliationError) -> Int {
        guard base.count == hierarchy.nodeCount else {
            throw .forecastRowCountMismatch(
                expected: hierarchy.nodeCount,
                actual: base.count,
                aggregates: hierarchy.aggregateCount,
                bottoms: hierarchy.bottomCount
            )
        }
        let nodeIDs = hierarchy.nodeIDs
        let steps = base.first?.count ?? 0
        for (node, row) in base.enumerated() {
            guard row.count == steps else {
                throw .horizonMismatch(nodeID: nodeIDs[node], expected: steps, actual: row.count)
            }
            if let step = row.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteForecast(nodeID: nodeIDs[node], step: step)
            }
        }
        return steps
    }

    private func checkFullCovarianceSize() throws(ReconciliationError) {
        guard hierarchy.nodeCount <= fullCovarianceNodeLimit else {
            throw .tooLargeForFullCovariance(nodes: hierarchy.nodeCount, limit: fullCovarianceNodeLimit)
        }
    }

    /// Checks a caller-supplied covariance is n_all × n_all and finite, and stores it row-major.
    private func flattenedCovariance(_ covariance: [[Double]]) throws(ReconciliationError) -> [Double] {
        let n = hierarchy.nodeCount
        if let badRow = covariance.first(where: { $0.count != n }) {
            throw .covarianceShapeMismatch(expected: n, rows: covariance.count, columns: badRow.count)
        }
        guard covariance.count == n else {
            throw .covarianceShapeMismatch(expected: n, rows: covariance.count, columns: n)
        }
        var entries: [Double] = []
        entries.reserveCapacity(n * n)
        for (row, values) in covariance.enumerated() {
            if let column = values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteCovariance(row: row, column: column)
            }
            entries.append(contentsOf: values)
        }
        return entries
    }

    /// The Cholesky factor of a reconciliation system, or the error naming the system that is not positive definite.
    func factorize(_ system: [Double], dimension: Int, name: String) throws(ReconciliationError) -> CholeskyFactor {
        do {
            return try CholeskyFactor(symmetric: system, dimension: dimension)
        } catch {
            throw .notPositiveDefinite(system: name, pivot: error.pivot)
        }
    }

    /// How far each aggregate's base forecast at `step` is from the sum of its bottom series' base forecasts.
    func constraintGaps(_ base: [[Double]], step: Int) -> [Double] {
        let aggregates = hierarchy.aggregateCount
        return (0..<aggregates).map { a in
            hierarchy.summingRows[a].reduce(base[a][step]) { $0 - base[aggregates + $1][step] }
        }
    }
}
