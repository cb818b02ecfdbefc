import Testing

@testable import ChannelAnalytics

@Suite struct PriceDeviationTests {
    /// Offline tier-3 lines of SKU-A at about ¥10.00, online lines at ¥9.50 with a third of them on promotion.
    func market() -> (FactsBuilder, dealer: Int, platform: Int, product: Int) {
        var b = FactsBuilder()
        let dealer = b.partner("P000300")
        let platform = b.partner("P000500", tier: 0)
        let a = b.product("SKU-A", listFen: 1_050)
        let jitter: [Int64] = [-2, 0, 1, -1, 2, 0, 1, -1, 0, 2, -2, 1, 0, -1, 1, 0, 2, -1, 0, 1]
        for (i, j) in jitter.enumerated() {
            let day = FactsBuilder.lastDay - Int32(i) - 1
            b.order(partner: dealer, day: day, [FactsBuilder.line(a, qty: 10, fen: 1_000 + j)])
            let promo: Int64 = i % 3 == 0 ? 150_000 + Int64(i) * 10_000 : 0
            b.order(
                partner: platform, channel: 1, day: day,
                [FactsBuilder.line(a, qty: 2, fen: 950 + j, discountPPM: promo)])
        }
        return (b, dealer, platform, a)
    }

    @Test func aTenthOfTheTypicalPriceIsFlagged() throws {
        var (b, dealer, _, a) = market()
        let o = b.order(partner: dealer, [FactsBuilder.line(a, qty: 10, fen: 100)])
        let flags = AnomalyDetector().flags(in: try b.build())
        let flag = try #require(flags.first)
        #expect(flags.count == 1)
        #expect(flag.order == o)
        #expect(flag.lineNo == 1)
        #expect(flag.kind == .priceDeviation)
        #expect(
            flag.reason.english.contains(
                "net unit price ¥1.00 is 10% of the typical ¥10.00 of SKU-A in tier-3 offline orders"))
        #expect(flag.reason.english.contains("MAD-based σ on log scale"))
        #expect(flag.reason.chinese.contains("净单价 ¥1.00 为SKU-A 在三级线下订单中的典型净单价 ¥10.00"))
        #expect(flag.reason.chinese.contains("的 10%，稳健 z 值"))
    }

    @Test func aThirtyPercentOnlinePromotionIsNotFlagged() throws {
        var (b, _, platform, a) = market()
        b.order(partner: platform, channel: 1, [FactsBuilder.line(a, qty: 1, fen: 950, discountPPM: 300_000)])
        #expect(AnomalyDetector().flags(in: try b.build()).isEmpty)
    }

    @Test func aPriceTripleTheTypicalIsFlagged() throws {
        var (b, dealer, _, a) = market()
        b.order(partner: dealer, [FactsBuilder.line(a, qty: 10, fen: 3_000)])
        let flag = try #require(AnomalyDetector().flags(in: try b.build()).first)
        #expect(flag.kind == .priceDeviation)
        #expect(flag.reason.english.contains("is 300% of the typical ¥10.00"))
    }

    @Test func aRarelySoldSkuIsComparedWithItsListPrice() throws {
        var b = FactsBuilder()
        let p = b.partner("P000001")
        let rare = b.product("SKU-RARE", listFen: 5_000)
        b.order(partner: p, day: FactsBuilder.lastDay - 3, [FactsBuilder.line(rare, qty: 2, fen: 4_250)])
        let o = b.order(partner: p, [FactsBuilder.line(rare, qty: 2, fen: 500)])
        let flag = try #require(AnomalyDetector().flags(in: try b.build()).first)
        #expect(flag.order == o)
        #expect(
            flag.reason.english.contains(
                "10% of the list price ¥50.00 of SKU-RARE (only 2 lines of the SKU, fewer than 12)"))
        #expect(flag.reason.chinese.contains("SKU-RARE 的目录价 ¥50.00（该 SKU 仅 2 行"))
    }

    @Test func giveawaysAtZeroPriceAreLeftOut() throws {
        var (b, dealer, _, a) = market()
        b.order(partner: dealer, [FactsBuilder.line(a, qty: 1, fen: 0)])
        #expect(AnomalyDetector().flags(in: try b.build()).isEmpty)
    }
}
