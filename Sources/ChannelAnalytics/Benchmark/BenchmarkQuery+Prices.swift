import ChannelCore

extension BenchmarkQuery {
    /// q8: SKU-days of the last 30 days where the lowest online net unit price is below the average net unit price
    /// that tier-3 dealers paid offline (per line), by business date and SKU.
    static func priceConflict(_ s: FactSnapshot, _ window: QueryWindow) -> KPITable {
        let columns = ["d", "sku", "online_min", "dealer_avg", "gap"]
        let orders = s.orders
        let tiers = s.dimensions.partners.tier
        let products = s.dimensions.products
        let start = window.start(days: 30)
        let online = ChannelCode.online
        let offline = ChannelCode.offline
        // The business days the window touches.
        let firstDay = s.clock.day(of: start)
        let days = Int(s.clock.day(of: window.asOf) - firstDay) + 1
        // Key: day offset * 2 + (1 online, 0 tier-3 offline); other orders -1.
        let period = start...window.asOf
        let keys = orders.keys(window: period) { o, i in
            guard StatusCode.isLive(o.status[i]), period.contains(o.orderedAt[i]) else { return -1 }
            let channel = o.channel[i]
            let side: Int32
            if channel == online {
                side = 1
            } else if channel == offline, tiers[Int(o.partner[i])] == 3 {
                side = 0
            } else {
                return -1
            }
            return (o.day[i] - firstDay) * 2 + side
        }
        let groups = days * products.count
        struct Prices: Sendable {
            var onlineMin: [Int64]
            var dealerSum: [Int128]
            var dealerCount: [Int64]
        }
        let lines = s.lines
        let partials = Parallel.partials(
            chunks: lines.order.chunkCount,
            initial: {
                Prices(
                    onlineMin: Array(repeating: Int64.max, count: groups), dealerSum: Array(repeating: 0, count: groups),
                    dealerCount: Array(repeating: 0, count: groups))
            }
        ) { c, t in
            guard lines.zones.overlaps(chunk: c, period) else { return }
            let order = lines.order.chunk(c)
            let product = lines.product.chunk(c)
            let unitNet = lines.unitNet.chunk(c)
            for i in 0..<order.count {
                let key = keys[Int(order[i])]
                if key < 0 { continue }
                let g = Int(key >> 1) * products.count + Int(product[i])
                if key & 1 == 1 {
                    if unitNet[i] < t.onlineMin[g] { t.onlineMin[g] = unitNet[i] }
                } else {
                    t.dealerSum[g] += Int128(unitNet[i])
                    t.dealerCount[g] += 1
                }
            }
        }
        var onlineMin = [Int64](repeating: Int64.max, count: groups)
        var dealerSum = [Int128](repeating: 0, count: groups)
        var dealerCount = [Int64](repeating: 0, count: groups)
        for p in partials {
            for g in 0..<groups {
                onlineMin[g] = min(onlineMin[g], p.onlineMin[g])
                dealerSum[g] += p.dealerSum[g]
                dealerCount[g] += p.dealerCount[g]
            }
        }
        var rows: [(day: Int32, sku: String, values: [KPIValue])] = []
        for g in 0..<groups where onlineMin[g] != Int64.max && dealerCount[g] > 0 {
            // online_min < dealer_avg, compared exactly: min x count < sum.
            guard Int128(onlineMin[g]) * Int128(dealerCount[g]) < dealerSum[g] else { continue }
            let average = Double(dealerSum[g]) / Double(dealerCount[g])
            rows.append(
                (
                    firstDay + Int32(g / products.count), products.sku[g % products.count],
                    [
                        .decimal(Exact.divideRounded(Int128(onlineMin[g]), by: 1_000_000), scale: 2),
                        .decimal(Exact.divideRounded(dealerSum[g], by: Int128(dealerCount[g]) * 10_000), scale: 4),
                        .real(1 - Double(onlineMin[g]) / average, places: 6),
                    ]
                ))
        }
        rows.sort { ($0.day, $0.sku) < ($1.day, $1.sku) }
        return KPITable(
            columns: columns,
            rows: rows.map { [.text(CalendarDay(daysSinceEpoch: $0.day).description), .text($0.sku)] + $0.values })
    }
}
