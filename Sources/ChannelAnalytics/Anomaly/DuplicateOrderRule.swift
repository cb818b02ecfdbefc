/// Duplicate orders: an order repeating an earlier one of the same partner, outlet (when known) and business day
/// with the identical multiset of (product, quantity) lines, placed within
/// ``AnomalyThresholds/duplicateWindowSeconds`` (when order times are known). The later order is flagged.
///
/// Identical baskets are ordinary when the partner orders that basket routinely (a platform selling one item to
/// many shoppers): baskets the partner ordered on ``AnomalyThresholds/routineBasketDays`` or more other days are
/// not flagged.
///
/// Learnt: the distinct days on which each partner ordered each basket. Scoring a set of orders looks for repeats
/// among all orders (not ignored) on the days that the set covers, so that an earlier order need not be in the set;
/// only repeats in the set are flagged. A basket's days are those learnt and those of the orders looked at.
struct DuplicateOrderRule: Sendable {
    /// A later order repeating an earlier one, and on how many other days the partner ordered the basket.
    struct Match: Sendable {
        var later: Int
        var earlier: Int
        var otherDays: Int
    }

    /// An order that may repeat or be repeated, with its hashes.
    private struct Candidate {
        /// Hash of the order's partner and basket (its multiset of product × quantity lines).
        var partnerBasket: UInt64
        /// Hash of the partner, basket, day and outlet: orders that may be duplicates share it.
        var place: UInt64
        var order: Int32
        var day: Int32
        /// Whether the order is one of those scored.
        var scored: Bool
    }

    /// The partner-basket hashes learnt, ascending. They are looked up once per group of orders that may be
    /// duplicates, not per line, so a binary search serves: sorting is cheaper than hashing every order into a hash
    /// map when learning, and the arrays take a third of its memory.
    private let baskets: [UInt64]
    /// The distinct days on which basket `b` was ordered are `days[dayStarts[b] ..< dayStarts[b + 1]]`.
    private let dayStarts: [Int32]
    private let days: [Int32]

    /// Learns the days of every partner's baskets from the orders of `context`.
    init(learning context: AnomalyContext, _ facts: OrderFacts) {
        let ordered = context.orders.lazy.filter { facts.orders.lineCount[Int($0)] > 0 }.map { order in
            (basket: Self.hashes(of: Int(order), facts).partnerBasket, day: facts.orders.day[Int(order)])
        }.sorted { ($0.basket, $0.day) < ($1.basket, $1.day) }
        var baskets: [UInt64] = []
        var dayStarts: [Int32] = []
        var days: [Int32] = []
        for (i, entry) in ordered.enumerated() where i == 0 || entry != ordered[i - 1] {
            if i == 0 || entry.basket != ordered[i - 1].basket {
                baskets.append(entry.basket)
                dayStarts.append(Int32(days.count))
            }
            days.append(entry.day)
        }
        dayStarts.append(Int32(days.count))
        self.baskets = baskets
        self.dayStarts = dayStarts
        self.days = days
    }

    /// The repeats among the orders of `scored` (each with the earlier order it repeats, which need not be scored).
    func matches(_ scored: AnomalyContext, _ facts: OrderFacts, _ t: AnomalyThresholds) -> [Match] {
        let candidates = Self.candidates(around: scored, facts, t)
        // Orders that may be duplicates share a place hash, and sorting puts them side by side (in ascending
        // position); equal hashes are confirmed on the orders themselves.
        let byPlace = candidates.indices.map { (place: candidates[$0].place, index: Int32($0)) }.sorted { $0 < $1 }
        var groups: [[Candidate]] = []
        var start = 0
        while start < byPlace.count {
            var end = start + 1
            while end < byPlace.count, byPlace[end].place == byPlace[start].place { end += 1 }
            let members = byPlace[start..<end]
            start = end
            guard members.count > 1 else { continue }
            let group = members.map { candidates[Int($0.index)] }
            guard group.contains(where: \.scored) else { continue }
            // In the order of time, when known, then position.
            groups.append(
                facts.orders.orderedAt.map { at in
                    group.sorted { (at[Int($0.order)], $0.order) < (at[Int($1.order)], $1.order) }
                } ?? group)
        }
        guard !groups.isEmpty else { return [] }
        let dayCounts = basketDayCounts(of: Set(groups.map { $0[0].partnerBasket }), among: candidates)
        var found: [Match] = []
        for group in groups {
            let otherDays = (dayCounts[group[0].partnerBasket] ?? 1) - 1
            guard otherDays < t.routineBasketDays else { continue }
            for (j, later) in group.enumerated().dropFirst() where later.scored {
                let earlier = group[..<j].reversed().first { earlier in
                    Self.isRepeat(
                        Int(later.order), of: Int(earlier.order), facts,
                        windowMillis: Int64(t.duplicateWindowSeconds) * 1_000)
                }
                if let earlier {
                    found.append(Match(later: Int(later.order), earlier: Int(earlier.order), otherDays: otherDays))
                }
            }
        }
        return found
    }

    /// Every order with lines, not ignored, on a day of a scored order with lines, in ascending position.
    private static func candidates(
        around scored: AnomalyContext, _ facts: OrderFacts, _ t: AnomalyThresholds
    ) -> [Candidate] {
        let orders = facts.orders
        let scoredDays = scored.orders.lazy.filter { orders.lineCount[Int($0)] > 0 }.map { orders.day[Int($0)] }
        guard let first = scoredDays.min(), let last = scoredDays.max() else { return [] }
        var covered = [Bool](repeating: false, count: Int(last) - Int(first) + 1)
        for day in scoredDays { covered[Int(day) - Int(first)] = true }

        var candidates: [Candidate] = []
        var nextScored = 0
        for o in 0..<orders.count {
            // Both are ascending: the next scored position is the only one `o` can be.
            let isScored = nextScored < scored.orders.count && Int(scored.orders[nextScored]) == o
            if isScored { nextScored += 1 }
            let day = Int(orders.day[o]) - Int(first)
            guard day >= 0, day < covered.count, covered[day], orders.lineCount[o] > 0,
                isScored || !t.ignoredStatuses.contains(orders.status[o])
            else { continue }
            let (partnerBasket, place) = hashes(of: o, facts)
            candidates.append(
                Candidate(
                    partnerBasket: partnerBasket, place: place, order: Int32(o), day: orders.day[o], scored: isScored))
        }
        return candidates
    }

    /// For each of `keys`, the number of distinct days on which the partner ordered the basket: those learnt and those
    /// of `candidates`.
    private func basketDayCounts(of keys: Set<UInt64>, among candidates: [Candidate]) -> [UInt64: Int] {
        var found: [UInt64: Set<Int32>] = [:]
        for key in keys {
            // The first learnt basket not below `key`, by binary search.
            var (low, high) = (0, baskets.count)
            while low < high {
                let mid = (low + high) / 2
                if baskets[mid] < key { low = mid + 1 } else { high = mid }
            }
            let learnt = low < baskets.count && baskets[low] == key
            found[key] = learnt ? Set(days[Int(dayStarts[low])..<Int(dayStarts[low + 1])]) : []
        }
        for candidate in candidates where keys.contains(candidate.partnerBasket) {
            found[candidate.partnerBasket]?.insert(candidate.day)
        }
        return found.mapValues(\.count)
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
        return lines(of: later, facts) == lines(of: earlier, facts)
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

    /// Order `o`'s hashes: of its partner and basket, and of those with its day and outlet. The basket's hash is a
    /// sum over its lines, so that it depends on the multiset of lines and not on their order.
    private static func hashes(of o: Int, _ facts: OrderFacts) -> (partnerBasket: UInt64, place: UInt64) {
        let start = Int(facts.orders.lineStart[o])
        let count = Int(facts.orders.lineCount[o])
        var basket = UInt64(count)
        for l in start..<(start + count) { basket &+= mix(0, line(l, facts)) }
        let partnerBasket = mix(basket, word(facts.orders.partner[o]))
        let day = word(facts.orders.day[o])
        return (partnerBasket, mix(mix(partnerBasket, day), word(facts.orders.outlet?[o] ?? -1)))
    }

    /// Order `o`'s lines as sorted (product, quantity) pairs packed in 64 bits: equal for equal multisets.
    private static func lines(of o: Int, _ facts: OrderFacts) -> [UInt64] {
        let start = Int(facts.orders.lineStart[o])
        return (start..<(start + Int(facts.orders.lineCount[o]))).map { line($0, facts) }.sorted()
    }

    /// Line `l`'s product and quantity packed in 64 bits.
    private static func line(_ l: Int, _ facts: OrderFacts) -> UInt64 {
        UInt64(UInt32(bitPattern: facts.lines.product[l])) << 32 | UInt64(UInt32(bitPattern: facts.lines.qty[l]))
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
