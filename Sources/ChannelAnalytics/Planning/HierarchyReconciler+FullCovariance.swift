extension HierarchyReconciler {
    /// GLS reconciliation with a dense W (row-major n_all × n_all), returning bottom forecasts by step.
    ///
    /// Uses the constraint form b̃ = ŷ_b − (W·Cᵀ)_b·λ with (C·W·Cᵀ)·λ = C·ŷ and C = [I, −A], which needs no
    /// inverse of W: only W·Cᵀ (n_all × n_aggregate) and one n_aggregate square Cholesky solve.
    func bottomsWithFullCovariance(
        _ base: [[Double]],
        steps: Int,
        covariance: [Double]
    ) throws(ReconciliationError) -> [[Double]] {
        let n = hierarchy.nodeCount
        let aggregates = hierarchy.aggregateCount
        let bottoms = hierarchy.bottomCount
        guard aggregates > 0 else {
            return (0..<steps).map { step in (0..<bottoms).map { base[$0][step] } }
        }

        // W·Cᵀ, row-major n × aggregates: column a is W[:, a] − Σ_{j ∈ a} W[:, bottom j].
        var weightedConstraints = Array(repeating: 0.0, count: n * aggregates)
        for i in 0..<n {
            let row = i * n
            for a in 0..<aggregates {
                let sum = hierarchy.summingRows[a].reduce(covariance[row + a]) {
                    $0 - covariance[row + aggregates + $1]
                }
                weightedConstraints[i * aggregates + a] = sum
            }
        }
        // C·W·Cᵀ: row a' is (W·Cᵀ)[a', :] − Σ_{j ∈ a'} (W·Cᵀ)[bottom j, :]; averaged with its transpose
        // so that rounding (or a slightly asymmetric W) cannot make it non-symmetric.
        var system = Array(repeating: 0.0, count: aggregates * aggregates)
        for x in 0..<aggregates {
            for y in 0..<aggregates {
                system[x * aggregates + y] = hierarchy.summingRows[x].reduce(weightedConstraints[x * aggregates + y]) {
                    $0 - weightedConstraints[(aggregates + $1) * aggregates + y]
                }
            }
        }
        for x in 0..<aggregates {
            for y in 0..<x {
                let mean = (system[x * aggregates + y] + system[y * aggregates + x]) / 2
                system[x * aggregates + y] = mean
                system[y * aggregates + x] = mean
            }
        }
        let factor = try factorize(system, dimension: aggregates, name: "aggregate constraint system C·W·Cᵀ")

        return (0..<steps).map { step in
            let multipliers = factor.solve(constraintGaps(base, step: step))
            return (0..<bottoms).map { bottom in
                let row = (aggregates + bottom) * aggregates
                var correction = 0.0
                for a in 0..<aggregates { correction += weightedConstraints[row + a] * multipliers[a] }
                return base[aggregates + bottom][step] - correction
            }
        }
    }
}
