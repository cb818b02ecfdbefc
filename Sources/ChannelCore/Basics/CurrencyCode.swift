/// An ISO 4217 currency code with the number of minor-unit digits it uses.
public struct CurrencyCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Three upper-case letters, e.g. `CNY`.
    public let code: String
    /// Digits after the decimal point in this currency's minor unit (fen for CNY: 2). Kept, not looked up: every
    /// imported amount asks for it.
    public let minorUnitDigits: Int

    private enum CodingKeys: String, CodingKey { case code }

    /// Parses three ASCII letters (any case).
    public init(parsing text: String) throws(FieldError) {
        let upper = text.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw FieldError("is not a three-letter ISO 4217 currency code")
        }
        self.init(known: upper)
    }

    private init(known code: String) {
        self.code = code
        minorUnitDigits = Self.minorUnitDigits(of: code)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(String.self, forKey: .code)
        do { try self.init(parsing: code) } catch {
            throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "currency \(error.reason)")
        }
    }

    /// Renminbi, the default currency.
    public static let cny = CurrencyCode(known: "CNY")

    private static func minorUnitDigits(of code: String) -> Int {
        switch code {
        case "JPY", "KRW", "VND", "CLP", "ISK", "UGX": 0
        case "BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD": 3
        default: 2
        }
    }

    public var description: String { code }
}
