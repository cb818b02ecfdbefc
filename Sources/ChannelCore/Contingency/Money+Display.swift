extension Money {
    /// The amount for explanations, with a currency sign and thousands separators: `¥1,250.00`, `-¥650.00`,
    /// `US$12.00`; currencies without a sign here are written with their code (`CHF 12.00`).
    public var displayText: String {
        let scale = currency.minorUnitDigits
        let magnitude = String(minorUnits.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        let whole = padded.dropLast(scale)
        let fraction = scale > 0 ? "." + padded.suffix(scale) : ""
        var grouped = ""
        for (offset, character) in whole.enumerated() {
            if offset > 0, (whole.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let sign = minorUnits < 0 ? "-" : ""
        return sign + currencySign + grouped + fraction
    }

    /// `¥` for CNY and the signs of a few common currencies; otherwise the code and a space.
    private var currencySign: String {
        switch currency.code {
        case "CNY": "¥"
        case "USD": "US$"
        case "EUR": "€"
        case "GBP": "£"
        case "HKD": "HK$"
        case "JPY": "JP¥"
        default: currency.code + " "
        }
    }

    /// How rounding to this currency's minor unit is said: "四舍五入到分" / "rounded half-up to the fen" for CNY.
    var roundingNote: (chinese: String, english: String) {
        currency == .cny
            ? ("四舍五入到分", "rounded half-up to the fen")
            : ("四舍五入到最小货币单位", "rounded half-up to the minor unit")
    }
}
