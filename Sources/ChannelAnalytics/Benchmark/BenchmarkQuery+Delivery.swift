import ChannelCore

extension BenchmarkQuery {
    /// q2: order-to-delivery hours of delivered orders by business month and partner tier: count, mean, p50, p90,
    /// and the share delivered by the promised time.
    static func cycleTime(_ s: FactSnapshot) -> KPITable {
        let columns = ["month", "tier", "delivered_orders", "mean_hours", "p50_hours", "p90_hours", "on_time_rate"]
        let orders = s.orders
        guard let months = MonthIndex(orders) else { return KPITable(columns: columns) }
        let tiers = s.dimensions.partners.tier
        let tierCount = Int(tiers.max() ?? 0) + 1
        let groups = months.months * tierCount
        let delivered = StatusCode.delivered
        // Key: month * tiers + tier, for delivered orders.
        let keys = orders.keys { o, i in
            guard o.status[i] == delivered, o.deliveredAt[i] != noInstant else { return -1 }
            return months.offset(ofDay: o.day[i]) * Int32(tierCount) + Int32(tiers[Int(o.partner[i])])
        }
        let spans = GroupedValues(keys: keys, values: orders.spans(to: \.deliveredAt), groups: groups)
        let onTime = orders.count(keys: keys, groups: groups) { o, i in o.deliveredAt[i] <= o.promisedAt[i] }
        let results: [[KPIValue]?] = Parallel.array(count: groups, chunkSize: 1) { g, output in
            let count = spans.count(g)
            guard count > 0 else {
                output.set(g, nil)
                return
            }
            let values = spans.values(g)
            let sum = values.reduce(Int64(0), +)
            let (p50, p90) = Quantile.pair(values, 0.5, 0.9, unit: 3_600_000)
            output.set(
                g,
                [
                    .text(months.text(ofOffset: g / tierCount)), .integer(Int64(g % tierCount)), .integer(Int64(count)),
                    .real(Double(sum) / Double(count) / 3_600_000, places: 3),
                    .real(p50, places: 3), .real(p90, places: 3),
                    .real(Double(onTime[g]) / Double(count), places: 6),
                ])
        }
        // Groups are numbered month-major, tier-minor: already in the output order.
        return KPITable(columns: columns, rows: results.compactMap { $0 })
    }
}
