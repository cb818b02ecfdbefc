/// Duplicate orders: an order repeating an earlier one of the same partner, outlet (when known) and business day
/// with the identical multiset of (product, quantity) lines, placed within
/// ``AnomalyThresholds/duplicateWindowSeconds`` (when order times are known). The later order is flagged.
///
/// Identical baskets are ordinary when the partner orders that basket routinely (a platform selling one item to
/// many shoppers): baskets the partner ordered on ``AnomalyThresholds/routineBasketDays`` or more other days are
/// not flagged.
enum DuplicateOrderRule {
    /// A later order repeating an earlier one, and on how many other days the partner ordered the basket.
    struct Match: Sendable {
        var later: Int
        var earlier: Int
        var otherDays: Int
    }

    static func matches(_ facts: OrderFacts, _ context: AnomalyContext, _ t: AnomalyThresholds) -> [Match] {
        let orders = facts.orders
        // Orders that may be duplicates share a hash of (basket, partner, day, outlet); sorting by it puts them
        // side by side. Equal hashes are confirmed on the orders themselves.
        var basket = [UInt64](repeating: 0, count: orders.count)
        var sameDay: [(key: UInt64, order: Int32)] = []
        sameDay.reserveCapacity(context.orders.count)
        var scratch: [UInt64] = []
        for order in context.orders where orders.lineCount[Int(order)] > 0 {
            let o = Int(order)
            lines(of: o, facts, into: &scratch)
            basket[o] = scratch.reduce(UInt64(scratch.count), mix)
            let place = mix(mix(partnerBasket(o, basket, facts), word(orders.day[o])), word(orders.outlet?[o] ?? -1))
            sameDay.append((place, order))
        }
        sameDay.sort { $0.key != $1.key ? $0.key < $1.key : $0.order < $1.order }

        var candidates: [[Int]] = []
        var start = 0
        while start < sameDay.count {
            var end = start + 1
            while end < sameDay.count, sameDay[end].key == sameDay[start].key { end += 1 }
            if end - start > 1 { candidates.append(sameDay[start..<end].map { Int($0.order) }) }
            start = end
        }
        guard !candidates.isEmpty else { return [] }
        let days = basketDays(of: candidates, basket: basket, context, facts)

        let timed = orders.orderedAt != nil
        var found: [Match] = []
        for group in candidates {
            let members =
                timed ? group.sorted { (orders.orderedAt?[$0] ?? 0, $0) < (orders.orderedAt?[$1] ?? 0, $1) } : group
            let otherDays = (days[partnerBasket(members[0], basket, facts)]?.count ?? 1) - 1
            guard otherDays < t.routineBasketDays else { continue }
            for (j, later) in members.enumerated().dropFirst() {
                let earlier = members[..<j].reversed().first { earlier in
                    isRepeat(later, of: earlier, facts, windowMillis: Int64(t.duplicateWindowSeconds) * 1_000)
                }
                if let earlier { found.append(Match(later: later, earlier: earlier, otherDays: otherDays)) }
            }
        }
        return found
    }

    /// The distinct days on which each candidate's partner ordered the candidate's basket, by partner-basket hash.
    private static func basketDays(
        of candidates: [[Int]], basket: [UInt64], _ context: AnomalyContext, _ facts: OrderFacts
    ) -> [UInt64: Set<Int32>] {
        var days: [UInt64: Set<Int32>] = [:]
        for group in candidates { days[partnerBasket(group[0], basket, facts)] = [] }
        for order in context.orders where facts.orders.lineCount[Int(order)] > 0 {
            let key = partnerBasket(Int(order), basket, facts)
            days[key]?.insert(facts.orders.day[Int(order)])
        }
        return days
    }

    private static func partnerBasket(_ o: Int, _ basket: [UInt64], _ facts: OrderFacts) -> UInt64 {
        mix(basket[o], word(facts.orders.partner[o]))
    }

    /// Whether `later` repeats `earlier`: same partner, day, outlet and lines, and within the window when timed.
    private static func isRepeat(_ later: Int, of earlier: Int, _ facts: OrderFacts, windowMillis: Int64) -> Bool {
        let orders = facts.orders
        guard orders.partner[later] == orders.partner[earlier], orders.day[later] == orders.day[earlier],
            orders.outlet?[later] == orders.outlet?[earlier]
        else { return false }
        if let at = orders.orderedAt {
            // Missing instants may be stored as Int64.min: a gap that overflows is no repeat.
            let (gap, overflow) = at[later].subtractingReportingOverflow(at[earlier])
            guard !overflow, gap <= windowMillis else { return false }
        }
        var a: [UInt64] = []
        var b: [UInt64] = []
        lines(of: later, facts, into: &a)
        lines(of: earlier, facts, into: &b)
        return a == b
    }

    /// The flag of a match, naming the earlier order by its code.
    static func flag(_ match: Match, earlierCode: String, _ facts: OrderFacts, _ t: AnomalyThresholds) -> AnomalyFlag {
        let (o, earlier, otherDays) = (match.later, match.earlier, match.otherDays)
        let orders = facts.orders
        let partner = facts.partners.code[Int(orders.partner[o])]
        let date = ReasonText.date(orders.day[o])
        let gap: AnomalyReason
        if let at = orders.orderedAt {
            let seconds = (at[o] - at[earlier]) / 1_000
            gap =
                seconds < 60
                ? AnomalyReason(chinese: "晚 \(seconds) 秒", english: "\(seconds) s later")
                : AnomalyReason(chinese: "晚 \(seconds / 60) 分钟", english: "\(seconds / 60) min later")
        } else {
            gap = AnomalyReason(chinese: "同一天（下单时间未知）", english: "the same day (order times unknown)")
        }
        let outlet =
            orders.outlet == nil
            ? AnomalyReason(chinese: "", english: "") : AnomalyReason(chinese: "同一门店、", english: "same outlet, ")
        let reason = AnomalyReason(
            chinese: "与渠道伙伴 \(partner) 的先前订单 \(earlierCode) 重复（\(outlet.chinese)同一天 \(date)、"
                + "\(orders.lineCount[o]) 行商品与数量完全相同），\(gap.chinese)；该伙伴在其他 \(otherDays) 天下过同样的订单",
            english: "repeats the earlier order \(earlierCode) of partner \(partner) (\(outlet.english)same day "
                + "\(date), identical \(orders.lineCount[o]) lines of product and quantity), \(gap.english); the "
                + "partner ordered this basket on \(otherDays) other days")
        return AnomalyFlag(order: o, lineNo: nil, kind: .duplicateOrder, score: t.ruleScore, reason: reason)
    }

    /// Order `o`'s lines as sorted (product, quantity) pairs packed in 64 bits: equal for equal multisets.
    private static func lines(of o: Int, _ facts: OrderFacts, into scratch: inout [UInt64]) {
        scratch.removeAll(keepingCapacity: true)
        let start = Int(facts.orders.lineStart[o])
        for l in start..<(start + Int(facts.orders.lineCount[o])) {
            scratch.append(
                UInt64(UInt32(bitPattern: facts.lines.product[l])) << 32
                    | UInt64(UInt32(bitPattern: facts.lines.qty[l])))
        }
        scratch.sort()
    }

    /// Folds a word into a 64-bit hash (the SplitMix64 finalizer).
    private static func mix(_ h: UInt64, _ x: UInt64) -> UInt64 {
        var z = h &+ x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func word(_ x: Int32) -> UInt64 { UInt64(UInt32(bitPattern: x)) }
}
