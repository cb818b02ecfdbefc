/// Finds anomalous orders and lines in columnar order facts: quantity spikes and price deviations against robust
/// baselines (median and a quantile-based σ on a log scale), orders of suspended partners, and duplicate orders.
///
/// Pure: the result depends only on the facts and the thresholds. No labelled data is used. To score new orders
/// often, learn an ``AnomalyModel`` once and score only them.
public struct AnomalyDetector: Sendable {
    public var thresholds: AnomalyThresholds

    public init(thresholds: AnomalyThresholds = AnomalyThresholds()) {
        self.thresholds = thresholds
    }

    /// Every anomaly in `facts`, by order position, then line number (whole-order flags first), then kind.
    /// `orderCodes` gives the codes of order positions (one call, for the earlier orders that duplicates repeat):
    /// the facts carry no order codes, which only a few reasons need.
    ///
    /// Learns an ``AnomalyModel`` from `facts` and scores all their orders. Both take linear time in the number of
    /// lines (counting sorts on integer keys, quickselect for medians), besides one sort of the orders for duplicates.
    public func flags(in facts: OrderFacts, orderCodes: ([Int]) throws -> [Int: String]) rethrows -> [AnomalyFlag] {
        try AnomalyModel(learning: facts, thresholds: thresholds)
            .flags(in: facts, orders: 0..<facts.orders.count, orderCodes: orderCodes)
    }
}
