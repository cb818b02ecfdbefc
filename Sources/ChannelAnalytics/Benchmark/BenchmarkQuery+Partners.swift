import ChannelCore

extension BenchmarkQuery {
    /// q7: the win-win index of every active partner from sales growth, CSAT and complaint response time over the
    /// last 91 days (see the shared KPIS.md), ordered by index (as shown, 3 places) descending, then partner id.
    static func partnerIndex(_ s: FactSnapshot, _ window: QueryWindow) -> KPITable {
        let partners = s.dimensions.partners
        let n = partners.count
        let orders = s.orders
        let start = window.start(days: 182)
        let split = window.start(days: 91)
        // Key: partner * 2 + (1 for the current 91 days, 0 for the 91 before).
        let period = start...window.asOf
        let keys = orders.keys(window: period) { o, i in
            let at = o.orderedAt[i]
            guard StatusCode.isLive(o.status[i]), period.contains(at) else { return -1 }
            return o.partner[i] * 2 + (at >= split ? 1 : 0)
        }
        let sales = LineTotals.compute(s, orderKey: keys, groups: 2 * n, window: period)

        var ratingSum = [Int64](repeating: 0, count: n)
        var ratingCount = [Int64](repeating: 0, count: n)
        let feedback = s.feedback
        for i in 0..<feedback.count {
            let at = feedback.createdAt[i]
            guard at >= split, at <= window.asOf else { continue }
            ratingSum[Int(feedback.partner[i])] += Int64(feedback.rating[i])
            ratingCount[Int(feedback.partner[i])] += 1
        }
        var responses = [[Int64]](repeating: [], count: n)
        let complaints = s.complaints
        for i in 0..<complaints.count {
            let opened = complaints.openedAt[i]
            let responded = complaints.firstResponseAt[i]
            guard opened >= split, opened <= window.asOf, responded != noInstant else { continue }
            responses[Int(complaints.partner[i])].append(responded - opened)
        }

        struct Row {
            var partner: Int
            var cur: Int128
            var prev: Int128
            var growth: Double?
            var csat: Double?
            var responseHours: Double?
        }
        var rows: [Row] = (0..<n).filter { partners.status[$0] == .active }.map { p in
            let cur = sales.sums[2 * p + 1].net
            let prev = sales.sums[2 * p].net
            return Row(
                partner: p, cur: cur, prev: prev, growth: prev > 0 ? Double(cur - prev) / Double(prev) : nil,
                csat: ratingCount[p] > 0 ? Double(ratingSum[p]) / Double(ratingCount[p]) : nil,
                responseHours: Quantile.of(&responses[p], 0.5, unit: 3_600_000))
        }
        let g = ranks(rows.map(\.growth))
        let c = ranks(rows.map(\.csat))
        let r = ranks(rows.map(\.responseHours)).map { $0.map { 1 - $0 } }
        var scored = rows.indices.map { i in
            (row: rows[i], index: 100 * (0.5 * (g[i] ?? 0.5) + 0.3 * (c[i] ?? 0.5) + 0.2 * (r[i] ?? 0.5)))
        }
        let codes = partners.code
        scored.sort {
            let a = KPIValue.rounded($0.index, places: 3)
            let b = KPIValue.rounded($1.index, places: 3)
            return a != b ? a > b : codes[$0.row.partner] < codes[$1.row.partner]
        }
        rows = []
        return KPITable(
            columns: ["partner_id", "net_sales_cur", "net_sales_prev", "growth", "csat", "resp_hours", "win_win_index"],
            rows: scored.map { item in
                let row = item.row
                return [
                    .text(codes[row.partner]),
                    .decimal(Exact.divideRounded(row.cur, by: 1_000_000), scale: 2),
                    .decimal(Exact.divideRounded(row.prev, by: 1_000_000), scale: 2),
                    row.growth.map { .real($0, places: 6) } ?? .null,
                    row.csat.map { .real($0, places: 6) } ?? .null,
                    row.responseHours.map { .real($0, places: 3) } ?? .null,
                    .real(item.index, places: 3),
                ]
            })
    }

    /// Percent ranks among the values present; nil where the value is missing.
    private static func ranks(_ values: [Double?]) -> [Double?] {
        let present = values.indices.filter { values[$0] != nil }
        let ranked = PercentRank.of(present.compactMap { values[$0] })
        var result = [Double?](repeating: nil, count: values.count)
        for (k, i) in present.enumerated() { result[i] = ranked[k] }
        return result
    }
}
