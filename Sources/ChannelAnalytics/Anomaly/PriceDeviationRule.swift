import Foundation

/// Price deviations: a line's net unit price far from the SKU's typical price in its partner tier and channel.
///
/// Baseline: median and MAD of log net unit price over the SKU's lines in orders of the same tier and channel;
/// when that group has fewer than ``AnomalyThresholds/minBaselineLines``, the SKU's lines in all tiers and
/// channels; failing that, the list price. A line deviates when its price is below
/// ``AnomalyThresholds/priceLowRatio`` or above ``AnomalyThresholds/priceHighRatio`` × typical and its robust z
/// is beyond ``AnomalyThresholds/priceRobustZ``. Lines with no positive price (giveaways) are left out.
enum PriceDeviationRule {
    /// Which typical price a line was compared with, and how small the narrower groups were.
    enum Scope {
        case productSegment
        case product(segmentLines: Int)
        case listPrice(productLines: Int)
    }

    static func flags(_ facts: OrderFacts, _ context: AnomalyContext, _ t: AnomalyThresholds) -> [AnomalyFlag] {
        let unitNet = facts.lines.unitNet
        var logPrice = [Double](repeating: .nan, count: facts.lines.count)
        for l in context.lines where unitNet[Int(l)] > 0 { logPrice[Int(l)] = log(Double(unitNet[Int(l)])) }
        let groups = LineGroups(
            members: context.lines, major: facts.lines.product, majorCount: facts.products.count,
            minor: context.segment, minorCount: context.segmentCount, values: logPrice)
        let productSegment = groups.baselines(spread: .mad)
        let (logLow, logHigh) = (log(t.priceLowRatio), log(t.priceHighRatio))

        let minimum = t.minBaselineLines
        var flags: [AnomalyFlag] = []
        for j in 0..<groups.outerCount {
            // The SKU's baseline across tiers and channels, computed once some group of it is too small.
            var product: RobustBaseline?
            for g in Int(groups.outerStarts[j])..<Int(groups.outerStarts[j + 1]) {
                for k in Int(groups.starts[g])..<Int(groups.starts[g + 1]) {
                    let l = Int(groups.lines[k])
                    let value = groups.values[k]
                    guard !value.isNaN else { continue }
                    let chosen: (RobustBaseline, Scope)
                    if productSegment[g].count >= minimum {
                        chosen = (productSegment[g], .productSegment)
                    } else {
                        let wider = product ?? groups.outerBaseline(j, spread: .mad)
                        product = wider
                        if wider.count >= minimum {
                            chosen = (wider, .product(segmentLines: productSegment[g].count))
                        } else {
                            let list = facts.products.listPriceMinor[Int(facts.lines.product[l])]
                            guard list > 0 else { continue }
                            // List price in the unit of `unitNet` (fen × 1e6 = 1e-8 yuan); its spread is unknown (σ 0,
                            // so the floor applies).
                            let baseline = RobustBaseline(center: log(Double(list) * 1_000_000), sigma: 0, count: 0)
                            chosen = (baseline, .listPrice(productLines: wider.count))
                        }
                    }
                    let (baseline, scope) = chosen
                    let logRatio = value - baseline.center
                    guard logRatio < logLow || logRatio > logHigh else { continue }
                    let z = baseline.z(value, minSigma: t.priceMinLogSigma)
                    guard abs(z) > t.priceRobustZ else { continue }
                    flags.append(
                        AnomalyFlag(
                            order: Int(facts.lines.order[l]), lineNo: AnomalyContext.lineNo(l, in: facts),
                            kind: .priceDeviation, score: abs(z),
                            reason: reason(line: l, baseline: baseline, scope: scope, z: z, facts, t)))
                }
            }
        }
        return flags
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
