/// The shrinkage estimate of the forecast-error covariance used by MinT-shrink.
///
/// Following Schäfer & Strimmer (2005) as used by Wickramasuriya, Athanasopoulos & Hyndman (2019):
/// Σ̂ = EᵀE / T is the residual cross-product matrix (residuals taken as mean zero), the target is its
/// diagonal, and W = λ·diag(Σ̂) + (1 − λ)·Σ̂, i.e. off-diagonal entries are scaled by 1 − λ. The intensity
/// λ = Σ_{i≠j} Var̂(r_ij) / Σ_{i≠j} r_ij², clamped to [0, 1], where r_ij are the correlations and
/// Var̂(r_ij) = Σ_t (w_tij − w̄_ij)² · T / (T − 1) / T², with w_tij the product of the standardised
/// residuals of nodes i and j at time t.
struct ShrinkageCovariance {
    /// Row-major n × n entries of W.
    let entries: [Double]
    /// The shrinkage intensity λ in [0, 1].
    let intensity: Double

    init(_ residuals: ResidualMatrix) throws(ReconciliationError) {
        let n = residuals.nodeCount
        let t = residuals.timeCount
        let count = Double(t)
        let variances = residuals.meanSquares()
        let floored = try ResidualMatrix.flooredVariances(variances)
        let deviations = variances.map { $0.squareRoot() }

        // Standardised residuals; a node with zero residuals has no correlation with anything.
        var standardized = residuals.entries
        for node in 0..<n {
            let scale = deviations[node] > 0 ? 1 / deviations[node] : 0
            for index in (node * t)..<((node + 1) * t) { standardized[index] *= scale }
        }

        // Holds the sample cross-products first; off-diagonals are shrunk once λ is known.
        var entries = Array(repeating: 0.0, count: n * n)
        var varianceSum = 0.0
        var squaredCorrelationSum = 0.0
        for i in 0..<n {
            for j in 0..<i {
                var products = 0.0
                var squaredProducts = 0.0
                for time in 0..<t {
                    let product = standardized[i * t + time] * standardized[j * t + time]
                    products += product
                    squaredProducts += product * product
                }
                let correlation = products / count
                entries[i * n + j] = correlation * deviations[i] * deviations[j]
                if deviations[i] > 0, deviations[j] > 0 {
                    // Σ_t (w − w̄)² = Σ w² − (Σ w)² / T
                    varianceSum += (squaredProducts - products * products / count) / (count * (count - 1))
                    squaredCorrelationSum += correlation * correlation
                }
            }
        }
        // Uncorrelated residuals: the sample matrix already is its diagonal, so full shrinkage changes nothing.
        let lambda = squaredCorrelationSum > 0 ? min(1, max(0, varianceSum / squaredCorrelationSum)) : 1

        for i in 0..<n {
            entries[i * n + i] = floored[i]
            for j in 0..<i {
                let value = (1 - lambda) * entries[i * n + j]
                entries[i * n + j] = value
                entries[j * n + i] = value
            }
        }
        self.entries = entries
        self.intensity = lambda
    }
}
