/// The maximum-likelihood search behind ``ETSModel``, split in two stages so that automatic selection can
/// screen many specs cheaply and spend the expensive stage only on the front runners.
///
/// - ``screen(_:seasonLength:spec:scale:warmStart:)`` optimises the smoothing parameters with the initial
///   level and trend; seasonal initial states stay at the decomposition heuristic.
/// - ``refine(_:)`` continues from there with every parameter and initial state free.
struct ETSEstimator {
    /// One optimised parameter vector (see ``ETSObjective`` for the layout) and its `−2 log L`.
    struct Candidate {
        var objective: ETSObjective
        var point: [Double]
        var value: Double
        var spec: ETSSpec { objective.spec }

        /// AICc implied by `value`, for screening.
        func aicc(seasonLength: Int) -> Double {
            let k = Double(ETSFit.parameterCount(spec: spec, seasonLength: seasonLength))
            let n = Double(objective.y.count)
            guard n - k - 1 > 0 else { return .infinity }
            return value + 2 * k + 2 * k * (k + 1) / (n - k - 1)
        }
    }

    /// Typical size of one-step changes in the series, which sets the optimiser's step sizes for states.
    static func noiseScale(_ y: [Double]) -> Double {
        guard y.count > 1 else { return Swift.max(abs(y.first ?? 1) * 0.01, 1e-8) }
        var sum = 0.0
        for t in 1..<y.count { sum += abs(y[t] - y[t - 1]) }
        let meanChange = sum / Double(y.count - 1)
        if meanChange > 0 { return meanChange }
        let meanLevel = y.reduce(0) { $0 + abs($1) } / Double(y.count)
        return Swift.max(meanLevel * 0.01, 1e-8)
    }

    /// Stage 1: smoothing parameters, initial level and trend.
    ///
    /// - Parameter warmStart: a candidate of a spec with the same vector layout (the same spec with the other
    ///   error type); its point starts the search with smaller steps.
    static func screen(
        _ y: [Double],
        seasonLength: Int,
        spec: ETSSpec,
        scale: Double,
        warmStart: Candidate? = nil
    ) -> Candidate {
        var objective = ETSObjective(y, seasonLength: seasonLength, spec: spec)
        let (lower, upper, baseSteps) = objective.bounds(scale: scale)
        var initial: [Double]
        var steps = baseSteps
        if let warm = warmStart, warm.point.count == objective.dimension, warm.spec.season == spec.season,
            warm.spec.trend == spec.trend
        {
            initial = warm.point
            steps = steps.map { $0 * 0.3 }
        } else {
            let state = ETSStartingValues.initialState(y, seasonLength: seasonLength, spec: spec)
            initial = objective.vector(
                alpha: spec.hasSeason ? 0.2 : 0.3, betaRatio: 0.1, gammaRatio: 0.1, phi: 0.95, state: state)
        }
        let free = objective.nonSeasonalIndices
        var scratch = initial
        let result = NelderMead(maxEvaluations: 100 * free.count, tolerance: 1e-7, restarts: 1).minimize(
            { sub in
                for (k, i) in free.enumerated() { scratch[i] = sub[k] }
                return objective.value(scratch)
            },
            start: free.map { initial[$0] },
            lower: free.map { lower[$0] },
            upper: free.map { upper[$0] },
            steps: free.map { steps[$0] })
        var point = initial
        for (k, i) in free.enumerated() { point[i] = result.point[k] }
        return Candidate(objective: objective, point: point, value: result.value)
    }

    /// Stage 2: all parameters and initial states together, from a screened candidate. A no-op for
    /// non-seasonal specs, whose stage 1 already covers every free quantity.
    static func refine(_ candidate: Candidate, scale: Double) -> Candidate {
        var objective = candidate.objective
        let free = objective.nonSeasonalIndices
        guard free.count < objective.dimension else { return candidate }
        let (lower, upper, steps) = objective.bounds(scale: scale)
        let result = NelderMead(maxEvaluations: 50 * objective.dimension, tolerance: 1e-7, restarts: 0).minimize(
            { x in objective.value(x) },
            start: candidate.point, lower: lower, upper: upper, steps: steps.map { $0 * 0.5 })
        guard result.value < candidate.value else { return candidate }
        return Candidate(objective: objective, point: result.point, value: result.value)
    }
}
