import Testing

@testable import ChannelCore

@Suite struct DiscountRateTests {
    @Test(arguments: [
        ("0.35", 350_000), ("0", 0), ("0.0", 0), ("-0", 0), (".5", 500_000), ("0.000001", 1), ("0.999999", 999_999),
        ("0.350000", 350_000),
    ] as [(String, Int32)])
    func parsesPartsPerMillion(_ text: String, ppm: Int32) throws {
        #expect(try DiscountRate(parsing: text).partsPerMillion == ppm)
    }

    @Test(arguments: ["1", "1.0", "1.000001", "2", "-0.1", "-0.000001"])
    func rejectsOutsideZeroToOne(_ text: String) {
        #expect(throws: FieldError("must be at least 0 and less than 1")) { try DiscountRate(parsing: text) }
    }

    @Test(arguments: ["0.1234567", "0.3500000", "0.0000001"])
    func rejectsSevenDecimals(_ text: String) {
        #expect(throws: FieldError("has more than 6 decimal places")) { try DiscountRate(parsing: text) }
    }

    @Test(arguments: ["", "35%", "abc"])
    func rejectsNonNumbers(_ text: String) {
        #expect(throws: FieldError("is not a decimal number")) { try DiscountRate(parsing: text) }
    }

    @Test(arguments: [(Int32(0), true), (999_999, true), (-1, false), (1_000_000, false), (.max, false), (.min, false)])
    func rangeOfPartsPerMillion(_ ppm: Int32, isValid: Bool) {
        #expect(((try? DiscountRate(partsPerMillion: ppm)) != nil) == isValid)
    }

    @Test func descriptionIsTheFraction() throws {
        #expect(try DiscountRate(parsing: "0.35").description == "0.350000")
        #expect(DiscountRate.none.description == "0.000000")
        #expect(DiscountRate.none.partsPerMillion == 0)
    }
}
