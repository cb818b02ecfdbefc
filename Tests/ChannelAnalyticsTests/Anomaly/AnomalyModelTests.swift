import Testing

@testable import ChannelAnalytics

/// A model learnt once scores orders added later against what it learnt, and scores any subset of orders.
@Suite struct AnomalyModelTests {
    /// A partner ordering SKU-A in typical quantities on the 24 days before the last one.
    func history() -> (FactsBuilder, partner: Int, a: Int, b: Int) {
        var builder = FactsBuilder()
        let p = builder.partner("P000123")
        let a = builder.product("SKU-A")
        let b = builder.product("SKU-B")
        for (i, q) in typicalQuantities.enumerated() {
            builder.order(partner: p, day: FactsBuilder.lastDay - Int32(i) - 1, [FactsBuilder.line(a, qty: q)])
        }
        return (builder, p, a, b)
    }

    @Test func newOrdersAreScoredAgainstTheLearntBaselines() throws {
        var (builder, p, a, b) = history()
        let model = AnomalyModel(learning: try builder.build())
        let ordinary = builder.order(partner: p, [FactsBuilder.line(a, qty: 11), FactsBuilder.line(b, qty: 5)])
        let spike = builder.order(partner: p, minute: 700, [FactsBuilder.line(a, qty: 500)])
        let flags = model.flags(in: try builder.build(), orders: [ordinary, spike])
        let flag = try #require(flags.first)
        #expect(flags.count == 1)
        #expect(flag.order == spike)
        #expect(flag.kind == .quantitySpike)
        #expect(flag.reason.english.contains("500 units is 50.0× the median of 10 units for partner P000123 × SKU-A"))
        // The baseline is the 24 lines learnt, not the new ones.
        #expect(flag.reason.english.contains("(24 lines,"))
    }

    @Test func newPartnersAndSkusFallBackToWhatWasLearnt() throws {
        var builder = FactsBuilder()
        let a = builder.product("SKU-A")
        for k in 0..<3 {
            let peer = builder.partner("P00010\(k)")
            for (i, q) in typicalQuantities.enumerated() {
                builder.order(partner: peer, day: FactsBuilder.lastDay - Int32(i) - 1, [FactsBuilder.line(a, qty: q)])
            }
        }
        let model = AnomalyModel(learning: try builder.build())
        let newcomer = builder.partner("P000999")
        let newSKU = builder.product("SKU-NEW", listFen: 5_000)
        let o = builder.order(
            partner: newcomer, [FactsBuilder.line(a, qty: 600), FactsBuilder.line(newSKU, qty: 1, fen: 500)])
        let flags = model.flags(in: try builder.build(), orders: [o])
        #expect(flags.map(\.kind) == [.quantitySpike, .priceDeviation])
        let spike = try #require(flags.first)
        #expect(spike.reason.english.contains("SKU-A across tier-3 offline partners (only 0 lines of P000999"))
        #expect(flags.last?.reason.english.contains("10% of the list price ¥50.00 of SKU-NEW (only 0 lines") == true)
    }

    @Test func aSubsetGetsExactlyItsShareOfTheFlagsOfAll() throws {
        let facts = try FactsBuilder.random(seed: 11).build()
        let model = AnomalyModel(learning: facts)
        let all = model.flags(in: facts, orders: 0..<facts.orders.count)
        #expect(all == AnomalyDetector().flags(in: facts))
        let lastDays = Set(facts.orders.day.indices.filter { facts.orders.day[$0] > FactsBuilder.lastDay - 14 })
        let subsets: [Set<Int>] = [
            lastDays,
            Set(stride(from: 3, to: facts.orders.count, by: 7)),
            Set(all.filter { $0.kind == .duplicateOrder }.map(\.order)),
        ]
        for subset in subsets {
            #expect(!subset.isEmpty)
            #expect(model.flags(in: facts, orders: subset) == all.filter { subset.contains($0.order) })
        }
        // Order, repeats and positions outside the facts do not matter.
        let sorted = lastDays.sorted()
        let messy = sorted.reversed() + sorted + [-1, facts.orders.count, facts.orders.count + 7]
        #expect(model.flags(in: facts, orders: messy) == model.flags(in: facts, orders: sorted))
    }

    @Test func aRepeatIsFoundWhateverOrdersOfItsDayAreScored() throws {
        var (builder, p, a, b) = history()
        let first = builder.order(
            partner: p, minute: 600, [FactsBuilder.line(a, qty: 12), FactsBuilder.line(b, qty: 3)])
        let repeatOrder = builder.order(
            partner: p, minute: 603, [FactsBuilder.line(b, qty: 3), FactsBuilder.line(a, qty: 12)])
        let facts = try builder.build()
        let model = AnomalyModel(learning: facts)
        let both = model.flags(in: facts, orders: [first, repeatOrder])
        #expect(both.map(\.order) == [repeatOrder])
        #expect(both.first?.reason.english.contains("repeats the earlier order SO\(100_000 + first)") == true)
        // The earlier order need not be scored; scoring it alone flags nothing.
        #expect(model.flags(in: facts, orders: [repeatOrder]) == both)
        #expect(model.flags(in: facts, orders: [first]).isEmpty)
    }

    @Test func aNewOrderRepeatingALearntOneIsFlagged() throws {
        var (builder, p, a, _) = history()
        let first = builder.order(partner: p, minute: 600, [FactsBuilder.line(a, qty: 30)])
        let model = AnomalyModel(learning: try builder.build())
        let repeatOrder = builder.order(partner: p, minute: 602, [FactsBuilder.line(a, qty: 30)])
        let flags = model.flags(in: try builder.build(), orders: [repeatOrder])
        #expect(flags.map(\.kind) == [.duplicateOrder])
        #expect(flags.first?.reason.english.contains("repeats the earlier order SO\(100_000 + first)") == true)
        #expect(flags.first?.reason.english.contains("on 0 other days") == true)
    }

    @Test func routineBasketDaysCountTheLearntAndTheScoredOnes() throws {
        var (builder, p, a, _) = history()
        // The basket on two earlier days, learnt; then twice on the last day, and once more on a later day.
        for day in [FactsBuilder.lastDay - 3, FactsBuilder.lastDay - 2] {
            builder.order(partner: p, day: day, [FactsBuilder.line(a, qty: 1)])
        }
        let model = AnomalyModel(learning: try builder.build())
        builder.order(partner: p, day: FactsBuilder.lastDay - 1, [FactsBuilder.line(a, qty: 1)])
        builder.order(partner: p, minute: 600, [FactsBuilder.line(a, qty: 1)])
        let repeatOrder = builder.order(partner: p, minute: 601, [FactsBuilder.line(a, qty: 1)])
        let facts = try builder.build()
        // Scoring the last day alone: two learnt days besides it, so not yet routine.
        let lastDay = model.flags(in: facts, orders: [repeatOrder - 1, repeatOrder])
        #expect(lastDay.map(\.order) == [repeatOrder])
        #expect(lastDay.first?.reason.english.contains("on 2 other days") == true)
        // Scoring the new orders of both days: three other days, a routine basket.
        #expect(model.flags(in: facts, orders: (repeatOrder - 2)...repeatOrder).isEmpty)
    }
}

extension AnomalyModel {
    /// The flags of `orders` of hand-built facts, whose order `o` is numbered `SO` + (100000 + o).
    func flags(in facts: OrderFacts, orders: some Sequence<Int>) -> [AnomalyFlag] {
        flags(in: facts, orders: orders) { positions in
            Dictionary(uniqueKeysWithValues: positions.map { ($0, "SO\(100_000 + $0)") })
        }
    }
}
