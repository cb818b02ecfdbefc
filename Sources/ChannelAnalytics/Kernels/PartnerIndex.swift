/// The partner win-win index: sales growth, CSAT and complaint response of each partner, ranked among the partners
/// scored together.
enum PartnerIndex {
    struct Score: Sendable {
        var partner: Int
        /// Net sales (1e-8 of the currency unit) in the current and the previous window.
        var current: Int128
        var previous: Int128
        /// (current - previous) / previous; nil when previous is not positive.
        var growth: Double?
        /// Mean rating of feedback created in the current window.
        var csat: Double?
        /// Median hours to the first response of complaints opened in the current window.
        var responseHours: Double?
        var index: Double
    }

    /// Scores `partners` (indexes) over the `current` window of instants against the `previous` one. Sales count
    /// live orders by order time; feedback and complaints count in the current window only.
    static func scores(
        _ s: FactSnapshot, partners members: [Int], current: ClosedRange<Int64>, previous: ClosedRange<Int64>,
        weights: PartnerIndexWeights
    ) -> [Score] {
        let n = s.dimensions.partners.count
        let orders = s.orders
        let span = min(current.lowerBound, previous.lowerBound)...max(current.upperBound, previous.upperBound)
        // Key: partner * 2 + (1 in the current window, 0 in the previous one).
        let keys = orders.keys(window: span) { o, i in
            let at = o.orderedAt[i]
            guard StatusCode.isLive(o.status[i]) else { return -1 }
            if current.contains(at) { return o.partner[i] * 2 + 1 }
            return previous.contains(at) ? o.partner[i] * 2 : -1
        }
        let sales = LineTotals.compute(s, orderKey: keys, groups: 2 * n, window: span)

        var ratingSum = [Int64](repeating: 0, count: n)
        var ratingCount = [Int64](repeating: 0, count: n)
        let feedback = s.feedback
        for i in 0..<feedback.count where current.contains(feedback.createdAt[i]) {
            ratingSum[Int(feedback.partner[i])] += Int64(feedback.rating[i])
            ratingCount[Int(feedback.partner[i])] += 1
        }
        var responses = [[Int64]](repeating: [], count: n)
        let complaints = s.complaints
        for i in 0..<complaints.count where current.contains(complaints.openedAt[i]) && complaints.firstResponseAt[i] != noInstant {
            responses[Int(complaints.partner[i])].append(complaints.firstResponseAt[i] - complaints.openedAt[i])
        }

        var scores = members.map { p in
            let cur = sales.sums[2 * p + 1].net
            let prev = sales.sums[2 * p].net
            return Score(
                partner: p, current: cur, previous: prev, growth: prev > 0 ? Double(cur - prev) / Double(prev) : nil,
                csat: ratingCount[p] > 0 ? Double(ratingSum[p]) / Double(ratingCount[p]) : nil,
                responseHours: Quantile.of(&responses[p], 0.5, unit: 3_600_000), index: 0)
        }
        let g = ranks(scores.map(\.growth))
        let c = ranks(scores.map(\.csat))
        let r = ranks(scores.map(\.responseHours)).map { $0.map { 1 - $0 } }
        for i in scores.indices {
            // The reference's order of operations, so that equal inputs give bit-equal indexes.
            scores[i].index = 100 * (weights.growth * (g[i] ?? 0.5) + weights.csat * (c[i] ?? 0.5) + weights.response * (r[i] ?? 0.5))
        }
        return scores
    }

    /// Percent ranks among the values present; nil where the value is missing.
    static func ranks(_ values: [Double?]) -> [Double?] {
        let present = values.indices.filter { values[$0] != nil }
        let ranked = PercentRank.of(present.compactMap { values[$0] })
        var result = [Double?](repeating: nil, count: values.count)
        for (k, i) in present.enumerated() { result[i] = ranked[k] }
        return result
    }
}
