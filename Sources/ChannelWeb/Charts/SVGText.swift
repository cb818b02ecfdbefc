/// Markup and text helpers shared by the SVG charts: XML escaping, number formatting without Foundation, rough text
/// widths, and the `<svg>` root element every chart uses.
///
/// Everything here is a pure function of its arguments, so the charts render the same markup on every platform.
public enum SVGText {
    /// Escapes `text` for use as XML character data or as a quoted attribute value.
    ///
    /// Replaces `&`, `<`, `>`, `"` and `'` with entities, and drops the control characters XML 1.0 forbids
    /// (everything below U+0020 except tab, line feed and carriage return, plus U+FFFE and U+FFFF), so a stray byte in
    /// a partner's name cannot make the page's SVG unparsable.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A short label for an axis or legend: `1234567` is `1.2M` in English and `123.5万` in Chinese.
    ///
    /// English uses K, M, B and T (powers of 1,000); Chinese uses 万 (10⁴) and 亿 (10⁸), as Chinese readers count.
    /// Below the first unit the number is shown plainly with at most three significant decimals (`97`, `2.5`,
    /// `0.153`). A value that rounds up into the next unit moves there (`999,960` is `1M`, not `1000K`). Infinite
    /// and NaN values are shown as an en dash.
    public static func compact(_ value: Double, language: Language) -> String {
        guard value.isFinite else { return "–" }
        let units: [(size: Double, suffix: String)] =
            switch language {
            case .chinese: [(1e4, "万"), (1e8, "亿")]
            case .english: [(1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")]
            }
        let magnitude = abs(value)
        // Rounding can carry into the next unit (999.96K → 1000.0K, 9,999.7 → 10000); show that as 1M, 1万 instead.
        var index = units.lastIndex(where: { magnitude >= $0.size })
        let nextIndex = index.map { $0 + 1 } ?? 0
        if nextIndex < units.count {
            let shown = index.map { rounded(magnitude / units[$0].size, fractionDigits: 1) * units[$0].size } ?? magnitude.rounded()
            if shown >= units[nextIndex].size { index = nextIndex }
        }
        guard let index else { return plain(value) }
        return decimal(value / units[index].size, maxFractionDigits: 1) + units[index].suffix
    }

    /// A fraction shown as a percentage: `0.153` is `15.3%`, `0.05` is `5%`.
    public static func percent(_ fraction: Double, maxFractionDigits: Int = 1) -> String {
        guard fraction.isFinite else { return "–" }
        return decimal(fraction * 100, maxFractionDigits: maxFractionDigits) + "%"
    }

    /// `value` rounded half away from zero to at most `maxFractionDigits` decimals, without trailing zeros.
    ///
    /// `decimal(12.50, maxFractionDigits: 2)` is `12.5`; `decimal(-0.004, maxFractionDigits: 2)` is `0` (never `-0`).
    /// Magnitudes too large for exact integer arithmetic (≥ 10¹⁵ after scaling) fall back to Swift's own description.
    public static func decimal(_ value: Double, maxFractionDigits: Int) -> String {
        guard value.isFinite else { return "–" }
        let digits = min(max(maxFractionDigits, 0), 6)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 1e15 else { return value.description }
        let units = Int64(scaled)
        let sign = value < 0 && units != 0 ? "-" : ""
        var fraction = units % scale
        var fractionDigits = digits
        while fractionDigits > 0, fraction % 10 == 0 {
            fraction /= 10
            fractionDigits -= 1
        }
        let integerText = sign + String(units / scale)
        guard fractionDigits > 0 else { return integerText }
        let fractionText = String(fraction)
        return integerText + "." + String(repeating: "0", count: fractionDigits - fractionText.count) + fractionText
    }

    /// The fonts the charts ask for: the platform's UI font, with common Chinese fonts before the generic fallback.
    static let fontFamily = "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"

    /// The `<svg>` root shared by all charts, around `body`.
    ///
    /// It has a `viewBox` of `width` × `height` and `width="100%"` (so it scales to its container), `role="img"`, an
    /// `aria-label` and a `<title>` with `title`, and the class `chart chart-<kind>` for the stylesheet.
    static func document(title: String, width: Double, height: Double, kind: String, body: String) -> String {
        let label = escaped(title)
        var markup = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-\(kind)\" "
        markup += "viewBox=\"0 0 \(coordinate(width)) \(coordinate(height))\" width=\"100%\" role=\"img\" "
        markup += "aria-label=\"\(label)\" font-family=\"\(fontFamily)\"><title>\(label)</title>"
        return markup + body + "</svg>"
    }

    /// A chart with nothing to show: the same root as ``document(title:width:height:kind:body:)`` holding `message`.
    static func emptyDocument(title: String, message: String, kind: String) -> String {
        let body = "<text class=\"empty\" x=\"320\" y=\"60\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"14\" "
            + "fill=\"#6b7280\">\(escaped(message))</text>"
        return document(title: title, width: 640, height: 120, kind: kind, body: body)
    }

    /// A coordinate or length for an SVG attribute, with at most one decimal (`12.5`, `40`).
    static func coordinate(_ value: Double) -> String { decimal(value, maxFractionDigits: 1) }

    /// An estimate of the rendered width of `text`, in the same unit as `fontSize`.
    ///
    /// There is no font metrics library on the server, so this counts East Asian wide characters (CJK ideographs,
    /// kana, Hangul, full-width forms) as one em and Latin text by a few width classes: close enough to lay out labels
    /// and to decide where to cut them.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        text.reduce(0) { width, character in width + emWidth(of: character) * fontSize }
    }

    /// `text` cut to fit `maxWidth` (by ``estimatedWidth(_:fontSize:)``) with a trailing `…`, or unchanged if it fits.
    static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        guard estimatedWidth(text, fontSize: fontSize) > maxWidth else { return text }
        let budget = maxWidth - fontSize  // room for the ellipsis, which is wide in CJK fonts
        var width = 0.0
        var kept = ""
        for character in text {
            width += emWidth(of: character) * fontSize
            if width > budget { break }
            kept.append(character)
        }
        return kept + "…"
    }

    /// Plain numbers below the first compact unit: at most three significant decimals, nothing after the point
    /// from 100 on.
    private static func plain(_ value: Double) -> String {
        let magnitude = abs(value)
        let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        return decimal(value, maxFractionDigits: digits)
    }

    private static func rounded(_ value: Double, fractionDigits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// Rough advance widths in ems: wide East Asian characters 1, capitals and `m`/`w` 0.75, narrow letters and
    /// punctuation 0.3, everything else 0.55 (about a digit in common sans-serif fonts).
    private static func emWidth(of character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if isWide(scalar.value) { return 1.0 }
        switch scalar {
        case "A"..."Z", "m", "w", "@", "%": return 0.75
        case "i", "j", "l", "t", "f", "r", " ", ".", ",", ":", ";", "'", "!", "|", "(", ")", "[", "]", "-": return 0.3
        default: return 0.55
        }
    }

    /// East Asian wide and full-width ranges (Hangul Jamo, CJK and kana blocks, Hangul syllables, compatibility
    /// ideographs, vertical and full-width forms, and the supplementary ideographic planes).
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
