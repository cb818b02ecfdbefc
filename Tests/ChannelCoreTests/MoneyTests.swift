import Foundation
import Testing

@testable import ChannelCore

@Suite struct MoneyTests {
    static let jpy = CurrencyCode(knownForTests: "JPY")
    static let kwd = CurrencyCode(knownForTests: "KWD")

    @Test(arguments: [
        ("35.10", 3_510), ("0.5", 50), ("12", 1_200), ("0", 0), ("-3.25", -325), ("-0.01", -1), ("+1.00", 100),
        (".99", 99),
    ] as [(String, Int64)])
    func parsesCNYWithTwoDecimals(_ text: String, minorUnits: Int64) throws {
        let money = try Money(parsing: text)
        #expect(money == Money(minorUnits: minorUnits, currency: .cny))
    }

    @Test(arguments: ["1.234", "0.001", "-3.255", "12.000"])
    func rejectsMoreDecimalsThanTheCurrencyHas(_ text: String) {
        #expect(throws: FieldError("has more than 2 decimal places for CNY")) { try Money(parsing: text) }
    }

    @Test(arguments: ["", "abc", "12,50", "1e3", "¥12"])
    func rejectsNonNumbers(_ text: String) {
        #expect(throws: FieldError("is not a decimal number")) { try Money(parsing: text) }
    }

    @Test func rejectsAmountsThatOverflowMinorUnits() {
        // 18 digits parse, but times 100 they no longer fit Int64.
        #expect(throws: FieldError("is too large")) { try Money(parsing: "99999999999999999.9") }
    }

    @Test func yenHasNoMinorUnit() throws {
        #expect(Self.jpy.minorUnitDigits == 0)
        #expect(try Money(parsing: "1500", currency: Self.jpy) == Money(minorUnits: 1_500, currency: Self.jpy))
        #expect(throws: FieldError("has more than 0 decimal places for JPY")) { try Money(parsing: "1500.5", currency: Self.jpy) }
        #expect(Money(minorUnits: 1_500, currency: Self.jpy).decimalText == "1500")
    }

    @Test func dinarHasThreeDigits() throws {
        #expect(try Money(parsing: "1.234", currency: Self.kwd).minorUnits == 1_234)
        #expect(Money(minorUnits: 1_234, currency: Self.kwd).description == "1.234 KWD")
    }

    @Test(arguments: [(Int64(1_234), "12.34"), (-5, "-0.05"), (0, "0.00"), (100, "1.00")])
    func decimalText(_ minorUnits: Int64, text: String) {
        #expect(Money(minorUnits: minorUnits).decimalText == text)
        #expect(Money(minorUnits: minorUnits).description == "\(text) CNY")
    }

    @Test func addsSameCurrency() throws {
        #expect(try Money(minorUnits: 150).adding(Money(minorUnits: -50)) == Money(minorUnits: 100))
    }

    @Test func refusesMixedCurrencies() {
        #expect(throws: DomainError.currencyMismatch(.cny, Self.jpy)) {
            try Money(minorUnits: 1).adding(Money(minorUnits: 1, currency: Self.jpy))
        }
    }

    @Test func refusesOverflow() {
        #expect(throws: DomainError.overflow) { try Money(minorUnits: .max).adding(Money(minorUnits: 1)) }
    }
}

@Suite struct CurrencyCodeTests {
    @Test(arguments: [("CNY", "CNY"), ("usd", "USD"), ("eUr", "EUR")])
    func parses(_ text: String, code: String) throws {
        #expect(try CurrencyCode(parsing: text).code == code)
    }

    @Test(arguments: ["", "CN", "CNYY", "C1Y", "人民币", "C Y"])
    func rejects(_ text: String) {
        #expect(throws: FieldError("is not a three-letter ISO 4217 currency code")) { try CurrencyCode(parsing: text) }
    }

    @Test(arguments: [("CNY", 2), ("USD", 2), ("JPY", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3)])
    func minorUnitDigits(_ code: String, digits: Int) throws {
        #expect(try CurrencyCode(parsing: code).minorUnitDigits == digits)
    }

    @Test func currencyCodesDecodeAsTheyEncodeAndRefuseWhatIsNoCode() throws {
        let yen = try JSONDecoder().decode(CurrencyCode.self, from: Data(#"{"code":"jpy"}"#.utf8))
        #expect(yen.code == "JPY" && yen.minorUnitDigits == 0)
        let encoded = try JSONEncoder().encode(CurrencyCode.cny)
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"code":"CNY"}"#)
        #expect(try JSONDecoder().decode(CurrencyCode.self, from: encoded) == .cny)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CurrencyCode.self, from: Data(#"{"code":"R1"}"#.utf8)) }
    }
}

extension CurrencyCode {
    /// A code the tests know to be valid.
    init(knownForTests code: String) {
        do { self = try CurrencyCode(parsing: code) } catch { self = .cny }
    }
}
