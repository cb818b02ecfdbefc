import Testing

@testable import ChannelAnalytics

@Suite struct SuspendedPartnerTests {
    /// An active partner ordering on the last day, and a suspended one ordering 10, 200 and 400 days before it.
    func facts(suspendedSince: [Int32?]? = nil) throws -> (OrderFacts, recent: Int, middle: Int, old: Int) {
        var b = FactsBuilder()
        let active = b.partner("P000001")
        let suspended = b.partner("P000002", suspended: true)
        let a = b.product("SKU-A")
        b.order(partner: active, [FactsBuilder.line(a, qty: 1)])
        let old = b.order(partner: suspended, day: FactsBuilder.lastDay - 400, [FactsBuilder.line(a, qty: 1)])
        let middle = b.order(partner: suspended, day: FactsBuilder.lastDay - 200, [FactsBuilder.line(a, qty: 1)])
        let recent = b.order(partner: suspended, day: FactsBuilder.lastDay - 10, [FactsBuilder.line(a, qty: 1)])
        return (try b.build(suspendedSince: suspendedSince), recent, middle, old)
    }

    @Test func ordersInTheLookbackWindowAreFlagged() throws {
        let (facts, recent, middle, _) = try facts()
        let flags = AnomalyDetector().flags(in: facts)
        #expect(flags.map(\.order) == [middle, recent])
        #expect(flags.allSatisfy { $0.kind == .suspendedPartner && $0.lineNo == nil })
        #expect(flags.allSatisfy { $0.score == AnomalyThresholds().ruleScore / 2 })
        let reason = try #require(flags.last?.reason)
        #expect(reason.english.contains("partner P000002 is suspended (suspension date unknown)"))
        #expect(reason.english.contains("365-day lookback up to the latest order day 2026-10-31"))
        #expect(reason.chinese.contains("渠道伙伴 P000002 状态为停用（停用日期未知）"))
        #expect(reason.chinese.contains("前 365 天的回溯窗口内"))
    }

    @Test func theLookbackIsAParameter() throws {
        let (facts, recent, _, _) = try facts()
        var thresholds = AnomalyThresholds()
        thresholds.suspendedLookbackDays = 30
        #expect(AnomalyDetector(thresholds: thresholds).flags(in: facts).map(\.order) == [recent])
    }

    @Test func aKnownSuspensionDateReplacesTheWindow() throws {
        // Suspended on 2026-03-01: 244 days before the last day, so the middle order (200 days before) is after it.
        let (facts, recent, middle, _) = try facts(suspendedSince: [nil, 20_513])
        let flags = AnomalyDetector().flags(in: facts)
        #expect(flags.map(\.order) == [middle, recent])
        #expect(flags.allSatisfy { $0.score == AnomalyThresholds().ruleScore })
        let reason = try #require(flags.first?.reason)
        #expect(
            reason.english.contains(
                "partner P000002 is suspended since 2026-03-01; the order was placed on 2026-04-14, 44 days later"))
        #expect(reason.chinese.contains("渠道伙伴 P000002 自 2026-03-01 起已停用，该订单下于 2026-04-14，停用后第 44 天"))
    }

    @Test func ordersBeforeAKnownSuspensionAreNotFlagged() throws {
        let (facts, recent, _, _) = try facts(suspendedSince: [nil, FactsBuilder.lastDay - 10])
        #expect(AnomalyDetector().flags(in: facts).map(\.order) == [recent])
    }
}
