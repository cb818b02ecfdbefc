import ChannelCore

/// Number, money, date and segment wording shared by the reasons.
enum ReasonText {
    /// `x` rounded to `digits` decimals, without a thousands separator ("-115.0", "0.58").
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x > 0 ? "∞" : (x < 0 ? "-∞" : "NaN") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(x) * scale).rounded())
        let sign = x < 0 && scaled != 0 ? "-" : ""
        let whole = scaled / Int64(scale)
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fraction = String(scaled % Int64(scale))
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }

    /// A quantity: whole when it is (near) whole, else with one decimal (a median of an even count may fall
    /// between two quantities).
    static func quantity(_ x: Double) -> String {
        abs(x - x.rounded()) < 0.05 ? fixed(x, 0) : fixed(x, 1)
    }

    /// An amount in 1e-8 yuan as "¥21.00".
    static func yuan(_ unitNet: Double) -> String { "¥" + fixed(unitNet / 100_000_000, 2) }

    /// A ratio as a percentage, "10%".
    static func percent(_ ratio: Double) -> String { fixed(ratio * 100, 0) + "%" }

    /// A business day (days since 1970-01-01) as an ISO date.
    static func date(_ day: Int32) -> String { CalendarDay(daysSinceEpoch: day).description }

    /// A partner tier and sales channel: "三级线下" / "tier-3 offline".
    static func segment(tier: UInt8, channel: UInt8) -> AnomalyReason {
        let tierZh = ["平台/直营", "一级", "二级", "三级"]
        let zh = Int(tier) < tierZh.count ? tierZh[Int(tier)] : "\(tier)级"
        let en = tier == 0 ? "tier-0 (platform/direct)" : "tier-\(tier)"
        switch channel {
        case 0: return AnomalyReason(chinese: zh + "线下", english: en + " offline")
        case 1: return AnomalyReason(chinese: zh + "线上", english: en + " online")
        default: return AnomalyReason(chinese: zh + "渠道\(channel)", english: en + " channel \(channel)")
        }
    }

    /// How to read a baseline's spread, "41 行，对数尺度 MAD 稳健 σ 0.58" / "41 lines, MAD-based σ on log scale 0.58".
    static func spread(_ baseline: RobustBaseline, _ kind: RobustBaseline.Spread) -> AnomalyReason {
        let sigma = fixed(baseline.sigma, 2)
        switch kind {
        case .mad:
            return AnomalyReason(
                chinese: "\(baseline.count) 行，对数尺度 MAD 稳健 σ \(sigma)",
                english: "\(baseline.count) lines, MAD-based σ on log scale \(sigma)")
        case .upperQuartile:
            return AnomalyReason(
                chinese: "\(baseline.count) 行，对数尺度上四分位稳健 σ \(sigma)",
                english: "\(baseline.count) lines, upper-quartile σ on log scale \(sigma)")
        }
    }

}
