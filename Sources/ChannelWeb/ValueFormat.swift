/// How the UI writes numbers: grouped digits, money in yuan, rates as percentages.
public enum ValueFormat: Sendable {
    case money
    case count
    /// A fraction shown as a percentage (0.153 -> 15.3%).
    case rate
    case hours
    /// A score out of 100.
    case score
    /// An average rating out of 5.
    case rating

    public func text(_ value: Double?, _ language: Language) -> String {
        guard let value, value.isFinite else { return "—" }
        switch self {
        case .money: return "¥" + Self.grouped(value, decimals: abs(value) >= 10_000 ? 0 : 2)
        case .count: return Self.grouped(value, decimals: 0)
        case .rate: return Self.grouped(value * 100, decimals: 1) + "%"
        case .hours: return Self.grouped(value, decimals: 1) + language.pick(" 小时", " h")
        case .score: return Self.grouped(value, decimals: 1)
        case .rating: return Self.grouped(value, decimals: 2) + " / 5"
        }
    }

    /// A relative change as a signed percentage: +12.3%, −4.0%.
    public static func change(_ change: Double?) -> String {
        guard let change, change.isFinite else { return "—" }
        let text = grouped(abs(change) * 100, decimals: 1) + "%"
        return change > 0.0005 ? "+" + text : (change < -0.0005 ? "−" + text : text)
    }

    /// Digits grouped by thousands, rounded half away from zero.
    static func grouped(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard rounded < 9e18 else { return value < 0 ? "-∞" : "∞" }
        let units = Int64(rounded)
        let whole = units / Int64(scale)
        let fraction = units % Int64(scale)
        var digits = String(whole)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        var text = (value < 0 && units > 0 ? "-" : "") + groups.joined(separator: ",")
        if decimals > 0 {
            let padded = String(fraction)
            text += "." + String(repeating: "0", count: decimals - padded.count) + padded
        }
        return text
    }
}
