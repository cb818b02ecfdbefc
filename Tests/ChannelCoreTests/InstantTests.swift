import Foundation
import Testing

@testable import ChannelCore

@Suite struct InstantTests {
    /// 2025-03-04T08:15:00Z.
    static let reference: Int64 = 1_741_076_100_000

    static let parsedCases: [(String, Int64)] = [
        ("2025-03-04T08:15:00Z", reference),
        ("2025-03-04T08:15:00z", reference),
        ("2025-03-04t08:15:00Z", reference),
        ("2025-03-04 08:15:00Z", reference),
        ("2025-03-04T16:15:00+08:00", reference),
        ("2025-03-04T16:15:00+0800", reference),
        ("2025-03-04T02:45:00-05:30", reference),
        ("2025-03-04T08:15:00+00:00", reference),
        ("2025-03-04T08:15:00-00:00", reference),
        // The business day after midnight in Shanghai is still the previous UTC day.
        ("2025-03-05T00:15:00+08:00", reference + 8 * 3_600_000),
        ("2025-03-04T08:15:00.250Z", reference + 250),
        ("2025-03-04 16:15:00.250+08:00", reference + 250),
        ("2025-03-04T08:15:00.5Z", reference + 500),
        ("2025-03-04T08:15:00.05Z", reference + 50),
        ("2025-03-04T08:15:00.000Z", reference),
        // Digits past the millisecond are dropped, not rounded.
        ("2025-03-04T08:15:00.123999Z", reference + 123),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1_000),
        ("1970-01-01T07:59:59+08:00", -1_000),
        ("2026-10-31T23:59:59Z", 1_793_491_199_000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("2000-02-29T12:00:00Z", 951_825_600_000),
        ("1900-03-01T12:00:00Z", -2_203_848_000_000),
    ]

    @Test(arguments: parsedCases)
    func parses(_ text: String, milliseconds: Int64) throws {
        #expect(try Instant(iso8601: text) == Instant(millisecondsSinceEpoch: milliseconds))
    }

    @Test(arguments: [
        // A zone is required: local times are ambiguous.
        "2025-03-04T08:15:00", "2025-03-04T08:15:00.250", "2025-03-04 08:15:00",
        // Bad dates.
        "2025-13-04T08:15:00Z", "2025-00-04T08:15:00Z", "2025-03-32T08:15:00Z", "2025-03-00T08:15:00Z",
        "2025-04-31T08:15:00Z", "0000-01-01T00:00:00Z",
        // Feb 29 only in leap years.
        "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2025-02-29T12:00:00+08:00",
        // Bad times.
        "2025-03-04T24:00:00Z", "2025-03-04T08:60:00Z", "2025-03-04T08:15:60Z", "2025-03-04T8:15:00Z",
        // Bad separators and shapes.
        "2025/03/04T08:15:00Z", "2025-03-04X08:15:00Z", "2025-03-04T08.15.00Z", "20250304T081500Z", "2025-03-04",
        "", "2025-03-04T08:15:00.Z", "2025-03-04T08:15:00Z ", " 2025-03-04T08:15:00Z", "2025-03-04T08:15:00ZZ",
        "2025-03-04T08:15:00+08:00x", "2025-03-04T08:15:00 +08:00", "2025-03-04T08:15:00UTC",
        // Offsets out of range or malformed (but long enough to be read in full).
        "2025-03-04T08:15:00+19:00", "2025-03-04T08:15:00+08:60", "2025-03-04T08:15:00+8:00", "2025-03-04T08:15:00+08-00",
        "2025-03-04T08:15:00+ab:cd",
    ])
    func rejects(_ text: String) {
        #expect(throws: FieldError.self) { try Instant(iso8601: text) }
    }

    /// Offsets cut short after the sign or the hours must be rejected like any other malformed zone.
    ///
    /// The parser reads the two offset-minute digits without checking that they are there, so these inputs index
    /// past the end of the buffer (a trap in debug builds). Run in a child process so a crash fails only this test.
    @Test func rejectsTruncatedOffsetsWithoutReadingPastTheEnd() async {
        await #expect(processExitsWith: .success) {
            for text in ["2025-03-04T08:15:00+08", "2025-03-04T08:15:00+0", "2025-03-04T08:15:00+", "2025-03-04T08:15:00-05:"] {
                precondition((try? Instant(iso8601: text)) == nil, "accepted \(text)")
            }
        }
    }

    static let formattedCases: [(Int64, String)] = [
        (reference, "2025-03-04T08:15:00Z"),
        (reference + 250, "2025-03-04T08:15:00.250Z"),
        (reference + 5, "2025-03-04T08:15:00.005Z"),
        (0, "1970-01-01T00:00:00Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-1_000, "1969-12-31T23:59:59Z"),
        (-2_203_848_000_000, "1900-03-01T12:00:00Z"),
    ]

    @Test(arguments: formattedCases)
    func formats(_ milliseconds: Int64, text: String) {
        let instant = Instant(millisecondsSinceEpoch: milliseconds)
        #expect(instant.iso8601 == text)
        #expect(instant.description == text)
    }

    @Test(arguments: Array(stride(from: Int64(-5_000_000_000_000), through: 5_000_000_000_000, by: 123_456_789_017)))
    func roundTripsThroughISO8601(_ milliseconds: Int64) throws {
        let instant = Instant(millisecondsSinceEpoch: milliseconds)
        #expect(try Instant(iso8601: instant.iso8601) == instant)
    }

    @Test func convertsToAndFromDate() {
        let instant = Instant(millisecondsSinceEpoch: Self.reference + 250)
        #expect(Instant(instant.date) == instant)
        #expect(instant.date.timeIntervalSince1970 == 1_741_076_100.25)
    }

    @Test func ordersByTime() {
        #expect(Instant(millisecondsSinceEpoch: -1) < Instant(millisecondsSinceEpoch: 0))
    }

    @Test(arguments: [(Int64(7), Int64(2), Int64(3)), (-7, 2, -4), (-8, 2, -4), (0, 5, 0), (-1, 86_400_000, -1)])
    func floorDivision(_ value: Int64, divisor: Int64, quotient: Int64) {
        #expect(value.floorDivided(by: divisor) == quotient)
    }
}
