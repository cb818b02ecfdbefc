/// Orders placed by a suspended partner.
///
/// With a suspension date for the partner (``OrderFacts/Partners/suspendedSince``), orders on or after it are
/// flagged with score ``AnomalyThresholds/ruleScore``. Without one, orders in the last
/// ``AnomalyThresholds/suspendedLookbackDays`` days up to the latest order day are flagged with half that score,
/// since they may predate the suspension.
///
/// Learnt: only the latest order day. Whether a partner is suspended, and since when, is read from the facts scored.
struct SuspendedPartnerRule: Sendable {
    /// The latest business day of any order learnt from; nil when there was none.
    let latestDay: Int32?

    /// Learns the latest order day of `context`.
    init(learning context: AnomalyContext, _ facts: OrderFacts) {
        latestDay = context.orders.lazy.map { facts.orders.day[Int($0)] }.max()
    }

    /// The orders of `context` placed by suspended partners. The lookback ends on the latest order day learnt or
    /// scored.
    func flags(_ context: AnomalyContext, _ facts: OrderFacts, _ t: AnomalyThresholds) -> [AnomalyFlag] {
        let scored = context.orders.lazy.map { facts.orders.day[Int($0)] }.max()
        guard let latest = [latestDay, scored].compactMap({ $0 }).max() else { return [] }
        let windowStart = Int(latest) - t.suspendedLookbackDays + 1
        let orders = facts.orders
        var flags: [AnomalyFlag] = []
        for order in context.orders {
            let o = Int(order)
            let p = Int(orders.partner[o])
            guard facts.partners.suspended[p] else { continue }
            let partner = facts.partners.code[p]
            let day = orders.day[o]
            let date = ReasonText.date(day)
            if let since = facts.partners.suspendedSince?[p] ?? nil {
                guard day >= since else { continue }
                let after = Int(day) - Int(since)
                let sinceDate = ReasonText.date(since)
                let reason = AnomalyReason(
                    chinese: "渠道伙伴 \(partner) 自 \(sinceDate) 起已停用，该订单下于 \(date)，停用后第 \(after) 天",
                    english: "partner \(partner) is suspended since \(sinceDate); the order was placed on \(date), "
                        + "\(after) days later")
                flags.append(
                    AnomalyFlag(order: o, lineNo: nil, kind: .suspendedPartner, score: t.ruleScore, reason: reason))
            } else {
                guard Int(day) >= windowStart else { continue }
                let latestDate = ReasonText.date(latest)
                let reason = AnomalyReason(
                    chinese: "渠道伙伴 \(partner) 状态为停用（停用日期未知）；订单日期 \(date) 在最新订单日 \(latestDate) "
                        + "前 \(t.suspendedLookbackDays) 天的回溯窗口内",
                    english: "partner \(partner) is suspended (suspension date unknown); the order of \(date) falls in "
                        + "the \(t.suspendedLookbackDays)-day lookback up to the latest order day \(latestDate)")
                flags.append(
                    AnomalyFlag(order: o, lineNo: nil, kind: .suspendedPartner, score: t.ruleScore / 2, reason: reason))
            }
        }
        return flags
    }
}
