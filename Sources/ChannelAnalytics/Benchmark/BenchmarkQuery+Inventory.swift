import ChannelCore

extension BenchmarkQuery {
    /// q6: per SKU with snapshots in the last 364 days: the average over snapshot dates of on-hand summed over
    /// locations, the units of live orders in the last 364 days, and days of stock at that rate.
    static func inventoryTurnover(_ s: FactSnapshot, _ window: QueryWindow) -> KPITable {
        let products = s.dimensions.products
        let stock = s.stock
        // Snapshot dates after (as-of date - 364 days).
        let firstDay = window.asOfDay - 363
        let lastDay = window.asOfDay
        // Per product, a bitmap of the window's days that have a snapshot.
        let words = (Int(lastDay - firstDay) + 1 + 63) / 64
        struct Stock: Sendable {
            var onHand: [Int64]
            var days: [UInt64]
        }
        let partials = Parallel.partials(
            chunks: stock.day.chunkCount,
            initial: {
                Stock(onHand: Array(repeating: 0, count: products.count), days: Array(repeating: 0, count: products.count * words))
            }
        ) { c, t in
            let day = stock.day.chunk(c)
            let product = stock.product.chunk(c)
            let onHand = stock.onHand.chunk(c)
            for i in 0..<day.count where day[i] >= firstDay && day[i] <= lastDay {
                let p = Int(product[i])
                let offset = Int(day[i] - firstDay)
                t.onHand[p] += onHand[i]
                t.days[p * words + offset / 64] |= 1 << UInt64(offset % 64)
            }
        }
        var onHand = [Int64](repeating: 0, count: products.count)
        var dayBits = [UInt64](repeating: 0, count: products.count * words)
        for p in partials {
            for i in 0..<products.count { onHand[i] += p.onHand[i] }
            for w in 0..<dayBits.count { dayBits[w] |= p.days[w] }
        }
        let days = (0..<products.count).map { p in dayBits[(p * words)..<((p + 1) * words)].reduce(0) { $0 + $1.nonzeroBitCount } }
        let orders = s.orders
        let start = window.start(days: 364)
        let sales = start...window.asOf
        let keys = orders.keys(window: sales) { o, i in
            StatusCode.isLive(o.status[i]) && sales.contains(o.orderedAt[i]) ? 0 : -1
        }
        let identity = (0..<Int32(products.count)).map { $0 }
        let sold = LineTotals.compute(
            s, orderKey: keys, productKey: identity, productKeys: products.count, groups: products.count, window: sales)
        let rows = (0..<products.count).filter { days[$0] > 0 }.sorted { products.sku[$0] < products.sku[$1] }.map {
            p -> [KPIValue] in
            let average = Double(onHand[p]) / Double(days[p])
            let units = sold.sums[p].units
            return [
                .text(products.sku[p]), .real(average, places: 3), .integer(units),
                units == 0 ? .null : .real(average / (Double(units) / 364.0), places: 3),
            ]
        }
        return KPITable(columns: ["sku", "avg_on_hand", "units_sold", "turnover_days"], rows: rows)
    }
}
