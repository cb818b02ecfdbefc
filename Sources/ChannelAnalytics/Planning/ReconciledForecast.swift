/// Coherent forecasts for every node of a hierarchy: each aggregate equals the sum of its bottom series.
public struct ReconciledForecast: Sendable, Equatable {
    /// Node identifiers, aggregates first then bottoms (as ``SummingHierarchy/nodeIDs``).
    public let nodeIDs: [String]
    /// Forecasts indexed [node][horizon step], rows in ``nodeIDs`` order.
    public let values: [[Double]]
    /// The shrinkage intensity λ in [0, 1] used by MinT-shrink; nil for the other methods.
    public let shrinkageIntensity: Double?

    /// Creates a result; normally built by ``HierarchyReconciler/reconcile(_:method:nonNegative:)``.
    public init(nodeIDs: [String], values: [[Double]], shrinkageIntensity: Double?) {
        self.nodeIDs = nodeIDs
        self.values = values
        self.shrinkageIntensity = shrinkageIntensity
    }

    /// The forecast row of one node, or nil when the identifier is unknown.
    public func values(for nodeID: String) -> [Double]? {
        nodeIDs.firstIndex(of: nodeID).map { values[$0] }
    }
}
