import Foundation

/// Price deviations: a line's net unit price far from the SKU's typical price in its partner tier and channel.
///
/// Baseline: median and MAD of log net unit price over the SKU's lines in orders of the same tier and channel;
/// when that group has fewer than ``AnomalyThresholds/minBaselineLines``, the SKU's lines in all tiers and
/// channels; failing that, the list price. A line deviates when its price is below
/// ``AnomalyThresholds/priceLowRatio`` or above ``AnomalyThresholds/priceHighRatio`` × typical and its robust z
/// is beyond ``AnomalyThresholds/priceRobustZ``. Lines with no positive price (giveaways) are left out.
///
/// Learnt once from history (every baseline, in flat arrays), then any line is scored by a few lookups.
struct PriceDeviationRule: Sendable {
    /// Which typical price a line was compared with, and how small the narrower groups were.
    enum Scope {
        case productSegment
        case product(segmentLines: Int)
        case listPrice(productLines: Int)
    }

    /// Baseline of each SKU in one segment, at product × segments + segment.
    let productSegment: [RobustBaseline]
    /// Baseline of each SKU across all segments, by product position.
    let product: [RobustBaseline]
    let segments: SegmentLayout

    /// Learns every baseline from the lines of `context` (log net unit prices of lines with a positive price).
    init(learning context: AnomalyContext, _ facts: OrderFacts, segments: SegmentLayout) {
        let unitNet = facts.lines.unitNet
        let logPrice = context.lines.map { unitNet[Int($0)] > 0 ? log(Double(unitNet[Int($0)])) : .nan }
        let groups = LineGroups(
            members: LineGroups.valid(logPrice), major: context.product, majorCount: facts.products.count,
            minor: context.segment, minorCount: segments.count, values: logPrice)
        productSegment = groups.gridBaselines(spread: .mad)
        product = groups.outerBaselines(spread: .mad)
        self.segments = segments
    }

    /// The deviations among the lines of `context`.
    func flags(_ context: AnomalyContext, _ facts: OrderFacts, _ t: AnomalyThresholds) -> [AnomalyFlag] {
        let (logLow, logHigh) = (log(t.priceLowRatio), log(t.priceHighRatio))
        let prices = facts.lines.unitNet
        var flags: [AnomalyFlag] = []
        for k in context.lines.indices {
            let l = Int(context.lines[k])
            let unitNet = prices[l]
            guard unitNet > 0,
                let (baseline, scope) = baseline(product: context.product[k], segment: context.segment[k], facts, t)
            else { continue }
            let value = log(Double(unitNet))
            let logRatio = value - baseline.center
            guard logRatio < logLow || logRatio > logHigh else { continue }
            let z = baseline.z(value, minSigma: t.priceMinLogSigma)
            guard abs(z) > t.priceRobustZ else { continue }
            flags.append(
                AnomalyFlag(
                    order: Int(facts.lines.order[l]), lineNo: AnomalyContext.lineNo(l, in: facts),
                    kind: .priceDeviation, score: abs(z),
                    reason: Self.reason(line: l, baseline: baseline, scope: scope, z: z, facts, t)))
        }
        return flags
    }

    /// The typical price that a line of `product` in `segment` is compared with: the SKU's in the segment when that
    /// group has enough lines, else the SKU's across segments, else its list price; nil when the SKU has neither
    /// enough lines nor a list price.
    func baseline(product p: Int32, segment: Int32, _ facts: OrderFacts, _ t: AnomalyThresholds)
        -> (RobustBaseline, Scope)?
    {
        let cell = segments.cell(product: p, segment: segment, products: product.count)
        let segmentBaseline = cell.map { productSegment[$0] } ?? .empty
        if segmentBaseline.count >= t.minBaselineLines { return (segmentBaseline, .productSegment) }
        let wider = Int(p) < product.count ? product[Int(p)] : .empty
        if wider.count >= t.minBaselineLines { return (wider, .product(segmentLines: segmentBaseline.count)) }
        // The list price is read from the facts scored, so a SKU added or repriced after learning is compared with
        // its current one.
        let list = facts.products.listPriceMinor[Int(p)]
        guard list > 0 else { return nil }
        // List price in the unit of `unitNet` (fen × 1e6 = 1e-8 yuan); its spread is unknown (σ 0, so the floor
        // applies).
        let baseline = RobustBaseline(center: log(Double(list) * 1_000_000), sigma: 0, count: 0)
        return (baseline, .listPrice(productLines: wider.count))
    }

    static func reason(
        line l: Int, baseline: RobustBaseline, scope: Scope, z: Double, _ facts: OrderFacts, _ t: AnomalyThresholds
    ) -> AnomalyReason {
        let o = Int(facts.lines.order[l])
        let sku = facts.products.code[Int(facts.lines.product[l])]
        let segment = ReasonText.segment(
            tier: facts.partners.tier[Int(facts.orders.partner[o])], channel: facts.orders.channel[o])
        let typical = ReasonText.yuan(exp(baseline.center))
        let spread = ReasonText.spread(baseline, .mad)
        let group: AnomalyReason
        switch scope {
        case .productSegment:
            group = AnomalyReason(
                chinese: "\(sku) 在\(segment.chinese)订单中的典型净单价 \(typical)（\(spread.chinese)）",
                english: "the typical \(typical) of \(sku) in \(segment.english) orders (\(spread.english))")
        case .product(let segmentLines):
            group = AnomalyReason(
                chinese: "\(sku) 在全部层级与渠道中的典型净单价 \(typical)（\(spread.chinese)；\(segment.chinese)"
                    + "仅 \(segmentLines) 行，少于 \(t.minBaselineLines) 行）",
                english: "the typical \(typical) of \(sku) across all tiers and channels (\(spread.english); only "
                    + "\(segmentLines) \(segment.english) lines, fewer than \(t.minBaselineLines))")
        case .listPrice(let productLines):
            group = AnomalyReason(
                chinese: "\(sku) 的目录价 \(typical)（该 SKU 仅 \(productLines) 行，少于 \(t.minBaselineLines) 行）",
                english: "the list price \(typical) of \(sku) (only \(productLines) lines of the SKU, fewer than "
                    + "\(t.minBaselineLines))")
        }
        let price = ReasonText.yuan(Double(facts.lines.unitNet[l]))
        let ratio = ReasonText.percent(exp(log(Double(facts.lines.unitNet[l])) - baseline.center))
        let zText = ReasonText.fixed(z, 1)
        return AnomalyReason(
            chinese: "净单价 \(price) 为\(group.chinese)的 \(ratio)，稳健 z 值 \(zText)",
            english: "net unit price \(price) is \(ratio) of \(group.english), robust z \(zText)")
    }
}
