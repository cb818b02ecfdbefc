/// What every rule needs besides the facts: the orders and lines not ignored, and per-line attributes of the
/// line's order, derived once.
struct AnomalyContext: Sendable {
    /// Positions of the orders whose status is not ignored, ascending.
    let orders: [Int32]
    /// Positions of those orders' lines, ascending.
    let lines: [Int32]
    /// Partner of each line's order, by line position (-1 for lines of ignored orders).
    let partner: [Int32]
    /// Tier-and-channel segment of each line's order, by line position: tier × channels + channel.
    let segment: [Int32]
    let segmentCount: Int
    /// The latest business day of any order not ignored; nil when there is none.
    let latestDay: Int32?

    init(_ facts: OrderFacts, ignoredStatuses: Set<UInt8>) {
        let o = facts.orders
        let orders = (0..<o.count).lazy.filter { !ignoredStatuses.contains(o.status[$0]) }.map(Int32.init)
        let channels = Int(o.channel.max() ?? 0) + 1
        let tiers = Int(facts.partners.tier.max() ?? 0) + 1
        var lines: [Int32] = []
        lines.reserveCapacity(facts.lines.count)
        var partner = [Int32](repeating: -1, count: facts.lines.count)
        var segment = [Int32](repeating: -1, count: facts.lines.count)
        for order in orders {
            let i = Int(order)
            let p = o.partner[i]
            let s = Int32(Int(facts.partners.tier[Int(p)]) * channels + Int(o.channel[i]))
            let start = Int(o.lineStart[i])
            for l in start..<(start + Int(o.lineCount[i])) {
                lines.append(Int32(l))
                partner[l] = p
                segment[l] = s
            }
        }
        self.orders = Array(orders)
        self.lines = lines
        self.partner = partner
        self.segment = segment
        segmentCount = tiers * channels
        latestDay = self.orders.lazy.map { o.day[Int($0)] }.max()
    }

    /// The 1-based number of line `l` within its order.
    static func lineNo(_ l: Int, in facts: OrderFacts) -> Int {
        l - Int(facts.orders.lineStart[Int(facts.lines.order[l])]) + 1
    }
}
