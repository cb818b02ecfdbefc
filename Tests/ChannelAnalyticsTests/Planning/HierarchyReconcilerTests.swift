import Foundation
import ChannelAnalytics
import Testing

@Suite struct HierarchyReconcilerTests {
    /// Total = A + B, A = AA + AB, B = BA + BB. Node order: Total, A, B, AA, AB, BA, BB.
    private func twoLevelHierarchy() throws -> SummingHierarchy {
        try SummingHierarchy(
            bottomIDs: ["AA", "AB", "BA", "BB"],
            aggregates: [
                .init(id: "Total", bottomIDs: ["AA", "AB", "BA", "BB"]),
                .init(id: "A", bottomIDs: ["AA", "AB"]),
                .init(id: "B", bottomIDs: ["BA", "BB"]),
            ]
        )
    }

    /// Incoherent base forecasts, 3 steps: Total 100 vs bottoms summing to 90, A 55 vs 50, B 38 vs 40, …
    private let incoherentBase: [[Double]] = [
        [100, 104, 98],
        [55, 54, 50],
        [38, 41, 44],
        [20, 22, 19],
        [30, 29, 33],
        [15, 17, 14],
        [25, 27, 26],
    ]

    /// Deterministic, correlated residuals: 7 nodes × 40 time points from a small xorshift generator.
    private func residuals(nodes: Int = 7, length: Int = 40, seed: UInt64 = 42) -> [[Double]] {
        var generator = TestNoise(seed: seed)
        let common = (0..<length).map { _ in generator.next() }
        return (0..<nodes).map { node in
            (0..<length).map { t in Double(node + 1) * (0.6 * common[t] + generator.next()) }
        }
    }

    private func expectCoherent(_ result: ReconciledForecast, in hierarchy: SummingHierarchy) {
        for a in 0..<hierarchy.aggregateCount {
            for step in 0..<result.values[a].count {
                let sum = hierarchy.summingRows[a].reduce(0) { $0 + result.values[hierarchy.aggregateCount + $1][step] }
                #expect(abs(result.values[a][step] - sum) < 1e-9, "node \(hierarchy.aggregateIDs[a]) step \(step)")
            }
        }
    }

    private func allMethods() -> [ReconciliationMethod] {
        var covariance = (0..<7).map { i in (0..<7).map { j in i == j ? 2.0 + Double(i) : 0.3 } }
        covariance[0][0] = 9
        return [
            .bottomUp, .ols, .wlsStructural, .wlsVariance(residuals: residuals()), .minTShrink(residuals: residuals()),
            .minT(covariance: covariance),
        ]
    }

    @Test func everyMethodIsCoherent() throws {
        let hierarchy = try twoLevelHierarchy()
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)
        for method in allMethods() {
            let result = try reconciler.reconcile(incoherentBase, method: method)
            #expect(result.values.count == 7)
            expectCoherent(result, in: hierarchy)
        }
    }

    // A projection maps coherent forecasts to themselves, whatever the weights.
    @Test func coherentForecastsAreLeftUnchanged() throws {
        let hierarchy = try twoLevelHierarchy()
        let bottoms: [[Double]] = [[20, 21], [30, 28], [15, 16], [25, 24]]
        let coherent = (0..<2).map { step in hierarchy.aggregate(bottomValues: bottoms.map { $0[step] }) }
        let base = (0..<7).map { node in coherent.map { $0[node] } }
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)
        for method in allMethods() {
            let result = try reconciler.reconcile(base, method: method)
            for node in 0..<7 {
                for step in 0..<2 { #expect(abs(result.values[node][step] - base[node][step]) < 1e-9) }
            }
        }
    }

    // Total = x + y with base ŷ = (10, 3, 4).
    // S = [[1,1],[1,0],[0,1]], SᵀS = [[2,1],[1,2]], (SᵀS)⁻¹ = ⅓·[[2,−1],[−1,2]], Sᵀŷ = (13, 14).
    // b̃ = ⅓·(26 − 14, −13 + 28) = (4, 5), so ỹ = (9, 4, 5):
    // the gap 10 − 7 = 3 is split evenly over the three nodes.
    @Test func olsByHand() throws {
        let hierarchy = try SummingHierarchy(
            bottomIDs: ["x", "y"],
            aggregates: [.init(id: "total", bottomIDs: ["x", "y"])]
        )
        let result = try HierarchyReconciler(hierarchy: hierarchy).reconcile([[10], [3], [4]], method: .ols)
        #expect(abs(result.values[0][0] - 9) < 1e-12)
        #expect(abs(result.values[1][0] - 4) < 1e-12)
        #expect(abs(result.values[2][0] - 5) < 1e-12)
        #expect(result.values(for: "y") == result.values[2])
    }

    @Test func minTWithIdentityEqualsOLS() throws {
        let identity = (0..<7).map { i in (0..<7).map { j in i == j ? 1.0 : 0.0 } }
        let hierarchy = try twoLevelHierarchy()
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)
        let ols = try reconciler.reconcile(incoherentBase, method: .ols)
        let minT = try reconciler.reconcile(incoherentBase, method: .minT(covariance: identity))
        for node in 0..<7 {
            for step in 0..<3 { #expect(abs(ols.values[node][step] - minT.values[node][step]) < 1e-9) }
        }
    }

    // More aggregates (3) than bottoms (2): OLS goes through Sᵀ·S, MinT(I) through C·Cᵀ; they must agree.
    @Test func bothDiagonalSystemsAgree() throws {
        let hierarchy = try SummingHierarchy(
            bottomIDs: ["x", "y"],
            aggregates: [
                .init(id: "total", bottomIDs: ["x", "y"]),
                .init(id: "x-online", bottomIDs: ["x"]),
                .init(id: "y-online", bottomIDs: ["y"]),
            ]
        )
        let base: [[Double]] = [[10, 12], [2.5, 3], [4.5, 5], [3, 4], [4, 6]]
        let identity = (0..<5).map { i in (0..<5).map { j in i == j ? 1.0 : 0.0 } }
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)
        let ols = try reconciler.reconcile(base, method: .ols)
        let minT = try reconciler.reconcile(base, method: .minT(covariance: identity))
        for node in 0..<5 {
            for step in 0..<2 { #expect(abs(ols.values[node][step] - minT.values[node][step]) < 1e-9) }
        }
        expectCoherent(ols, in: hierarchy)
    }

    // Same ŷ = (10, 3, 4), gap g = 10 − 7 = 3. With weights (w_t, w_x, w_y) the multiplier is
    // m = g / (w_t + w_x + w_y) and each bottom moves up by w_bottom · m.
    // Variances (0.01, 1, 1): m = 3 / 2.01 = 1.4925, bottoms 4.4925 and 5.4925, total 9.985, close to 10 (OLS: 9).
    // Variances (1, 0.01, 0.01): m = 3 / 1.02 = 2.941, bottoms move by 0.0294, total 7.0588, close to 7.
    @Test func wlsPullsTowardsTheLowVarianceNodes() throws {
        let hierarchy = try SummingHierarchy(
            bottomIDs: ["x", "y"],
            aggregates: [.init(id: "total", bottomIDs: ["x", "y"])]
        )
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)
        let small: [Double] = [0.1, -0.1, 0.1, -0.1]
        let large: [Double] = [1, -1, 1, -1]

        let trustTotal = try reconciler.reconcile(
            [[10], [3], [4]],
            method: .wlsVariance(residuals: [small, large, large])
        )
        let expectedTrustingTotal: Double = 7 + 2 * 3 / 2.01
        #expect(abs(trustTotal.values[0][0] - expectedTrustingTotal) < 1e-9)
        #expect(trustTotal.values[0][0] > 9.9)

        let trustBottoms = try reconciler.reconcile(
            [[10], [3], [4]],
            method: .wlsVariance(residuals: [large, small, small])
        )
        let expectedTrustingBottoms: Double = 7 + 2 * 0.01 * 3 / 1.02
        #expect(abs(trustBottoms.values[0][0] - expectedTrustingBottoms) < 1e-9)
        #expect(trustBottoms.values[0][0] < 7.1)
    }

    // Residual rows taken from a Sylvester–Hadamard matrix are exactly orthogonal, so every sample
    // correlation is 0, λ = 1 and MinT-shrink must reduce to WLS with the residual variances.
    @Test func shrinkageOfUncorrelatedResidualsIsWLS() throws {
        let hadamard = (1..<8).map { i in
            (0..<8).map { j in (i & j).nonzeroBitCount.isMultiple(of: 2) ? Double(i) : -Double(i) }
        }
        let hierarchy = try twoLevelHierarchy()
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)
        let shrink = try reconciler.reconcile(incoherentBase, method: .minTShrink(residuals: hadamard))
        let wls = try reconciler.reconcile(incoherentBase, method: .wlsVariance(residuals: hadamard))
        #expect(shrink.shrinkageIntensity == 1)
        for node in 0..<7 {
            for step in 0..<3 { #expect(abs(shrink.values[node][step] - wls.values[node][step]) < 1e-9) }
        }
    }

    // A non-diagonal W through the sparse constraint form must match the textbook dense formula
    // ỹ = S (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹ ŷ, computed here with plain Gauss–Jordan inverses.
    @Test func minTMatchesTheDenseFormula() throws {
        let hierarchy = try twoLevelHierarchy()
        var generator = TestNoise(seed: 11)
        let factor = (0..<7).map { _ in (0..<7).map { _ in generator.next() } }
        // W = F·Fᵀ + I is symmetric positive definite.
        let covariance = (0..<7).map { i in
            (0..<7).map { j in (0..<7).reduce(i == j ? 1.0 : 0.0) { $0 + factor[i][$1] * factor[j][$1] } }
        }
        let result = try HierarchyReconciler(hierarchy: hierarchy).reconcile(
            incoherentBase,
            method: .minT(covariance: covariance)
        )

        let s = hierarchy.denseSummingMatrix()
        let wInverse = try #require(invert(covariance))
        let sTWInverse = (0..<4).map { j in (0..<7).map { k in (0..<7).reduce(0.0) { $0 + s[$1][j] * wInverse[$1][k] } }
        }
        let normal = (0..<4).map { j in (0..<4).map { l in (0..<7).reduce(0.0) { $0 + sTWInverse[j][$1] * s[$1][l] } } }
        let normalInverse = try #require(invert(normal))
        for step in 0..<3 {
            let rhs = (0..<4).map { j in (0..<7).reduce(0.0) { $0 + sTWInverse[j][$1] * incoherentBase[$1][step] } }
            let bottoms = (0..<4).map { j in (0..<4).reduce(0.0) { $0 + normalInverse[j][$1] * rhs[$1] } }
            for j in 0..<4 { #expect(abs(result.values[3 + j][step] - bottoms[j]) < 1e-9) }
        }
    }

    // The shrinkage estimator written out directly: Σ̂ = EᵀE/T, r = correlations, w_tij = z_ti·z_tj,
    // Var̂(r_ij) = Σ_t (w_tij − w̄_ij)² / (T(T − 1)), λ = Σ_{i≠j} Var̂(r_ij) / Σ_{i≠j} r_ij², W = Σ̂ with
    // off-diagonals × (1 − λ). MinT-shrink must equal MinT with that W.
    @Test func minTShrinkMatchesADirectEstimate() throws {
        let e = residuals()
        let n = e.count
        let t = Double(e[0].count)
        let sigma = (0..<n).map { i in (0..<n).map { j in zip(e[i], e[j]).reduce(0.0) { $0 + $1.0 * $1.1 } / t } }
        let z = (0..<n).map { i in e[i].map { $0 / sigma[i][i].squareRoot() } }
        var numerator = 0.0
        var denominator = 0.0
        for i in 0..<n {
            for j in 0..<n where i != j {
                let w = zip(z[i], z[j]).map { $0 * $1 }
                let mean = w.reduce(0, +) / t
                numerator += w.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / (t * (t - 1))
                let r = sigma[i][j] / (sigma[i][i] * sigma[j][j]).squareRoot()
                denominator += r * r
            }
        }
        let lambda = min(1, max(0, numerator / denominator))
        let shrunk = (0..<n).map { i in (0..<n).map { j in i == j ? sigma[i][j] : (1 - lambda) * sigma[i][j] } }

        let reconciler = HierarchyReconciler(hierarchy: try twoLevelHierarchy())
        let viaResiduals = try reconciler.reconcile(incoherentBase, method: .minTShrink(residuals: e))
        let viaCovariance = try reconciler.reconcile(incoherentBase, method: .minT(covariance: shrunk))
        #expect(abs((viaResiduals.shrinkageIntensity ?? -1) - lambda) < 1e-12)
        for node in 0..<n {
            for step in 0..<3 {
                #expect(abs(viaResiduals.values[node][step] - viaCovariance.values[node][step]) < 1e-9)
            }
        }
    }

    /// Gauss–Jordan inverse with partial pivoting, for the small reference computations above.
    private func invert(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var a = matrix.enumerated().map { i, row in row + (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-14
            else { return nil }
            a.swapAt(column, pivot)
            let scale = a[column][column]
            a[column] = a[column].map { $0 / scale }
            for row in 0..<n where row != column {
                let multiple = a[row][column]
                a[row] = zip(a[row], a[column]).map { $0 - multiple * $1 }
            }
        }
        return a.map { Array($0[n...]) }
    }

    @Test func shrinkageIntensityIsAProbability() throws {
        let reconciler = HierarchyReconciler(hierarchy: try twoLevelHierarchy())
        let result = try reconciler.reconcile(incoherentBase, method: .minTShrink(residuals: residuals()))
        let lambda = try #require(result.shrinkageIntensity)
        #expect(lambda >= 0 && lambda <= 1)
        // Strongly correlated residuals over many time points need little shrinkage.
        #expect(lambda < 0.5)
    }

    // OLS of ŷ = (1, 3, −2) moves each node by (1 − 1)/3 = 0: the bottom −2 stays negative.
    // Clamping it to 0 and re-summing gives (3, 3, 0).
    @Test func nonNegativeClampsBottomsAndResums() throws {
        let hierarchy = try SummingHierarchy(
            bottomIDs: ["x", "y"],
            aggregates: [.init(id: "total", bottomIDs: ["x", "y"])]
        )
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)
        let plain = try reconciler.reconcile([[1], [3], [-2]], method: .ols)
        #expect(plain.values[2][0] < 0)
        let clamped = try reconciler.reconcile([[1], [3], [-2]], method: .ols, nonNegative: true)
        #expect(clamped.values == [[3], [3], [0]])
    }

    @Test func mismatchedSizesSayWhich() throws {
        let hierarchy = try twoLevelHierarchy()
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)

        let tooFewRows = Array(incoherentBase.prefix(5))
        #expect(throws: ReconciliationError.forecastRowCountMismatch(expected: 7, actual: 5, aggregates: 3, bottoms: 4))
        {
            try reconciler.reconcile(tooFewRows, method: .ols)
        }
        do {
            _ = try reconciler.reconcile(tooFewRows, method: .bottomUp)
        } catch {
            #expect(error.description.contains("5 rows") && error.description.contains("7 nodes"))
        }

        var ragged = incoherentBase
        ragged[4] = [30, 29]
        #expect(throws: ReconciliationError.horizonMismatch(nodeID: "AB", expected: 3, actual: 2)) {
            try reconciler.reconcile(ragged, method: .ols)
        }

        #expect(throws: ReconciliationError.residualRowCountMismatch(expected: 7, actual: 6)) {
            try reconciler.reconcile(incoherentBase, method: .wlsVariance(residuals: residuals(nodes: 6)))
        }
        var shortResiduals = residuals()
        shortResiduals[2].removeLast()
        #expect(throws: ReconciliationError.residualLengthMismatch(nodeID: "B", expected: 40, actual: 39)) {
            try reconciler.reconcile(incoherentBase, method: .minTShrink(residuals: shortResiduals))
        }
        #expect(throws: ReconciliationError.covarianceShapeMismatch(expected: 7, rows: 2, columns: 2)) {
            try reconciler.reconcile(incoherentBase, method: .minT(covariance: [[1, 0], [0, 1]]))
        }
    }

    @Test func invalidWeightsAndForecastsAreReported() throws {
        let reconciler = HierarchyReconciler(hierarchy: try twoLevelHierarchy())
        var notPositive = (0..<7).map { i in (0..<7).map { j in i == j ? 1.0 : 0.0 } }
        notPositive[0][0] = -4
        #expect(throws: ReconciliationError.notPositiveDefinite(system: "aggregate constraint system C·W·Cᵀ", pivot: 0))
        {
            try reconciler.reconcile(incoherentBase, method: .minT(covariance: notPositive))
        }
        var withNaN = incoherentBase
        withNaN[5][1] = .nan
        #expect(throws: ReconciliationError.nonFiniteForecast(nodeID: "BA", step: 1)) {
            try reconciler.reconcile(withNaN, method: .bottomUp)
        }
        let zeros = Array(repeating: Array(repeating: 0.0, count: 10), count: 7)
        #expect(throws: ReconciliationError.zeroResiduals) {
            try reconciler.reconcile(incoherentBase, method: .wlsVariance(residuals: zeros))
        }
    }

    @Test func fullCovarianceHasANodeLimit() throws {
        let hierarchy = try twoLevelHierarchy()
        let reconciler = HierarchyReconciler(hierarchy: hierarchy, fullCovarianceNodeLimit: 5)
        #expect(throws: ReconciliationError.tooLargeForFullCovariance(nodes: 7, limit: 5)) {
            try reconciler.reconcile(incoherentBase, method: .minTShrink(residuals: residuals()))
        }
        // The diagonal methods are not limited.
        expectCoherent(
            try reconciler.reconcile(incoherentBase, method: .wlsVariance(residuals: residuals())),
            in: hierarchy
        )
    }

    // Missing residuals (e.g. a seasonal model's warm-up) drop the whole time point for every node.
    @Test func nonFiniteResidualsAreDropped() throws {
        var withGaps = residuals()
        withGaps[3][0] = .nan
        withGaps[5][1] = .nan
        let trimmed = residuals().map { Array($0.dropFirst(2)) }
        let reconciler = HierarchyReconciler(hierarchy: try twoLevelHierarchy())
        let a = try reconciler.reconcile(incoherentBase, method: .minTShrink(residuals: withGaps))
        let b = try reconciler.reconcile(incoherentBase, method: .minTShrink(residuals: trimmed))
        #expect(a == b)
    }

    // 20 categories × 15 provinces = 300 bottoms; aggregates: 20 categories, 15 provinces, 1 total.
    @Test func crossedHierarchyAtModerateSize() throws {
        let categories = (0..<20).map { "C\($0)" }
        let provinces = (0..<15).map { "P\($0)" }
        let bottoms = categories.flatMap { c in provinces.map { p in "\(c)-\(p)" } }
        let aggregates: [SummingHierarchy.Aggregate] =
            categories.map { c in .init(id: c, bottomIDs: provinces.map { "\(c)-\($0)" }) }
            + provinces.map { p in .init(id: p, bottomIDs: categories.map { "\($0)-\(p)" }) }
            + [.init(id: "Total", bottomIDs: bottoms)]
        let hierarchy = try SummingHierarchy(bottomIDs: bottoms, aggregates: aggregates)
        #expect(hierarchy.nodeCount == 336)

        var generator = TestNoise(seed: 7)
        let base = (0..<hierarchy.nodeCount).map { node in
            (0..<2).map { _ in Double(hierarchy.summingRows[node].count) * (10 + generator.next()) }
        }
        let noise = residuals(nodes: hierarchy.nodeCount, length: 24, seed: 3)
        let reconciler = HierarchyReconciler(hierarchy: hierarchy)
        for method: ReconciliationMethod in [
            .ols, .wlsStructural, .wlsVariance(residuals: noise), .minTShrink(residuals: noise),
        ] {
            expectCoherent(try reconciler.reconcile(base, method: method), in: hierarchy)
        }
    }
}

/// A tiny deterministic noise source for test data (xorshift64*), giving values in [−1, 1).
struct TestNoise {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> Double {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        let value = state &* 0x2545_F491_4F6C_DD1D
        return Double(value >> 11) / Double(1 << 52) - 1
    }
}
