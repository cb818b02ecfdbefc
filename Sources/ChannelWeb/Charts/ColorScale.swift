/// A sequential colour scale: light for low values, dark for high ones, in one hue.
///
/// Colours are interpolated linearly in sRGB between a few fixed stops. The stops of ``blues`` get darker one after
/// the other, so a higher fraction never gives a lighter colour (the tile map relies on this).
public struct ColorScale: Sendable, Hashable {
    /// An sRGB colour with 8-bit channels.
    public struct RGB: Sendable, Hashable {
        public var red: UInt8
        public var green: UInt8
        public var blue: UInt8

        public init(red: UInt8, green: UInt8, blue: UInt8) {
            self.red = red
            self.green = green
            self.blue = blue
        }

        /// Parses `#rrggbb` (the `#` is optional, case is ignored); nil for anything else.
        public init?(hex: String) {
            let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
            guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else { return nil }
            self.init(red: UInt8((value >> 16) & 0xFF), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
        }

        /// The colour as `#rrggbb`, lower case.
        public var hex: String { "#" + Self.twoDigits(red) + Self.twoDigits(green) + Self.twoDigits(blue) }

        /// WCAG 2 relative luminance: 0 for black, 1 for white.
        public var relativeLuminance: Double {
            0.2126 * Self.linear(red) + 0.7152 * Self.linear(green) + 0.0722 * Self.linear(blue)
        }

        private static func twoDigits(_ channel: UInt8) -> String {
            let text = String(channel, radix: 16)
            return text.count == 1 ? "0" + text : text
        }

        /// The sRGB transfer function undone: channel / 255, then the WCAG piecewise curve.
        private static func linear(_ channel: UInt8) -> Double {
            let value = Double(channel) / 255
            return value <= 0.04045 ? value / 12.92 : ColorScale.power2point4((value + 0.055) / 1.055)
        }
    }

    /// The stops from the lowest value to the highest, evenly spaced over 0…1.
    public let stops: [RGB]

    /// A scale through `stops` (at least one; an empty list gives a single mid grey).
    public init(stops: [RGB]) {
        self.stops = stops.isEmpty ? [ColorScale.missing] : stops
    }

    /// Five blues from almost white to navy, the default for maps.
    public static let blues = ColorScale(stops: [
        RGB(red: 0xef, green: 0xf6, blue: 0xff),
        RGB(red: 0xbf, green: 0xdb, blue: 0xfe),
        RGB(red: 0x60, green: 0xa5, blue: 0xfa),
        RGB(red: 0x25, green: 0x63, blue: 0xeb),
        RGB(red: 0x1e, green: 0x3a, blue: 0x8a),
    ])

    /// The neutral grey for "no value": no hue, so it never reads as a (low) value on a blue scale.
    public static let missing = RGB(red: 0xd4, green: 0xd4, blue: 0xd8)

    /// Near-black text colour (used on light backgrounds).
    public static let darkText = "#111827"

    /// White text colour (used on dark backgrounds).
    public static let lightText = "#ffffff"

    /// The colour at `fraction` of the way from the first stop to the last; `fraction` is clamped to 0…1 and NaN
    /// counts as 0.
    public func color(at fraction: Double) -> RGB {
        let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        guard stops.count > 1, let last = stops.last else { return stops.first ?? ColorScale.missing }
        let position = clamped * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        let local = position - Double(lower)
        guard local < 1 else { return last }
        let from = stops[lower]
        let to = stops[lower + 1]
        return RGB(
            red: Self.mix(from.red, to.red, local),
            green: Self.mix(from.green, to.green, local),
            blue: Self.mix(from.blue, to.blue, local)
        )
    }

    /// ``color(at:)`` as `#rrggbb`.
    public func hex(at fraction: Double) -> String { color(at: fraction).hex }

    /// The text colour (``darkText`` or ``lightText``) with the higher WCAG contrast ratio on `background`.
    public static func textColor(on background: RGB) -> String {
        let luminance = background.relativeLuminance
        // Contrast ratio is (lighter + 0.05) / (darker + 0.05); white has luminance 1.
        let darkLuminance = RGB(hex: darkText)?.relativeLuminance ?? 0
        let againstWhite = 1.05 / (luminance + 0.05)
        let againstDark = (luminance + 0.05) / (darkLuminance + 0.05)
        return againstWhite > againstDark ? lightText : darkText
    }

    /// ``textColor(on:)`` for a `#rrggbb` background; unparsable colours get dark text.
    public static func textColor(onHex background: String) -> String {
        guard let color = RGB(hex: background) else { return darkText }
        return textColor(on: color)
    }

    private static func mix(_ from: UInt8, _ to: UInt8, _ fraction: Double) -> UInt8 {
        let value = (Double(from) + (Double(to) - Double(from)) * fraction).rounded()
        return UInt8(min(max(value, 0), 255))
    }

    /// `x` to the power 2.4 for `x` in 0…1, without Foundation's `pow`.
    ///
    /// x^2.4 = x² · x^0.4, and x^0.4 is the product of the repeated square roots x^(1/2^k) for the binary digits of
    /// 0.4 (0.0110 0110…₂). Twenty-four digits leave an error far below one 8-bit step.
    static func power2point4(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        var result = x * x
        var root = x
        var remainder = 0.4
        for _ in 0..<24 {
            root = root.squareRoot()
            remainder *= 2
            if remainder >= 1 {
                result *= root
                remainder -= 1
            }
        }
        return result
    }
}
