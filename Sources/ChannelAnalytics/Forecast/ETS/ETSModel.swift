import Foundation

/// Fitting and automatic selection of exponential smoothing state-space (ETS) models.
///
/// Each model describes the series by a level `ℓ`, optionally a trend `b` and `m` seasonal states `s`,
/// all updated by one innovation `εₜ` per observation (the "single source of error" form of Hyndman,
/// Koehler, Snyder & Grose 2002; Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, ch. 8).
/// The one-step forecast is `ŷₜ = (ℓ ⊕ φb) ⊗ s` with `⊕`/`⊗` additive or multiplicative per the spec; the
/// observation is `ŷₜ + εₜ` (additive error) or `ŷₜ(1 + εₜ)` (multiplicative error), `εₜ ~ N(0, σ²)`.
///
/// Estimation is maximum likelihood with `σ²` concentrated out:
/// `−2 log L = n·log(2π·SSE/n) + n (+ 2 Σ log|ŷₜ| for multiplicative error)`, where SSE sums the squared
/// (relative, for multiplicative error) innovations. The smoothing parameters, the initial level and trend
/// and `m − 1` free seasonal states are optimised with ``NelderMead``, starting from the classical
/// decomposition heuristic. The search runs in two stages: first smoothing parameters with level and trend
/// (seasonal states held at the heuristic), then everything together from there, with a bounded budget.
/// Parameters are kept in the usual region `α ∈ (0, 1)`, `β ≤ α`, `γ ≤ 1 − α`, `φ ∈ [0.8, 0.98]`;
/// parameter sets that make a multiplicative model's forecasts, level, growth or seasonal factors
/// non-positive get an infinite penalty.
///
/// Information criteria use `k` = smoothing parameters + free initial states + 1 (the variance):
/// AIC = −2 log L + 2k, AICc = AIC + 2k(k + 1)/(n − k − 1), BIC = −2 log L + k·log n.
public enum ETSModel {
    /// Fits one spec by maximum likelihood; nil when ``estimate(_:seasonLength:spec:)`` would throw.
    public static func fit(_ y: [Double], seasonLength: Int, spec: ETSSpec) -> ETSFit? {
        try? estimate(y, seasonLength: seasonLength, spec: spec)
    }

    /// Fits every admissible spec and returns the one with the lowest AICc; nil when
    /// ``select(_:seasonLength:candidates:)`` would throw.
    public static func auto(_ y: [Double], seasonLength: Int) -> ETSFit? {
        try? select(y, seasonLength: seasonLength)
    }

    /// The fewest observations ``estimate(_:seasonLength:spec:)`` accepts for a spec.
    ///
    /// At least four more than the number of estimated parameters and initial states (so AICc is finite
    /// and the variance has some degrees of freedom), and for seasonal specs two full seasons plus three.
    public static func minimumCount(spec: ETSSpec, seasonLength m: Int) -> Int {
        let estimated = ETSFit.parameterCount(spec: spec, seasonLength: m) - 1
        let seasonal = spec.hasSeason ? 2 * m + 3 : 0
        return Swift.max(estimated + 4, seasonal)
    }

    /// Fits one spec by maximum likelihood.
    ///
    /// - Throws: ``ETSError`` for empty or non-finite data, a bad season length, a seasonal spec with
    ///   `seasonLength == 1`, a multiplicative spec on data with values ≤ 0, a series shorter than
    ///   ``minimumCount(spec:seasonLength:)``, or when no admissible parameters exist.
    public static func estimate(_ y: [Double], seasonLength: Int, spec: ETSSpec) throws(ETSError) -> ETSFit {
        try validate(y, seasonLength: seasonLength, spec: spec)
        let required = minimumCount(spec: spec, seasonLength: seasonLength)
        guard y.count >= required else { throw .seriesTooShort(spec, count: y.count, required: required) }

        let scale = ETSEstimator.noiseScale(y)
        let screened = ETSEstimator.screen(y, seasonLength: seasonLength, spec: spec, scale: scale)
        return try finish(ETSEstimator.refine(screened, scale: scale), seasonLength: seasonLength)
    }

    /// Builds a fit from given parameters and initial state, without optimising.
    ///
    /// Useful for checking numbers by hand, for what-if forecasts and for simulation studies. Information
    /// criteria count the parameters as if they had been estimated.
    ///
    /// - Throws: ``ETSError`` for invalid input, a season state count other than `seasonLength` for
    ///   seasonal specs (reported as ``ETSError/invalidSeasonLength(_:)``), or a pass that leaves the
    ///   admissible region.
    public static func evaluate(
        _ y: [Double],
        seasonLength: Int,
        spec: ETSSpec,
        parameters: ETSParameters,
        initialState: ETSState
    ) throws(ETSError) -> ETSFit {
        try validate(y, seasonLength: seasonLength, spec: spec)
        var state = initialState
        if !spec.hasSeason { state.season = [] }
        if !spec.hasTrend {
            state.trend = spec.trend == .multiplicative || spec.trend == .multiplicativeDamped ? 1 : 0
        }
        guard !spec.hasSeason || state.season.count == seasonLength else {
            throw .invalidSeasonLength(state.season.count)
        }
        return try finish(y, seasonLength: seasonLength, spec: spec, parameters: parameters, initialState: state)
    }

    /// Fits the candidates and returns the lowest AICc.
    ///
    /// - Parameter candidates: specs to try; by default ``ETSSpec/all(seasonal:positive:multiplicativeTrend:)``
    ///   with `seasonal` true when `seasonLength > 1` and the series has at least `2·seasonLength + 3` points,
    ///   and `positive` true when every value is > 0. Candidates too long for the series are skipped.
    ///
    /// A constant series gets ETS(A,N,N) with `α = 0.9999` and the constant as level (every model fits it
    /// perfectly, so the criteria cannot choose).
    ///
    /// - Throws: ``ETSError/seriesTooShort(_:count:required:)`` (for ETS(A,N,N)) when even the simplest
    ///   model does not fit the length; ``ETSError/noCandidateFitted`` when every candidate failed.
    public static func select(
        _ y: [Double],
        seasonLength: Int,
        candidates: [ETSSpec]? = nil
    ) throws(ETSError) -> ETSFit {
        let simplest = ETSSpec()
        try validate(y, seasonLength: seasonLength, spec: simplest)
        if let first = y.first, let low = y.min(), let high = y.max(),
            high - low <= 1e-12 * Swift.max(1, abs(first))
        {
            return try evaluate(
                y, seasonLength: seasonLength, spec: simplest, parameters: ETSParameters(alpha: 0.9999),
                initialState: ETSState(level: first))
        }
        let seasonal = seasonLength > 1 && y.count >= 2 * seasonLength + 3
        let positive = y.allSatisfy { $0 > 0 }
        let specs = candidates ?? ETSSpec.all(seasonal: seasonal, positive: positive)
        let usable = specs.filter { y.count >= minimumCount(spec: $0, seasonLength: seasonLength) }
        guard !usable.isEmpty else {
            throw .seriesTooShort(simplest, count: y.count, required: minimumCount(spec: simplest, seasonLength: 1))
        }
        // Screen every candidate (stage 1), warm-starting multiplicative-error specs from their
        // additive-error twins; then refine the front runners (stage 2) and pick the lowest AICc.
        let scale = ETSEstimator.noiseScale(y)
        var screened: [ETSEstimator.Candidate] = []
        for spec in usable {
            var twin = spec
            twin.error = .additive
            let warm = spec.error == .multiplicative ? screened.first { $0.spec == twin } : nil
            let candidate = ETSEstimator.screen(y, seasonLength: seasonLength, spec: spec, scale: scale, warmStart: warm)
            if candidate.value.isFinite { screened.append(candidate) }
        }
        screened.sort { $0.aicc(seasonLength: seasonLength) < $1.aicc(seasonLength: seasonLength) }
        guard let leader = screened.first else { throw .noCandidateFitted }
        let cutoff = leader.aicc(seasonLength: seasonLength) + refinementMargin
        var best: ETSFit?
        for candidate in screened.prefix(refinementCount) where candidate.aicc(seasonLength: seasonLength) <= cutoff {
            let refined = ETSEstimator.refine(candidate, scale: scale)
            guard let fit = try? finish(refined, seasonLength: seasonLength), fit.aicc.isFinite else { continue }
            if let current = best, current.aicc <= fit.aicc { continue }
            best = fit
        }
        guard let best else { throw .noCandidateFitted }
        return best
    }

    /// How many screened candidates ``select(_:seasonLength:candidates:)`` refines at most.
    static let refinementCount = 3
    /// Screened candidates further than this (in AICc) behind the leader are not refined.
    static let refinementMargin = 20.0

    // MARK: - Helpers

    private static func validate(_ y: [Double], seasonLength: Int, spec: ETSSpec) throws(ETSError) {
        guard !y.isEmpty else { throw .emptySeries }
        guard seasonLength >= 1 else { throw .invalidSeasonLength(seasonLength) }
        if let index = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteObservation(index: index) }
        if spec.hasSeason && seasonLength == 1 { throw .seasonalSpecWithoutSeason(spec) }
        if spec.needsPositiveData && y.contains(where: { $0 <= 0 }) { throw .nonPositiveData(spec) }
    }

    /// Turns an optimised candidate into a fit.
    private static func finish(_ candidate: ETSEstimator.Candidate, seasonLength: Int) throws(ETSError) -> ETSFit {
        guard candidate.value.isFinite else { throw .noAdmissibleParameters(candidate.spec) }
        let objective = candidate.objective
        return try finish(
            objective.y, seasonLength: seasonLength, spec: objective.spec,
            parameters: objective.parameters(candidate.point), initialState: objective.initialState(candidate.point))
    }

    /// Runs the recursion once more, keeping fitted values, residuals and the final state.
    private static func finish(
        _ y: [Double],
        seasonLength: Int,
        spec: ETSSpec,
        parameters: ETSParameters,
        initialState: ETSState
    ) throws(ETSError) -> ETSFit {
        let n = y.count
        let dynamics = ETSDynamics(spec: spec, parameters: parameters)
        var fitted = [Double](repeating: 0, count: n)
        var residuals = [Double](repeating: 0, count: n)
        var level = initialState.level
        var trend = initialState.trend
        var season = initialState.season
        let pass = y.withUnsafeBufferPointer { yBuffer in
            season.withUnsafeMutableBufferPointer { seasonBuffer in
                fitted.withUnsafeMutableBufferPointer { fittedBuffer in
                    residuals.withUnsafeMutableBufferPointer { residualBuffer in
                        ETSFilter.run(
                            dynamics, multiplicativeError: spec.error == .multiplicative,
                            checkPositivity: spec.needsPositiveData, y: yBuffer, level: &level, trend: &trend,
                            season: seasonBuffer, fitted: fittedBuffer, residuals: residualBuffer)
                    }
                }
            }
        }
        guard pass.admissible else { throw .noAdmissibleParameters(spec) }
        let objective = ETSObjective(y, seasonLength: seasonLength, spec: spec)
        let minusTwoLogL = ETSFilter.minusTwoLogLikelihood(pass, count: n, varianceFloor: objective.varianceFloor)
        return ETSFit(
            spec: spec, seasonLength: seasonLength, parameters: parameters, minusTwoLogLikelihood: minusTwoLogL,
            sumOfSquares: pass.sumOfSquares, fitted: fitted, residuals: residuals, initialState: initialState,
            finalState: ETSState(level: level, trend: trend, season: season))
    }
}
