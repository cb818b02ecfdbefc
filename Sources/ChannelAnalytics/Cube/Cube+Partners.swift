import ChannelCore

extension Cube {
    /// The partner win-win index of each active partner in the query's scope and filters, over the period against
    /// the equally long period before: 100 x (w_g g + w_c c + w_r r) with g, c the percent ranks of sales growth and
    /// CSAT and r one minus the percent rank of the median complaint first-response hours, among the partners that
    /// have that component (a missing component counts 0.5). Without the partner dimension: the mean index.
    static func partnerValues(_ slicer: Slicer, _ period: ClosedRange<Int32>, weights: PartnerIndexWeights) throws
        -> ValuesByGroup
    {
        guard slicer.dimensions.isEmpty || slicer.dimensions == [.partner] else {
            throw AnalyticsError("win_win_index is a score per partner: slice it by partner only (or not at all)")
        }
        let s = slicer.snapshot
        let partners = s.dimensions.partners
        let source = FactSource.partners(s, day: period.upperBound)
        try require(slicer, supports: source, Measure.winWinIndex.rawValue)
        let ids = slicer.ids(slicer.numbers(source) { partners.status[$0] == .active })
        let members = ids.indices.filter { ids[$0] >= 0 }
        guard !members.isEmpty else { return [:] }
        let length = period.upperBound - period.lowerBound + 1
        let clock = s.clock
        let current = clock.start(ofDay: period.lowerBound)...(clock.start(ofDay: period.upperBound + 1) - 1)
        let previous = clock.start(ofDay: period.lowerBound - length)...(current.lowerBound - 1)
        let scores = PartnerIndex.scores(s, partners: members, current: current, previous: previous, weights: weights)
        if slicer.dimensions.isEmpty {
            let mean = scores.map(\.index).reduce(0, +) / Double(scores.count)
            return [0: .real(mean, places: 3)]
        }
        var result = ValuesByGroup()
        for (p, score) in zip(members, scores) { result[ids[p]] = .real(score.index, places: 3) }
        return result
    }
}
