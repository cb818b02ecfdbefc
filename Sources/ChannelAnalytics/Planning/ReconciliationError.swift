/// Why reconciliation failed; the description says which input is wrong and how.
public enum ReconciliationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The base forecasts do not have one row per node.
    case forecastRowCountMismatch(expected: Int, actual: Int, aggregates: Int, bottoms: Int)
    /// A node's forecast row has a different horizon from the first row.
    case horizonMismatch(nodeID: String, expected: Int, actual: Int)
    /// A base forecast is NaN or infinite.
    case nonFiniteForecast(nodeID: String, step: Int)
    /// The residual matrix does not have one row per node.
    case residualRowCountMismatch(expected: Int, actual: Int)
    /// A node's residual row has a different length from the first row.
    case residualLengthMismatch(nodeID: String, expected: Int, actual: Int)
    /// Fewer than two time points have finite residuals for every node.
    case tooFewResiduals(usable: Int)
    /// All residuals are zero, so no variance can be estimated.
    case zeroResiduals
    /// The supplied covariance matrix is not n_all × n_all.
    case covarianceShapeMismatch(expected: Int, rows: Int, columns: Int)
    /// The supplied covariance matrix has a non-finite entry.
    case nonFiniteCovariance(row: Int, column: Int)
    /// Full-covariance MinT was asked for on more nodes than allowed.
    case tooLargeForFullCovariance(nodes: Int, limit: Int)
    /// A linear system was not positive definite, which means the weights W are not.
    case notPositiveDefinite(system: String, pivot: Int)

    /// A message that says which input is wrong and why.
    public var description: String {
        switch self {
        case .forecastRowCountMismatch(let expected, let actual, let aggregates, let bottoms):
            "Reconciliation: base forecasts have \(actual) rows but the hierarchy has \(expected) nodes "
                + "(\(aggregates) aggregates + \(bottoms) bottoms); pass one row per node in nodeIDs order"
        case .horizonMismatch(let nodeID, let expected, let actual):
            "Reconciliation: base forecast for \"\(nodeID)\" has \(actual) steps but the first node has \(expected)"
        case .nonFiniteForecast(let nodeID, let step):
            "Reconciliation: base forecast for \"\(nodeID)\" at step \(step) is not a finite number"
        case .residualRowCountMismatch(let expected, let actual):
            "Reconciliation: residuals have \(actual) rows but the hierarchy has \(expected) nodes; "
                + "pass one row per node"
        case .residualLengthMismatch(let nodeID, let expected, let actual):
            "Reconciliation: residuals for \"\(nodeID)\" have \(actual) time points but the first node has \(expected)"
        case .tooFewResiduals(let usable):
            "Reconciliation: only \(usable) time points have finite residuals for every node; at least 2 are needed"
        case .zeroResiduals:
            "Reconciliation: all residuals are zero, so the error variances cannot be estimated"
        case .covarianceShapeMismatch(let expected, let rows, let columns):
            "Reconciliation: covariance is \(rows) × \(columns) but must be \(expected) × \(expected) "
                + "(one row and column per node)"
        case .nonFiniteCovariance(let row, let column):
            "Reconciliation: covariance entry [\(row)][\(column)] is not a finite number"
        case .tooLargeForFullCovariance(let nodes, let limit):
            "Reconciliation: full-covariance MinT needs an n × n matrix and is limited to \(limit) nodes, "
                + "but the hierarchy has \(nodes); use wlsVariance, wlsStructural or ols instead"
        case .notPositiveDefinite(let system, let pivot):
            "Reconciliation: the \(system) is not positive definite (pivot \(pivot)); "
                + "the weight matrix W must be positive definite"
        }
    }
}
