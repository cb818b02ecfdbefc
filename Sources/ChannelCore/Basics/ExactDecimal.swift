/// A decimal number held exactly as an integer and a power-of-ten scale: `35.10` is (3510, 2).
///
/// Parsing is written by hand rather than through `Decimal(string:)` because that accepts
/// partial input ("12abc" -> 12) and is far slower on the import hot path.
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    public var units: Int64
    public var scale: Int

    public init(units: Int64, scale: Int) {
        self.units = units
        self.scale = scale
    }

    /// Parses `-12`, `12.5`, `.5`, `+3.000`; no exponent, no thousands separators (mappings strip those first).
    public init(parsing text: String) throws(FieldError) {
        var copy = text
        let parsed = copy.withUTF8 { ExactDecimal.parse($0) }
        guard let parsed else { throw FieldError("is not a decimal number") }
        self = parsed
    }

    /// Parses UTF-8 bytes; nil when they are not a plain decimal number that fits 18 significant digits.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var units: Int64 = 0
        var digits = 0
        var scale = 0
        var seenPoint = false
        var sawDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= 48 && byte <= 57 {
                if digits == 18 { return nil }
                sawDigit = true
                units = units * 10 + Int64(byte - 48)
                if units != 0 { digits += 1 }
                if seenPoint { scale += 1 }
            } else {
                return nil
            }
            index += 1
        }
        // At least one digit must be present ("." or "-" alone are not numbers).
        guard sawDigit else { return nil }
        return ExactDecimal(units: negative ? -units : units, scale: scale)
    }

    /// The value in units of 10^-target, when that is exact and fits; nil otherwise.
    public func scaled(to target: Int) -> Int64? {
        if target >= scale {
            var result = units
            for _ in 0..<(target - scale) {
                let (next, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = next
            }
            return result
        }
        var result = units
        for _ in 0..<(scale - target) {
            guard result % 10 == 0 else { return nil }
            result /= 10
        }
        return result
    }

    public var description: String {
        guard scale > 0 else { return String(units) }
        let magnitude = String(units.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return (units < 0 ? "-" : "") + padded[..<split] + "." + padded[split...]
    }
}
