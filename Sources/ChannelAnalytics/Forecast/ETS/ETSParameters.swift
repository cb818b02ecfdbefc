/// Smoothing parameters of an ETS model, in the error-correction form used by Hyndman et al. (2008).
///
/// With innovation `ε`: the level moves by `α·ε`, the trend by `β·ε` and the seasonal state by `γ·ε`
/// (each scaled appropriately for multiplicative components). The usual region is
/// `0 < α < 1`, `0 < β ≤ α`, `0 < γ ≤ 1 − α` and `0.8 ≤ φ ≤ 0.98`. Parameters a spec does not use are
/// ignored (`β`, `γ` treated as 0 and `φ` as 1).
public struct ETSParameters: Hashable, Sendable {
    public var alpha: Double
    public var beta: Double
    public var gamma: Double
    public var phi: Double

    public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
    }
}
