import Dispatch
import Synchronization

/// Finds anomalous orders and lines in columnar order facts: quantity spikes and price deviations against robust
/// baselines (median and a quantile-based σ on a log scale), orders of suspended partners, and duplicate orders.
///
/// Pure: the result depends only on the facts and the thresholds. No labelled data is used.
public struct AnomalyDetector: Sendable {
    public var thresholds: AnomalyThresholds

    public init(thresholds: AnomalyThresholds = AnomalyThresholds()) {
        self.thresholds = thresholds
    }

    /// Every anomaly in `facts`, by order position, then line number (whole-order flags first), then kind.
    /// `orderCodes` gives the codes of order positions (one call, for the earlier orders that duplicates repeat):
    /// the facts carry no order codes, which only a few reasons need.
    ///
    /// The four checks run concurrently. The statistical ones take linear time in the number of lines (counting
    /// sorts on integer keys, quickselect for medians); duplicates sort the orders once.
    public func flags(in facts: OrderFacts, orderCodes: ([Int]) throws -> [Int: String]) rethrows -> [AnomalyFlag] {
        let t = thresholds
        let context = AnomalyContext(facts, ignoredStatuses: t.ignoredStatuses)
        let rules: [@Sendable () -> [AnomalyFlag]] = [
            { QuantitySpikeRule.flags(facts, context, t) },
            { PriceDeviationRule.flags(facts, context, t) },
            { SuspendedPartnerRule.flags(facts, context, t) },
        ]
        let found = Mutex<[AnomalyFlag]>([])
        let duplicates = Mutex<[DuplicateOrderRule.Match]>([])
        DispatchQueue.concurrentPerform(iterations: rules.count + 1) { i in
            if i == rules.count {
                let matches = DuplicateOrderRule.matches(facts, context, t)
                duplicates.withLock { $0 = matches }
            } else {
                let flags = rules[i]()
                found.withLock { $0 += flags }
            }
        }
        var flags = found.withLock { $0 }
        let matches = duplicates.withLock { $0 }
        if !matches.isEmpty {
            let codes = try orderCodes(Array(Set(matches.map(\.earlier))).sorted())
            flags += matches.map { DuplicateOrderRule.flag($0, earlierCode: codes[$0.earlier] ?? "#\($0.earlier)", facts, t) }
        }
        let kinds = AnomalyKind.allCases
        return flags.sorted {
            ($0.order, $0.lineNo ?? 0, kinds.firstIndex(of: $0.kind) ?? 0)
                < ($1.order, $1.lineNo ?? 0, kinds.firstIndex(of: $1.kind) ?? 0)
        }
    }
}
