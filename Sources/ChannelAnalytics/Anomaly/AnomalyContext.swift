/// The orders a model learns from or scores, with their lines and the keys that baselines are grouped by, derived
/// once for every rule.
struct AnomalyContext: Sendable {
    /// Positions of the orders whose status is not ignored, ascending.
    let orders: [Int32]
    /// Positions of those orders' lines, ascending.
    let lines: [Int32]
    /// Partner of the order of each of ``lines`` (same index).
    let partner: [Int32]
    /// Product of each of ``lines`` (same index).
    let product: [Int32]
    /// Tier-and-channel segment of the order of each of ``lines`` (same index); -1 where `segments` has none.
    let segment: [Int32]

    /// The context of `orders`: positions in `facts`, ascending and distinct; those whose status is in
    /// `ignoredStatuses` are left out.
    init(_ facts: OrderFacts, orders: some Sequence<Int>, ignoredStatuses: Set<UInt8>, segments: SegmentLayout) {
        let o = facts.orders
        let kept = Array(orders.lazy.filter { !ignoredStatuses.contains(o.status[$0]) }.map(Int32.init))
        let count = kept.reduce(0) { $0 + Int(o.lineCount[Int($1)]) }
        var lines: [Int32] = []
        var partner: [Int32] = []
        var product: [Int32] = []
        var segment: [Int32] = []
        lines.reserveCapacity(count)
        partner.reserveCapacity(count)
        product.reserveCapacity(count)
        segment.reserveCapacity(count)
        for order in kept {
            let i = Int(order)
            let p = o.partner[i]
            let s = segments.segment(of: i, in: facts)
            let start = Int(o.lineStart[i])
            for l in start..<(start + Int(o.lineCount[i])) {
                lines.append(Int32(l))
                partner.append(p)
                product.append(facts.lines.product[l])
                segment.append(s)
            }
        }
        self.orders = kept
        self.lines = lines
        self.partner = partner
        self.product = product
        self.segment = segment
    }

    /// The 1-based number of line `l` within its order.
    static func lineNo(_ l: Int, in facts: OrderFacts) -> Int {
        l - Int(facts.orders.lineStart[Int(facts.lines.order[l])]) + 1
    }
}
