/// How base forecasts are made coherent across a ``SummingHierarchy``.
///
/// All methods except bottom-up are projections ỹ = S (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹ ŷ that differ in the weight
/// matrix W, which stands for the covariance of the base forecast errors. Residual matrices have one row
/// per node in ``SummingHierarchy/nodeIDs`` order and one column per time point (in-sample one-step
/// residuals); time points where any node has a non-finite residual are dropped.
public enum ReconciliationMethod: Sendable, Equatable {
    /// Aggregates are the sums of the bottom forecasts; aggregate base forecasts are ignored.
    case bottomUp
    /// Ordinary least squares, W = I: every node's forecast is trusted equally.
    case ols
    /// Structural scaling, W = diag(number of bottom series under each node); needs no residuals.
    case wlsStructural
    /// Weighted least squares with W = diag(mean squared residual of each node) ("MinT-diagonal").
    ///
    /// Cheap, robust and usable at any hierarchy size.
    case wlsVariance(residuals: [[Double]])
    /// MinT with the shrinkage covariance estimator (Wickramasuriya, Athanasopoulos & Hyndman 2019).
    ///
    /// W = λ·diag(Σ̂) + (1 − λ)·Σ̂ with Σ̂ the residual cross-product matrix and λ chosen by the
    /// Schäfer–Strimmer formula. Needs a dense n_all × n_all matrix, so it is limited to
    /// ``HierarchyReconciler/fullCovarianceNodeLimit`` nodes (2,000 by default).
    case minTShrink(residuals: [[Double]])
    /// MinT with a covariance matrix supplied by the caller (n_all × n_all, node order, positive definite).
    ///
    /// Subject to the same node limit as ``minTShrink(residuals:)``.
    case minT(covariance: [[Double]])
}
