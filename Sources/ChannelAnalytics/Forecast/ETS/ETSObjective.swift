/// `−2 log L` of one spec as a function of a flat parameter vector, for the optimiser.
///
/// Vector layout: `[α, β*, γ*, φ, ℓ₀, b₀, s₀ … s_{m−2}]`, keeping only the entries the spec uses.
/// The smoothing parameters are re-expressed so that the usual region becomes a box:
/// `β = α·β*` and `γ = (1 − α)·γ*` with `β*, γ* ∈ (0, 1)`, which is exactly `β ≤ α` and `γ ≤ 1 − α`.
/// The last seasonal state is not free: it makes the seasonal states sum to 0 (additive) or `m`
/// (multiplicative), so level and season cannot trade places.
struct ETSObjective {
    let spec: ETSSpec
    /// Number of seasonal states (0 without a season).
    let m: Int
    let y: [Double]
    let varianceFloor: Double
    let betaIndex: Int?
    let gammaIndex: Int?
    let phiIndex: Int?
    let levelIndex: Int
    let trendIndex: Int?
    let seasonStart: Int?
    let dimension: Int
    /// Scratch buffer for the seasonal states during one pass.
    private var season: [Double]

    static let alphaRange = 1e-4...0.9999
    static let ratioRange = 1e-4...0.9999
    static let phiRange = 0.8...0.98

    init(_ y: [Double], seasonLength: Int, spec: ETSSpec) {
        self.spec = spec
        self.y = y
        m = spec.hasSeason ? seasonLength : 0
        var next = 1
        func take(_ used: Bool) -> Int? {
            guard used else { return nil }
            defer { next += 1 }
            return next
        }
        betaIndex = take(spec.hasTrend)
        gammaIndex = take(spec.hasSeason)
        phiIndex = take(spec.isDamped)
        levelIndex = next
        next += 1
        trendIndex = take(spec.hasTrend)
        seasonStart = spec.hasSeason ? next : nil
        dimension = next + (spec.hasSeason ? m - 1 : 0)
        season = [Double](repeating: 0, count: m)
        if spec.error == .multiplicative {
            varianceFloor = 1e-24
        } else {
            let meanSquare = y.reduce(0) { $0 + $1 * $1 } / Double(Swift.max(y.count, 1))
            varianceFloor = Swift.max(1e-24 * meanSquare, 1e-300)
        }
    }

    /// Indices of the smoothing parameters and the level/trend states (everything but the seasonal states).
    var nonSeasonalIndices: [Int] { Array(0..<(seasonStart ?? dimension)) }

    /// Smoothing parameters in the error-correction form reported to callers.
    func parameters(_ x: [Double]) -> ETSParameters {
        let alpha = x[0]
        return ETSParameters(
            alpha: alpha,
            beta: betaIndex.map { alpha * x[$0] } ?? 0,
            gamma: gammaIndex.map { (1 - alpha) * x[$0] } ?? 0,
            phi: phiIndex.map { x[$0] } ?? 1)
    }

    func dynamics(_ x: [Double]) -> ETSDynamics {
        let alpha = x[0]
        return ETSDynamics(
            spec: spec,
            alpha: alpha,
            betaOverAlpha: betaIndex.map { x[$0] } ?? 0,
            gamma: gammaIndex.map { (1 - alpha) * x[$0] } ?? 0,
            phi: phiIndex.map { x[$0] } ?? 1)
    }

    /// The initial state encoded in `x`, including the implied last seasonal state.
    func initialState(_ x: [Double]) -> ETSState {
        var states = [Double](repeating: 0, count: m)
        fillSeason(x, into: &states)
        return ETSState(level: x[levelIndex], trend: trendIndex.map { x[$0] } ?? neutralTrend, season: states)
    }

    private var neutralTrend: Double {
        spec.trend == .multiplicative || spec.trend == .multiplicativeDamped ? 1 : 0
    }

    @inline(__always)
    private func fillSeason(_ x: [Double], into states: inout [Double]) {
        guard let start = seasonStart, m > 0 else { return }
        var sum = 0.0
        for j in 0..<(m - 1) {
            states[j] = x[start + j]
            sum += x[start + j]
        }
        states[m - 1] = spec.season == .multiplicative ? Double(m) - sum : -sum
    }

    /// Encodes smoothing values and a state as a vector (inverse of the accessors above).
    func vector(alpha: Double, betaRatio: Double, gammaRatio: Double, phi: Double, state: ETSState) -> [Double] {
        var x = [Double](repeating: 0, count: dimension)
        x[0] = alpha
        if let i = betaIndex { x[i] = betaRatio }
        if let i = gammaIndex { x[i] = gammaRatio }
        if let i = phiIndex { x[i] = phi }
        x[levelIndex] = state.level
        if let i = trendIndex { x[i] = state.trend }
        if let start = seasonStart {
            for j in 0..<(m - 1) where j < state.season.count { x[start + j] = state.season[j] }
        }
        return x
    }

    /// Box bounds and initial simplex steps; `scale` is the data's spread.
    func bounds(scale: Double) -> (lower: [Double], upper: [Double], steps: [Double]) {
        var lower = [Double](repeating: -.infinity, count: dimension)
        var upper = [Double](repeating: .infinity, count: dimension)
        var steps = [Double](repeating: 0.1 * scale, count: dimension)
        lower[0] = Self.alphaRange.lowerBound
        upper[0] = Self.alphaRange.upperBound
        steps[0] = 0.1
        for index in [betaIndex, gammaIndex].compactMap({ $0 }) {
            lower[index] = Self.ratioRange.lowerBound
            upper[index] = Self.ratioRange.upperBound
            steps[index] = 0.1
        }
        if let i = phiIndex {
            lower[i] = Self.phiRange.lowerBound
            upper[i] = Self.phiRange.upperBound
            steps[i] = 0.03
        }
        if let i = trendIndex {
            if neutralTrend == 1 {
                lower[i] = 0.5
                upper[i] = 2
                steps[i] = 0.01
            } else {
                steps[i] = 0.01 * scale
            }
        }
        if let start = seasonStart, spec.season == .multiplicative {
            for j in 0..<(m - 1) {
                lower[start + j] = 1e-3
                steps[start + j] = 0.05
            }
        }
        return (lower, upper, steps)
    }

    /// `−2 log L` at `x`; `.infinity` outside the admissible region.
    mutating func value(_ x: [Double]) -> Double {
        let dynamics = dynamics(x)
        var level = x[levelIndex]
        var trend = trendIndex.map { x[$0] } ?? neutralTrend
        fillSeason(x, into: &season)
        if spec.season == .multiplicative && m > 0 && !(season[m - 1] > 0) { return .infinity }
        let multiplicativeError = spec.error == .multiplicative
        let check = spec.needsPositiveData
        let pass = y.withUnsafeBufferPointer { yBuffer in
            season.withUnsafeMutableBufferPointer { seasonBuffer in
                ETSFilter.run(
                    dynamics, multiplicativeError: multiplicativeError, checkPositivity: check, y: yBuffer,
                    level: &level, trend: &trend, season: seasonBuffer, fitted: nil, residuals: nil)
            }
        }
        return ETSFilter.minusTwoLogLikelihood(pass, count: y.count, varianceFloor: varianceFloor)
    }
}
