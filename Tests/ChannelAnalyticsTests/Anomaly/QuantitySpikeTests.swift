import Testing

@testable import ChannelAnalytics

@Suite struct QuantitySpikeTests {
    /// A partner ordering SKU-A in typical quantities over many days, then one more order of `qty` units.
    func partnerHistory(then qty: Int32) throws -> (OrderFacts, order: Int) {
        var b = FactsBuilder()
        let p = b.partner("P000123")
        let a = b.product("SKU-A")
        let other = b.product("SKU-B")
        for (i, q) in typicalQuantities.enumerated() {
            b.order(partner: p, day: FactsBuilder.lastDay - Int32(i) - 1, [FactsBuilder.line(a, qty: q)])
        }
        let o = b.order(partner: p, [FactsBuilder.line(other, qty: 5), FactsBuilder.line(a, qty: qty)])
        return (try b.build(), o)
    }

    @Test func largeButPlausibleOrderIsNotFlagged() throws {
        let (facts, _) = try partnerHistory(then: 30)
        #expect(AnomalyDetector().flags(in: facts).isEmpty)
    }

    @Test func fiftyTimesTheMedianIsFlagged() throws {
        let (facts, o) = try partnerHistory(then: 500)
        let flags = AnomalyDetector().flags(in: facts)
        let flag = try #require(flags.first)
        #expect(flags.count == 1)
        #expect(flag.order == o)
        #expect(flag.lineNo == 2)
        #expect(flag.kind == .quantitySpike)
        #expect(flag.score > AnomalyThresholds().quantityRobustZ)
        #expect(flag.reason.english.contains("500 units is 50.0× the median of 10 units for partner P000123 × SKU-A"))
        #expect(flag.reason.english.contains("25 lines"))
        #expect(flag.reason.english.contains("robust z"))
        #expect(flag.reason.chinese.contains("数量 500 是基线 渠道伙伴 P000123 × SKU-A 中位数 10 的 50.0 倍"))
        #expect(flag.reason.chinese.contains("稳健 z 值"))
    }

    @Test func thresholdsAreParameters() throws {
        let (facts, _) = try partnerHistory(then: 500)
        var strict = AnomalyThresholds()
        strict.quantityMinMultiple = 60
        #expect(AnomalyDetector(thresholds: strict).flags(in: facts).isEmpty)
    }

    @Test func fewLinesOfThePairFallBackToThePartnerAcrossSkus() throws {
        var b = FactsBuilder()
        let p = b.partner("P000007")
        let products = (0..<24).map { b.product("SKU-\($0)") }
        for (i, q) in typicalQuantities.enumerated() {
            b.order(partner: p, day: FactsBuilder.lastDay - Int32(i) - 1, [FactsBuilder.line(products[i], qty: q)])
        }
        let o = b.order(partner: p, [FactsBuilder.line(products[3], qty: 400)])
        let flag = try #require(AnomalyDetector().flags(in: try b.build()).first)
        #expect(flag.order == o)
        #expect(flag.kind == .quantitySpike)
        #expect(flag.reason.english.contains("partner P000007 across all SKUs (only 2 lines of SKU-3, fewer than 12)"))
        #expect(flag.reason.chinese.contains("渠道伙伴 P000007 全部 SKU（SKU-3 仅 2 行，少于 12 行）"))
    }

    @Test func aNewPartnerFallsBackToTheSkuAmongPartnersOfItsTierAndChannel() throws {
        var b = FactsBuilder()
        let a = b.product("SKU-A")
        for k in 0..<3 {
            let peer = b.partner("P00010\(k)")
            for (i, q) in typicalQuantities.enumerated() {
                b.order(partner: peer, day: FactsBuilder.lastDay - Int32(i) - 1, [FactsBuilder.line(a, qty: q)])
            }
        }
        let newcomer = b.partner("P000999")
        b.order(partner: newcomer, day: FactsBuilder.lastDay - 1, [FactsBuilder.line(a, qty: 10)])
        let o = b.order(partner: newcomer, [FactsBuilder.line(a, qty: 600)])
        let flag = try #require(AnomalyDetector().flags(in: try b.build()).first)
        #expect(flag.order == o)
        #expect(flag.reason.english.contains("SKU-A across tier-3 offline partners (only 2 lines of P000999"))
        #expect(flag.reason.chinese.contains("SKU-A 在三级线下渠道伙伴中（P000999 仅 2 行"))
    }

    @Test func noBaselineMeansNoFlag() throws {
        var b = FactsBuilder()
        let p = b.partner("P000001")
        let a = b.product("SKU-A")
        b.order(partner: p, [FactsBuilder.line(a, qty: 5)])
        b.order(partner: p, [FactsBuilder.line(a, qty: 5_000)])
        #expect(AnomalyDetector().flags(in: try b.build()).isEmpty)
    }
}
