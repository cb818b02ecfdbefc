import Foundation

/// Quantity spikes: a line's quantity far above what its partner usually orders of its SKU.
///
/// Baseline: median and upper-quartile σ of log quantity over the partner's lines of the SKU (σ pooled with the
/// partner's spread over all SKUs); when that pair has fewer than ``AnomalyThresholds/minBaselineLines``, the
/// partner's lines of all SKUs; failing that, the SKU's lines across partners of the same tier and channel. A line
/// is a spike when its robust z exceeds ``AnomalyThresholds/quantityRobustZ`` and it reaches
/// ``AnomalyThresholds/quantityMinMultiple`` × the median.
///
/// Learnt once from history (every baseline, in flat arrays or a ``PairTable``), then any line is scored by a few
/// lookups.
struct QuantitySpikeRule: Sendable {
    /// Which group a line was compared with, and how small the narrower groups were.
    enum Scope {
        case partnerProduct
        case partner(pairLines: Int)
        case productSegment(partnerLines: Int)
    }

    /// Baseline of each partner's lines of all SKUs, by partner position.
    let partner: [RobustBaseline]
    /// Baselines of the partner × SKU pairs with enough lines, σ already pooled with the partner's.
    let pair: [RobustBaseline]
    /// Per partner × SKU, the position of its baseline in ``pair``; for a pair with too few lines, -1 − its line
    /// count (so -1 for a pair with none).
    let pairIndex: PairTable
    /// Baseline of each SKU across partners of one segment, at product × segments + segment.
    let productSegment: [RobustBaseline]
    let segments: SegmentLayout
    /// Number of products learnt.
    let products: Int

    /// Learns every baseline from the lines of `context` (log quantities of lines with a positive quantity).
    init(learning context: AnomalyContext, _ facts: OrderFacts, segments: SegmentLayout, _ t: AnomalyThresholds) {
        let logQty = Self.logQuantities(context, facts)
        let valid = LineGroups.valid(logQty)
        let pairs = Self.pairs(valid, logQty, context, facts)
        let pairBaselines = pairs.baselines(spread: .upperQuartile)
        partner = pairs.outerBaselines(spread: .upperQuartile)

        var pair: [RobustBaseline] = []
        var index: [(partner: Int32, product: Int32, value: Int32)] = []
        index.reserveCapacity(pairs.count)
        for j in 0..<pairs.outerCount {
            let p = pairs.majors[j]
            let wider = partner[Int(p)].count >= t.minBaselineLines ? partner[Int(p)] : nil
            for g in Int(pairs.outerStarts[j])..<Int(pairs.outerStarts[j + 1]) {
                let baseline = pairBaselines[g]
                if baseline.count >= t.minBaselineLines {
                    index.append((p, pairs.minors[g], Int32(pair.count)))
                    pair.append(baseline.pooled(with: wider, weight: t.spreadPoolingLines))
                } else {
                    index.append((p, pairs.minors[g], Int32(-1 - baseline.count)))
                }
            }
        }
        self.pair = pair
        products = facts.products.count
        pairIndex = PairTable(
            partners: facts.partners.count, products: products, absent: -1, pairs: index, lines: valid.count)

        let peers = LineGroups(
            members: valid, major: context.product, majorCount: products, minor: context.segment,
            minorCount: segments.count, values: logQty)
        productSegment = peers.gridBaselines(spread: .upperQuartile)
        self.segments = segments
    }

    /// The spikes among the lines of `context`.
    func flags(_ context: AnomalyContext, _ facts: OrderFacts, _ t: AnomalyThresholds) -> [AnomalyFlag] {
        // Pair by pair, so that each pair's baselines are looked up once.
        let logQty = Self.logQuantities(context, facts)
        let pairs = Self.pairs(LineGroups.valid(logQty), logQty, context, facts)
        var flags: [AnomalyFlag] = []
        for j in 0..<pairs.outerCount {
            let p = pairs.majors[j]
            for g in Int(pairs.outerStarts[j])..<Int(pairs.outerStarts[j + 1]) {
                let product = pairs.minors[g]
                let own = ownBaseline(partner: p, product: product, t)
                for i in Int(pairs.starts[g])..<Int(pairs.starts[g + 1]) {
                    let k = Int(pairs.members[i])
                    let chosen = own ?? peerBaseline(partner: p, product: product, segment: context.segment[k], t)
                    guard let (baseline, scope) = chosen else { continue }
                    let l = Int(context.lines[k])
                    if let flag = spike(line: l, pairs.values[i], baseline, scope, facts, t) { flags.append(flag) }
                }
            }
        }
        return flags
    }

    /// The baseline that lines of `partner` × `product` are compared with: the pair's when it has enough lines, else
    /// the partner's across SKUs; nil when the partner has too few lines too (its lines then fall back to
    /// `peerBaseline`).
    func ownBaseline(partner p: Int32, product: Int32, _ t: AnomalyThresholds) -> (RobustBaseline, Scope)? {
        let slot = pairIndex[p, product]
        if slot >= 0 { return (pair[Int(slot)], .partnerProduct) }
        let partnerBaseline = Int(p) < partner.count ? partner[Int(p)] : .empty
        guard partnerBaseline.count >= t.minBaselineLines else { return nil }
        return (partnerBaseline, .partner(pairLines: Int(-1 - slot)))
    }

    /// The baseline that a line of a partner with too few lines is compared with: its SKU's across partners of its
    /// segment; nil when that group has too few lines as well.
    func peerBaseline(partner p: Int32, product: Int32, segment: Int32, _ t: AnomalyThresholds)
        -> (RobustBaseline, Scope)?
    {
        let cell = segments.cell(product: product, segment: segment, products: products)
        guard let cell, productSegment[cell].count >= t.minBaselineLines else { return nil }
        let partnerLines = Int(p) < partner.count ? partner[Int(p)].count : 0
        return (productSegment[cell], .productSegment(partnerLines: partnerLines))
    }

    /// The lines `members` of `context` grouped by partner, then product, with their log quantities `logQty`.
    private static func pairs(
        _ members: [Int32], _ logQty: [Double], _ context: AnomalyContext, _ facts: OrderFacts
    ) -> LineGroups {
        LineGroups(
            members: members, major: context.partner, majorCount: facts.partners.count, minor: context.product,
            minorCount: facts.products.count, values: logQty)
    }

    /// The log quantity of each line of `context` (same index); NaN where the quantity is not positive.
    private static func logQuantities(_ context: AnomalyContext, _ facts: OrderFacts) -> [Double] {
        let qty = facts.lines.qty
        return context.lines.map { qty[Int($0)] > 0 ? log(Double(qty[Int($0)])) : .nan }
    }

    /// The flag of line `l` with log quantity `value` when it is a spike against `baseline`.
    private func spike(
        line l: Int, _ value: Double, _ baseline: RobustBaseline, _ scope: Scope, _ facts: OrderFacts,
        _ t: AnomalyThresholds
    ) -> AnomalyFlag? {
        let z = baseline.z(value, minSigma: t.quantityMinLogSigma)
        guard z > t.quantityRobustZ, value - baseline.center >= log(t.quantityMinMultiple) else { return nil }
        return AnomalyFlag(
            order: Int(facts.lines.order[l]), lineNo: AnomalyContext.lineNo(l, in: facts), kind: .quantitySpike,
            score: z, reason: Self.reason(line: l, baseline: baseline, scope: scope, z: z, facts, t))
    }

    static func reason(
        line l: Int, baseline: RobustBaseline, scope: Scope, z: Double, _ facts: OrderFacts, _ t: AnomalyThresholds
    ) -> AnomalyReason {
        let o = Int(facts.lines.order[l])
        let partner = facts.partners.code[Int(facts.orders.partner[o])]
        let sku = facts.products.code[Int(facts.lines.product[l])]
        let group: AnomalyReason
        switch scope {
        case .partnerProduct:
            group = AnomalyReason(chinese: "渠道伙伴 \(partner) × \(sku)", english: "partner \(partner) × \(sku)")
        case .partner(let pairLines):
            group = AnomalyReason(
                chinese: "渠道伙伴 \(partner) 全部 SKU（\(sku) 仅 \(pairLines) 行，少于 \(t.minBaselineLines) 行）",
                english: "partner \(partner) across all SKUs (only \(pairLines) lines of \(sku), fewer than "
                    + "\(t.minBaselineLines))")
        case .productSegment(let partnerLines):
            let segment = ReasonText.segment(
                tier: facts.partners.tier[Int(facts.orders.partner[o])], channel: facts.orders.channel[o])
            group = AnomalyReason(
                chinese: "\(sku) 在\(segment.chinese)渠道伙伴中（\(partner) 仅 \(partnerLines) 行，少于 "
                    + "\(t.minBaselineLines) 行）",
                english: "\(sku) across \(segment.english) partners (only \(partnerLines) lines of \(partner), "
                    + "fewer than \(t.minBaselineLines))")
        }
        let qty = facts.lines.qty[l]
        let median = ReasonText.quantity(exp(baseline.center))
        let multiple = ReasonText.fixed(exp(log(Double(qty)) - baseline.center), 1)
        let spread = ReasonText.spread(baseline, .upperQuartile)
        let zText = ReasonText.fixed(z, 1)
        return AnomalyReason(
            chinese: "数量 \(qty) 是基线 \(group.chinese) 中位数 \(median) 的 \(multiple) 倍（\(spread.chinese)），"
                + "稳健 z 值 \(zText)",
            english: "\(qty) units is \(multiple)× the median of \(median) units for \(group.english) "
                + "(\(spread.english)), robust z \(zText)")
    }
}
