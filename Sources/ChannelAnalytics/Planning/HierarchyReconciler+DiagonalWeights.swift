extension HierarchyReconciler {
    /// GLS reconciliation with a diagonal W (one weight per node), returning bottom forecasts by step.
    ///
    /// Picks the smaller of two equivalent systems: C·W·Cᵀ (n_aggregate square) when there are no more
    /// aggregates than bottoms, otherwise Sᵀ·W⁻¹·S (n_bottom square). Weights must be positive.
    func bottomsWithDiagonalWeights(
        _ base: [[Double]],
        steps: Int,
        weights: [Double]
    ) throws(ReconciliationError) -> [[Double]] {
        let aggregates = hierarchy.aggregateCount
        let bottoms = hierarchy.bottomCount
        guard aggregates > 0 else {
            // Only bottom series: the base forecasts are already coherent.
            return (0..<steps).map { step in (0..<bottoms).map { base[$0][step] } }
        }
        if aggregates <= bottoms {
            return try constraintProjection(base, steps: steps, weights: weights)
        }
        return try bottomNormalEquations(base, steps: steps, weights: weights)
    }

    /// b̃ = ŷ_b + W_b·Aᵀ·λ with (W_a + A·W_b·Aᵀ)·λ = ŷ_a − A·ŷ_b: the base forecasts moved the least
    /// (in the W⁻¹ norm) to satisfy every aggregation constraint.
    private func constraintProjection(
        _ base: [[Double]],
        steps: Int,
        weights: [Double]
    ) throws(ReconciliationError) -> [[Double]] {
        let aggregates = hierarchy.aggregateCount
        let bottoms = hierarchy.bottomCount
        var system = Array(repeating: 0.0, count: aggregates * aggregates)
        for a in 0..<aggregates { system[a * aggregates + a] = weights[a] }
        for bottom in 0..<bottoms {
            let weight = weights[aggregates + bottom]
            let containing = hierarchy.aggregatesContainingBottom[bottom]
            for x in containing {
                for y in containing { system[x * aggregates + y] += weight }
            }
        }
        let factor = try factorize(system, dimension: aggregates, name: "aggregate constraint system C·W·Cᵀ")

        return (0..<steps).map { step in
            let multipliers = factor.solve(constraintGaps(base, step: step))
            return (0..<bottoms).map { bottom in
                let pull = hierarchy.aggregatesContainingBottom[bottom].reduce(0) { $0 + multipliers[$1] }
                return base[aggregates + bottom][step] + weights[aggregates + bottom] * pull
            }
        }
    }

    /// b̃ = (Sᵀ·W⁻¹·S)⁻¹·Sᵀ·W⁻¹·ŷ, built from the sparse rows of S.
    private func bottomNormalEquations(
        _ base: [[Double]],
        steps: Int,
        weights: [Double]
    ) throws(ReconciliationError) -> [[Double]] {
        let bottoms = hierarchy.bottomCount
        var system = Array(repeating: 0.0, count: bottoms * bottoms)
        for (node, row) in hierarchy.summingRows.enumerated() {
            let precision = 1 / weights[node]
            for x in row {
                for y in row { system[x * bottoms + y] += precision }
            }
        }
        let factor = try factorize(system, dimension: bottoms, name: "bottom-level normal equations Sᵀ·W⁻¹·S")

        return (0..<steps).map { step in
            var rightHandSide = Array(repeating: 0.0, count: bottoms)
            for (node, row) in hierarchy.summingRows.enumerated() {
                let weighted = base[node][step] / weights[node]
                for member in row { rightHandSide[member] += weighted }
            }
            return factor.solve(rightHandSide)
        }
    }
}
