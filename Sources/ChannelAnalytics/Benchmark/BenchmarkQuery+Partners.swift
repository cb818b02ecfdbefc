import ChannelCore

extension BenchmarkQuery {
    /// q7: the win-win index of every active partner from sales growth, CSAT and complaint response time over the
    /// last 91 days (see the shared KPIS.md), ordered by index (as shown, 3 places) descending, then partner id.
    static func partnerIndex(_ s: FactSnapshot, _ window: QueryWindow) -> KPITable {
        let partners = s.dimensions.partners
        let active = (0..<partners.count).filter { partners.status[$0] == .active }
        let split = window.start(days: 91)
        var scores = PartnerIndex.scores(
            s, partners: active, current: split...window.asOf, previous: window.start(days: 182)...(split - 1),
            weights: .standard)
        let codes = partners.code
        scores.sort {
            let a = KPIValue.rounded($0.index, places: 3)
            let b = KPIValue.rounded($1.index, places: 3)
            return a != b ? a > b : codes[$0.partner] < codes[$1.partner]
        }
        return KPITable(
            columns: ["partner_id", "net_sales_cur", "net_sales_prev", "growth", "csat", "resp_hours", "win_win_index"],
            rows: scores.map { score in
                [
                    .text(codes[score.partner]),
                    .decimal(Exact.divideRounded(score.current, by: 1_000_000), scale: 2),
                    .decimal(Exact.divideRounded(score.previous, by: 1_000_000), scale: 2),
                    score.growth.map { .real($0, places: 6) } ?? .null,
                    score.csat.map { .real($0, places: 6) } ?? .null,
                    score.responseHours.map { .real($0, places: 3) } ?? .null,
                    .real(score.index, places: 3),
                ]
            })
    }
}
