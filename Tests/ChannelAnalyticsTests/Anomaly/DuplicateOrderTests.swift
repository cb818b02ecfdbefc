import Testing

@testable import ChannelAnalytics

@Suite struct DuplicateOrderTests {
    /// A dealer with a few ordinary orders on earlier days, so that baselines exist but nothing is anomalous.
    func dealer() -> (FactsBuilder, partner: Int, a: Int, b: Int) {
        var builder = FactsBuilder()
        let p = builder.partner("P000042")
        let a = builder.product("SKU-A")
        let b = builder.product("SKU-B")
        builder.order(partner: p, day: FactsBuilder.lastDay - 5, [FactsBuilder.line(a, qty: 4)])
        return (builder, p, a, b)
    }

    @Test func anExactRepeatIsFlaggedAndNamesTheEarlierOrder() throws {
        var (builder, p, a, b) = dealer()
        let first = builder.order(
            partner: p, minute: 600, [FactsBuilder.line(a, qty: 12), FactsBuilder.line(b, qty: 3)])
        // Same lines in another order: a multiset, not a sequence.
        let repeatOrder = builder.order(
            partner: p, minute: 603, [FactsBuilder.line(b, qty: 3), FactsBuilder.line(a, qty: 12)])
        let flags = AnomalyDetector().flags(in: try builder.build())
        let flag = try #require(flags.first)
        #expect(flags.count == 1)
        #expect(flag.order == repeatOrder)
        #expect(flag.lineNo == nil)
        #expect(flag.kind == .duplicateOrder)
        #expect(flag.reason.english.contains("repeats the earlier order SO\(100_000 + first) of partner P000042"))
        #expect(flag.reason.english.contains("same outlet, same day 2026-10-31, identical 2 lines"))
        #expect(flag.reason.english.contains("3 min later"))
        #expect(flag.reason.chinese.contains("与渠道伙伴 P000042 的先前订单 SO\(100_000 + first) 重复"))
        #expect(flag.reason.chinese.contains("晚 3 分钟"))
    }

    @Test func aDifferentOrderOnTheSameDayIsNotFlagged() throws {
        var (builder, p, a, b) = dealer()
        builder.order(partner: p, minute: 600, [FactsBuilder.line(a, qty: 12), FactsBuilder.line(b, qty: 3)])
        builder.order(partner: p, minute: 603, [FactsBuilder.line(a, qty: 12), FactsBuilder.line(b, qty: 4)])
        #expect(AnomalyDetector().flags(in: try builder.build()).isEmpty)
    }

    @Test func anotherOutletIsNotADuplicate() throws {
        var (builder, p, a, _) = dealer()
        builder.order(partner: p, outlet: 1, minute: 600, [FactsBuilder.line(a, qty: 12)])
        builder.order(partner: p, outlet: 2, minute: 601, [FactsBuilder.line(a, qty: 12)])
        #expect(AnomalyDetector().flags(in: try builder.build()).isEmpty)
    }

    @Test func theTimeWindowAppliesOnlyWhenTimesAreKnown() throws {
        var (builder, p, a, _) = dealer()
        builder.order(partner: p, minute: 600, [FactsBuilder.line(a, qty: 12)])
        let later = builder.order(partner: p, minute: 900, [FactsBuilder.line(a, qty: 12)])
        #expect(AnomalyDetector().flags(in: try builder.build()).isEmpty)
        let untimed = AnomalyDetector().flags(in: try builder.build(timed: false, outlets: false))
        #expect(untimed.map(\.order) == [later])
        #expect(untimed.first?.reason.english.contains("the same day (order times unknown)") == true)
    }

    @Test func aRoutineBasketIsNotFlagged() throws {
        var (builder, p, a, _) = dealer()
        for day in 1...4 {
            builder.order(partner: p, day: FactsBuilder.lastDay - Int32(day), [FactsBuilder.line(a, qty: 1)])
        }
        builder.order(partner: p, minute: 600, [FactsBuilder.line(a, qty: 1)])
        builder.order(partner: p, minute: 601, [FactsBuilder.line(a, qty: 1)])
        #expect(AnomalyDetector().flags(in: try builder.build()).isEmpty)
    }
}
