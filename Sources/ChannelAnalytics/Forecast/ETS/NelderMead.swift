/// Derivative-free minimisation of a function of a few variables inside a box (Nelder & Mead 1965).
///
/// Uses the dimension-adaptive reflection/expansion/contraction/shrink coefficients of Gao & Han (2012),
/// which behave better than the classic 1/2/½/½ beyond three or four variables. Box bounds are kept by
/// projecting every trial point onto the box; other constraints are the objective's business (return a
/// large value or `.infinity`, which always loses a comparison). After convergence the search restarts
/// from the best point with a fresh simplex (`restarts` times), which guards against a simplex that
/// collapsed early.
///
/// Allocation happens once per call, not per evaluation: the objective receives the same trial buffers
/// each time, so it must not keep them.
public struct NelderMead: Sendable {
    /// The best point found.
    public struct Result: Sendable {
        public let point: [Double]
        public let value: Double
        /// Number of objective evaluations used.
        public let evaluations: Int
        /// True when the simplex met the tolerance before the evaluation budget ran out.
        public let converged: Bool
    }

    /// Budget of objective evaluations over all restarts.
    public var maxEvaluations: Int
    /// Stop when the spread of the simplex's values is below `tolerance · (|best| + tolerance)`.
    public var tolerance: Double
    /// Fresh simplices to try from the best point after convergence.
    public var restarts: Int

    public init(maxEvaluations: Int = 2_000, tolerance: Double = 1e-8, restarts: Int = 1) {
        self.maxEvaluations = maxEvaluations
        self.tolerance = tolerance
        self.restarts = restarts
    }

    /// Convenience form with the most common settings.
    public static func minimize(
        _ f: ([Double]) -> Double,
        start: [Double],
        lower: [Double],
        upper: [Double],
        maxIterations: Int,
        tolerance: Double
    ) -> Result {
        NelderMead(maxEvaluations: maxIterations, tolerance: tolerance).minimize(f, start: start, lower: lower, upper: upper)
    }

    /// Minimises `f` from `start` inside `lower ... upper` (use `±.infinity` for unbounded variables).
    ///
    /// - Parameter steps: initial simplex edge per variable; by default 10 % of a finite range, otherwise
    ///   5 % of `|start|` (or 0.00025 at zero).
    /// - Returns: the best point; `start` itself (projected onto the box) when `start` is empty.
    public func minimize(
        _ f: ([Double]) -> Double,
        start: [Double],
        lower: [Double],
        upper: [Double],
        steps: [Double]? = nil
    ) -> Result {
        let d = start.count
        var x0 = start
        for i in 0..<d { x0[i] = clamp(x0[i], lower: bound(lower, i, -.infinity), upper: bound(upper, i, .infinity)) }
        guard d > 0 else { return Result(point: x0, value: f(x0), evaluations: 1, converged: true) }
        var initialSteps = [Double](repeating: 0, count: d)
        for i in 0..<d {
            let lo = bound(lower, i, -.infinity)
            let hi = bound(upper, i, .infinity)
            if let steps, i < steps.count, steps[i] != 0 {
                initialSteps[i] = steps[i]
            } else if lo.isFinite && hi.isFinite && hi > lo {
                initialSteps[i] = 0.1 * (hi - lo)
            } else {
                initialSteps[i] = x0[i] == 0 ? 0.00025 : 0.05 * abs(x0[i])
            }
        }

        var search = Search(dimension: d, lower: lower, upper: upper)
        var best = x0
        var bestValue = f(x0)
        var evaluations = 1
        var converged = false
        var round = 0
        while round <= restarts && evaluations < maxEvaluations {
            let previous = bestValue
            let outcome = search.run(
                f, from: best, value: bestValue, steps: initialSteps,
                budget: maxEvaluations - evaluations, tolerance: tolerance)
            evaluations += outcome.evaluations
            converged = outcome.converged
            if outcome.value <= bestValue {
                best = outcome.point
                bestValue = outcome.value
            }
            round += 1
            // A restart that gains nothing measurable means the optimum is genuine.
            if round > 1 && previous - bestValue <= tolerance * (abs(bestValue) + tolerance) { break }
        }
        return Result(point: best, value: bestValue, evaluations: evaluations, converged: converged)
    }

    private func bound(_ values: [Double], _ i: Int, _ fallback: Double) -> Double {
        i < values.count ? values[i] : fallback
    }
}

/// The working storage of one Nelder–Mead search.
private struct Search {
    let d: Int
    let lower: [Double]
    let upper: [Double]
    let reflection = 1.0
    let expansion: Double
    let contraction: Double
    let shrink: Double
    var vertices: [[Double]]
    var values: [Double]
    var centroid: [Double]
    var reflected: [Double]
    var trial: [Double]

    init(dimension d: Int, lower: [Double], upper: [Double]) {
        self.d = d
        self.lower = (0..<d).map { $0 < lower.count ? lower[$0] : -.infinity }
        self.upper = (0..<d).map { $0 < upper.count ? upper[$0] : .infinity }
        let n = Double(d)
        if d >= 2 {
            expansion = 1 + 2 / n
            contraction = 0.75 - 1 / (2 * n)
            shrink = 1 - 1 / n
        } else {
            expansion = 2
            contraction = 0.5
            shrink = 0.5
        }
        vertices = [[Double]](repeating: [Double](repeating: 0, count: d), count: d + 1)
        values = [Double](repeating: .infinity, count: d + 1)
        centroid = [Double](repeating: 0, count: d)
        reflected = centroid
        trial = centroid
    }

    mutating func run(
        _ f: ([Double]) -> Double,
        from start: [Double],
        value startValue: Double,
        steps: [Double],
        budget: Int,
        tolerance: Double
    ) -> (point: [Double], value: Double, evaluations: Int, converged: Bool) {
        var evaluations = 0
        vertices[0] = start
        values[0] = startValue
        for i in 0..<d {
            var vertex = start
            var moved = clamp(start[i] + steps[i], lower: lower[i], upper: upper[i])
            if moved == start[i] { moved = clamp(start[i] - steps[i], lower: lower[i], upper: upper[i]) }
            vertex[i] = moved
            vertices[i + 1] = vertex
            values[i + 1] = f(vertex)
            evaluations += 1
        }
        var converged = false
        while evaluations < budget {
            var best = 0
            var worst = 0
            for i in 1...d {
                if values[i] < values[best] { best = i }
                if values[i] > values[worst] { worst = i }
            }
            var secondWorst = best
            for i in 0...d where i != worst && values[i] > values[secondWorst] { secondWorst = i }

            let spread = values[worst] - values[best]
            if values[best].isFinite && spread <= tolerance * (abs(values[best]) + tolerance) {
                converged = true
                break
            }
            if simplexIsFlat(best: best) {
                converged = true
                break
            }

            for j in 0..<d {
                var sum = 0.0
                for i in 0...d where i != worst { sum += vertices[i][j] }
                centroid[j] = sum / Double(d)
            }
            for j in 0..<d {
                reflected[j] = clamp(
                    centroid[j] + reflection * (centroid[j] - vertices[worst][j]), lower: lower[j], upper: upper[j])
            }
            let reflectedValue = f(reflected)
            evaluations += 1

            if reflectedValue < values[best] {
                for j in 0..<d {
                    trial[j] = clamp(
                        centroid[j] + expansion * (reflected[j] - centroid[j]), lower: lower[j], upper: upper[j])
                }
                let expandedValue = f(trial)
                evaluations += 1
                if expandedValue < reflectedValue {
                    replace(worst, with: trial, value: expandedValue)
                } else {
                    replace(worst, with: reflected, value: reflectedValue)
                }
                continue
            }
            if reflectedValue < values[secondWorst] {
                replace(worst, with: reflected, value: reflectedValue)
                continue
            }
            // Contract: outside if the reflection helped a little, inside otherwise.
            let outside = reflectedValue < values[worst]
            for j in 0..<d {
                let towards = outside ? reflected[j] : vertices[worst][j]
                trial[j] = clamp(centroid[j] + contraction * (towards - centroid[j]), lower: lower[j], upper: upper[j])
            }
            let contractedValue = f(trial)
            evaluations += 1
            if contractedValue < (outside ? reflectedValue : values[worst]) {
                replace(worst, with: trial, value: contractedValue)
                continue
            }
            // Shrink every vertex towards the best one.
            for i in 0...d where i != best {
                for j in 0..<d {
                    vertices[i][j] = vertices[best][j] + shrink * (vertices[i][j] - vertices[best][j])
                }
                values[i] = f(vertices[i])
                evaluations += 1
            }
        }
        var best = 0
        for i in 1...d where values[i] < values[best] { best = i }
        return (vertices[best], values[best], evaluations, converged)
    }

    private mutating func replace(_ index: Int, with point: [Double], value: Double) {
        for j in 0..<d { vertices[index][j] = point[j] }
        values[index] = value
    }

    /// True when every vertex sits on the best one to within rounding.
    private func simplexIsFlat(best: Int) -> Bool {
        for i in 0...d where i != best {
            for j in 0..<d {
                let scale = Swift.max(abs(vertices[best][j]), 1)
                if abs(vertices[i][j] - vertices[best][j]) > 1e-12 * scale { return false }
            }
        }
        return true
    }
}

@inline(__always)
private func clamp(_ x: Double, lower: Double, upper: Double) -> Double {
    Swift.min(Swift.max(x, lower), upper)
}
