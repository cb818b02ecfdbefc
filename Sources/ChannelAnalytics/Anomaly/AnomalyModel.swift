import Dispatch
import Synchronization

/// What the anomaly checks learn from history, kept so that new orders can be scored in a few lookups per line: the
/// quantity and price baselines, the latest order day, and the days on which each partner ordered each basket.
///
/// Learning reads every order once (a few seconds for ten million lines); scoring reads only the orders asked for and,
/// for duplicates, the orders of the days they cover. ``AnomalyDetector/flags(in:orderCodes:)`` is learning from the
/// facts and scoring all of them.
public struct AnomalyModel: Sendable {
    /// The thresholds learnt and scored with.
    public let thresholds: AnomalyThresholds
    let segments: SegmentLayout
    let quantity: QuantitySpikeRule
    let price: PriceDeviationRule
    let suspended: SuspendedPartnerRule
    let duplicates: DuplicateOrderRule

    /// Learns every baseline from the orders of `facts` whose status is not ignored.
    public init(learning facts: OrderFacts, thresholds: AnomalyThresholds = AnomalyThresholds()) {
        let t = thresholds
        let segments = SegmentLayout(facts)
        let context = AnomalyContext(
            facts, orders: 0..<facts.orders.count, ignoredStatuses: t.ignoredStatuses, segments: segments)
        // Two halves of about equal work.
        let (quantity, (price, duplicates)) = Self.concurrently(
            { QuantitySpikeRule(learning: context, facts, segments: segments, t) },
            {
                let price = PriceDeviationRule(learning: context, facts, segments: segments)
                return (price, DuplicateOrderRule(learning: context, facts))
            })
        self.thresholds = t
        self.segments = segments
        self.quantity = quantity
        self.price = price
        suspended = SuspendedPartnerRule(learning: context, facts)
        self.duplicates = duplicates
    }

    /// The anomalies among `orders` (positions in `facts`, in any order; those outside `facts` or of an ignored
    /// status are skipped), sorted by order position, then line number (whole-order flags first), then kind.
    ///
    /// `facts` are the facts learnt from or later ones that extend them: positions of partners, products and orders
    /// keep their meaning, and rows added since (new orders, partners or SKUs) are scored against what was learnt (a
    /// new partner or SKU has no history). Duplicates are looked for among all orders on the days that `orders`
    /// cover, and only those in `orders` are flagged. `orderCodes` gives the codes of order positions (one call, for
    /// the earlier orders that duplicates repeat).
    ///
    /// Scored on the facts learnt from, a subset of orders gets exactly the subset of the flags of all orders.
    @inlinable
    public func flags(
        in facts: OrderFacts, orders: some Sequence<Int>, orderCodes: ([Int]) throws -> [Int: String]
    ) rethrows -> [AnomalyFlag] {
        // Inlined so that the caller's sequence is copied by code specialized for it, not element by element
        // through generic witnesses.
        try flags(in: facts, positions: Array(orders), orderCodes: orderCodes)
    }

    /// ``flags(in:orders:orderCodes:)`` of an array of positions.
    @usableFromInline
    func flags(
        in facts: OrderFacts, positions: [Int], orderCodes: ([Int]) throws -> [Int: String]
    ) rethrows -> [AnomalyFlag] {
        let t = thresholds
        let sorted = positions.filter { $0 >= 0 && $0 < facts.orders.count }.sorted()
        let distinct = sorted.indices.lazy.filter { $0 == 0 || sorted[$0] != sorted[$0 - 1] }.map { sorted[$0] }
        let context = AnomalyContext(facts, orders: distinct, ignoredStatuses: t.ignoredStatuses, segments: segments)
        let rules: [@Sendable () -> [AnomalyFlag]] = [
            { [quantity] in quantity.flags(context, facts, t) },
            { [price] in price.flags(context, facts, t) },
            { [suspended] in suspended.flags(context, facts, t) },
        ]
        let found = Mutex<[AnomalyFlag]>([])
        let duplicateMatches = Mutex<[DuplicateOrderRule.Match]>([])
        DispatchQueue.concurrentPerform(iterations: rules.count + 1) { i in
            if i == rules.count {
                let matches = duplicates.matches(context, facts, t)
                duplicateMatches.withLock { $0 = matches }
            } else {
                let flags = rules[i]()
                found.withLock { $0 += flags }
            }
        }
        var flags = found.withLock { $0 }
        let matches = duplicateMatches.withLock { $0 }
        if !matches.isEmpty {
            let codes = try orderCodes(Array(Set(matches.map(\.earlier))).sorted())
            flags += matches.map {
                DuplicateOrderRule.flag($0, earlierCode: codes[$0.earlier] ?? "#\($0.earlier)", facts, t)
            }
        }
        let kinds = AnomalyKind.allCases
        return flags.sorted {
            ($0.order, $0.lineNo ?? 0, kinds.firstIndex(of: $0.kind) ?? 0)
                < ($1.order, $1.lineNo ?? 0, kinds.firstIndex(of: $1.kind) ?? 0)
        }
    }

    /// `first()` and `second()`, computed at the same time.
    private static func concurrently<A: Sendable, B: Sendable>(
        _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        let a = Mutex<A?>(nil)
        let b = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 {
                let result = first()
                a.withLock { $0 = result }
            } else {
                let result = second()
                b.withLock { $0 = result }
            }
        }
        // concurrentPerform returns once both ran, so the fallbacks are never taken.
        return (a.withLock { $0 } ?? first(), b.withLock { $0 } ?? second())
    }
}
