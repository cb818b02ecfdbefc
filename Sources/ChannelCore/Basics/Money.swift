/// An exact amount of money: integer minor units (fen for CNY) and a currency. Never a `Double`.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in minor units: 1234 is 12.34 CNY.
    public var minorUnits: Int64
    public var currency: CurrencyCode

    public init(minorUnits: Int64, currency: CurrencyCode = .cny) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a decimal amount such as `35.10` into minor units, refusing more decimals than the currency has.
    public init(parsing text: String, currency: CurrencyCode = .cny) throws(FieldError) {
        let value = try ExactDecimal(parsing: text)
        guard value.scale <= currency.minorUnitDigits else {
            throw FieldError("has more than \(currency.minorUnitDigits) decimal places for \(currency)")
        }
        guard let units = value.scaled(to: currency.minorUnitDigits) else { throw FieldError("is too large") }
        self.init(minorUnits: units, currency: currency)
    }

    /// Adds two amounts of the same currency.
    public func adding(_ other: Money) throws(DomainError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    /// The amount as a decimal string with the currency's digits, e.g. `12.34`.
    public var decimalText: String { ExactDecimal(units: minorUnits, scale: currency.minorUnitDigits).description }

    public var description: String { "\(decimalText) \(currency)" }
}
