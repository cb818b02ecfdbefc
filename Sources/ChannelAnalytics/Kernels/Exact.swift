/// Exact decimal helpers on integers scaled by a power of ten.
public enum Exact {
    public static func pow10(_ n: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<n { result *= 10 }
        return result
    }

    /// `value / divisor` rounded half away from zero (divisor > 0).
    public static func divideRounded(_ value: Int128, by divisor: Int128) -> Int128 {
        let quotient = value / divisor
        let remainder = value % divisor
        let twice = remainder < 0 ? -remainder * 2 : remainder * 2
        guard twice >= divisor else { return quotient }
        return value < 0 ? quotient - 1 : quotient + 1
    }

    /// `units x 10^-scale` as text with exactly `scale` decimals, e.g. (12345, 2) -> "123.45".
    public static func text(_ units: Int128, scale: Int) -> String {
        let negative = units < 0
        let magnitude = negative ? -units : units
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }
}
