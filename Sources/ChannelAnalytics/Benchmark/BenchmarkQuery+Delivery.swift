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
        // Each worker collects the spans of the orders it scans, per group; the groups are merged after.
        struct Spans: Sendable {
            var values: [[Int64]]
            var onTime: [Int64]
        }
        let partials = Parallel.partials(
            chunks: orders.status.chunkCount,
            initial: { Spans(values: Array(repeating: [], count: groups), onTime: Array(repeating: 0, count: groups)) }
        ) { c, spans in
            let o = OrderChunk(orders, c)
            let status = o.status
            let delivered = o.deliveredAt
            let ordered = o.orderedAt
            let promised = o.promisedAt
            for i in 0..<status.count where status[i] == StatusCode.delivered && delivered[i] != noInstant {
                let month = Int(months.offset(ofDay: o.day[i]))
                let g = month * tierCount + Int(tiers[Int(o.partner[i])])
                spans.values[g].append(delivered[i] - ordered[i])
                if delivered[i] <= promised[i] { spans.onTime[g] += 1 }
            }
        }
        var merged = Array(repeating: [Int64](), count: groups)
        var onTime = Array(repeating: Int64(0), count: groups)
        for p in partials {
            for g in 0..<groups {
                merged[g].append(contentsOf: p.values[g])
                onTime[g] += p.onTime[g]
            }
        }
        let spans = merged
        let onTimeCounts = onTime
        let results: [[KPIValue]?] = Parallel.array(count: groups, chunkSize: 1) { g, output in
            var values = spans[g]
            guard !values.isEmpty else {
                output.set(g, nil)
                return
            }
            let mean = Double(values.reduce(0, +)) / Double(values.count)
            let p50 = Quantile.of(&values, 0.5) ?? 0
            let p90 = Quantile.of(&values, 0.9) ?? 0
            output.set(g, [
                .text(months.text(ofOffset: g / tierCount)), .integer(Int64(g % tierCount)),
                .integer(Int64(values.count)), .real(mean / 3_600_000, places: 3),
                .real(p50 / 3_600_000, places: 3), .real(p90 / 3_600_000, places: 3),
                .real(Double(onTimeCounts[g]) / Double(values.count), places: 6),
            ])
        }
        // Groups are numbered month-major, tier-minor: already in the output order.
        return KPITable(columns: columns, rows: results.compactMap { $0 })
    }
}
