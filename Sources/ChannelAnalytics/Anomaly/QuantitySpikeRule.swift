import Foundation

/// Quantity spikes: a line's quantity far above what its partner usually orders of its SKU.
///
/// Baseline: median and upper-quartile σ of log quantity over the partner's lines of the SKU (σ pooled with the
/// partner's spread over all SKUs); when that pair has fewer than ``AnomalyThresholds/minBaselineLines``, the
/// partner's lines of all SKUs; failing that, the SKU's lines across partners of the same tier and channel. A line
/// is a spike when its robust z exceeds ``AnomalyThresholds/quantityRobustZ`` and it reaches
/// ``AnomalyThresholds/quantityMinMultiple`` × the median.
enum QuantitySpikeRule {
    /// Which group a line was compared with, and how small the narrower groups were.
    enum Scope {
        case partnerProduct
        case partner(pairLines: Int)
        case productSegment(partnerLines: Int)
    }

    static func flags(_ facts: OrderFacts, _ context: AnomalyContext, _ t: AnomalyThresholds) -> [AnomalyFlag] {
        let qty = facts.lines.qty
        var logQty = [Double](repeating: .nan, count: facts.lines.count)
        for l in context.lines where qty[Int(l)] > 0 { logQty[Int(l)] = log(Double(qty[Int(l)])) }
        let pairs = LineGroups(
            members: context.lines, major: context.partner, majorCount: facts.partners.count,
            minor: facts.lines.product, minorCount: facts.products.count, values: logQty)
        let pair = pairs.baselines(spread: .upperQuartile)
        let partner = (0..<pairs.outerCount).map { pairs.outerBaseline($0, spread: .upperQuartile) }

        let minimum = t.minBaselineLines
        var flags: [AnomalyFlag] = []
        // Lines of partners with too few lines of their own, with that partner's line count.
        var newcomers: [(line: Int, partnerLines: Int)] = []
        for j in 0..<pairs.outerCount {
            let partnerBaseline = partner[j].count >= minimum ? partner[j] : nil
            for g in Int(pairs.outerStarts[j])..<Int(pairs.outerStarts[j + 1]) {
                let chosen: (RobustBaseline, Scope)? =
                    pair[g].count >= minimum
                    ? (pair[g].pooled(with: partnerBaseline, weight: t.spreadPoolingLines), .partnerProduct)
                    : partnerBaseline.map { ($0, .partner(pairLines: pair[g].count)) }
                for k in Int(pairs.starts[g])..<Int(pairs.starts[g + 1]) where !pairs.values[k].isNaN {
                    let l = Int(pairs.lines[k])
                    if let (baseline, scope) = chosen {
                        if let flag = spike(line: l, logQty[l], baseline, scope, facts, t) { flags.append(flag) }
                    } else {
                        newcomers.append((l, partner[j].count))
                    }
                }
            }
        }
        guard !newcomers.isEmpty else { return flags }
        let peers = productSegmentBaselines(for: newcomers.map(\.line), logQty, facts, context, t)
        for (l, partnerLines) in newcomers {
            guard let baseline = peers[l] else { continue }
            let flag = spike(line: l, logQty[l], baseline, .productSegment(partnerLines: partnerLines), facts, t)
            if let flag { flags.append(flag) }
        }
        return flags
    }

    /// The flag of line `l` with log quantity `value` when it is a spike against `baseline`.
    private static func spike(
        line l: Int, _ value: Double, _ baseline: RobustBaseline, _ scope: Scope, _ facts: OrderFacts,
        _ t: AnomalyThresholds
    ) -> AnomalyFlag? {
        let z = baseline.z(value, minSigma: t.quantityMinLogSigma)
        guard z > t.quantityRobustZ, value - baseline.center >= log(t.quantityMinMultiple) else { return nil }
        return AnomalyFlag(
            order: Int(facts.lines.order[l]), lineNo: AnomalyContext.lineNo(l, in: facts), kind: .quantitySpike,
            score: z, reason: reason(line: l, baseline: baseline, scope: scope, z: z, facts, t))
    }

    /// For each of `lines`, the baseline of its SKU among all lines of the same tier and channel, when that group
    /// has enough lines. Only the groups asked for are gathered, in one pass over the lines.
    private static func productSegmentBaselines(
        for lines: [Int], _ logQty: [Double], _ facts: OrderFacts, _ context: AnomalyContext, _ t: AnomalyThresholds
    ) -> [Int: RobustBaseline] {
        let key = { (l: Int) in Int(facts.lines.product[l]) * context.segmentCount + Int(context.segment[l]) }
        var slot = [Int32](repeating: -1, count: facts.products.count * context.segmentCount)
        var values: [[Double]] = []
        for l in lines where slot[key(l)] < 0 {
            slot[key(l)] = Int32(values.count)
            values.append([])
        }
        for member in context.lines where !logQty[Int(member)].isNaN {
            let s = Int(slot[key(Int(member))])
            if s >= 0 { values[s].append(logQty[Int(member)]) }
        }
        let baselines = values.indices.map { s in
            values[s].withUnsafeMutableBufferPointer { RobustBaseline.of($0, spread: .upperQuartile) }
        }
        var result: [Int: RobustBaseline] = [:]
        for l in lines {
            let baseline = baselines[Int(slot[key(l)])]
            if baseline.count >= t.minBaselineLines { result[l] = baseline }
        }
        return result
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
