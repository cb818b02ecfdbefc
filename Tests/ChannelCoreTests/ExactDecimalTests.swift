import Testing

@testable import ChannelCore

@Suite struct ExactDecimalTests {
    @Test(arguments: [
        ("0", 0, 0),
        ("-12", -12, 0),
        ("12.5", 125, 1),
        (".5", 5, 1),
        ("+3.000", 3_000, 3),
        ("-0.50", -50, 2),
        ("1.", 1, 0),
        ("007", 7, 0),
        ("999999999999999999", 999_999_999_999_999_999, 0),
        ("-999999999999999999", -999_999_999_999_999_999, 0),
        ("0.000000000000000000000001", 1, 24),
        // Leading zeros are not significant digits, so they do not count toward the 18-digit limit.
        ("0000000000000000000001", 1, 0),
    ] as [(String, Int64, Int)])
    func parses(_ text: String, units: Int64, scale: Int) throws {
        let value = try ExactDecimal(parsing: text)
        #expect(value == ExactDecimal(units: units, scale: scale))
    }

    @Test(arguments: [
        "", ".", "-", "+", "-.", "1.2.3", "12abc", "abc", "1e5", " 1", "1 ", "1,000", "--1", "+-1", "1-",
        // 19 significant digits no longer fit the 18 the parser promises (and may overflow Int64).
        "1234567890123456789", "9223372036854775807", "-9223372036854775808", "99999999999999999999",
        "100000000000000000.5",
    ])
    func rejects(_ text: String) {
        #expect(throws: FieldError("is not a decimal number")) { try ExactDecimal(parsing: text) }
    }

    @Test(arguments: [
        (ExactDecimal(units: -50, scale: 2), "-0.50"),
        (ExactDecimal(units: 5, scale: 2), "0.05"),
        (ExactDecimal(units: -5, scale: 3), "-0.005"),
        (ExactDecimal(units: 12_340, scale: 3), "12.340"),
        (ExactDecimal(units: -7, scale: 0), "-7"),
        (ExactDecimal(units: 0, scale: 2), "0.00"),
    ])
    func description(_ value: ExactDecimal, text: String) throws {
        #expect(value.description == text)
        #expect(try ExactDecimal(parsing: text) == value)
    }

    @Test func scaledUpAndDownExactly() {
        let value = ExactDecimal(units: 125, scale: 1)
        #expect(value.scaled(to: 1) == 125)
        #expect(value.scaled(to: 3) == 12_500)
        #expect(ExactDecimal(units: 12_500, scale: 3).scaled(to: 1) == 125)
        #expect(ExactDecimal(units: -1_250, scale: 2).scaled(to: 1) == -125)
    }

    @Test func scaledRefusesInexactAndOverflowingResults() {
        #expect(ExactDecimal(units: 125, scale: 1).scaled(to: 0) == nil)
        #expect(ExactDecimal(units: 999_999_999_999_999_999, scale: 0).scaled(to: 2) == nil)
        #expect(ExactDecimal(units: -999_999_999_999_999_999, scale: 0).scaled(to: 2) == nil)
    }
}
