@testable import ChannelCore
import Foundation
import Testing

@Suite struct RuleDurationTests {
    @Test(arguments: [("45s", 45), ("15m", 900), ("6h", 21_600), ("7d", 604_800), ("90m", 5_400), ("0m", 0)])
    func parses(text: String, seconds: Int) throws {
        let duration = try #require(RuleDuration(text))
        #expect(duration.seconds == seconds)
    }

    @Test(arguments: [
        "", "7", "d", "7days", "7 d", "1.5h", "-5m", "+5m", "7D", "1h30m", "٣d", "99999999999999999999d",
    ])
    func refuses(text: String) {
        #expect(RuleDuration(text) == nil)
    }

    @Test(arguments: [
        (RuleDuration.minutes(15), "15m"), (.minutes(90), "90m"), (.minutes(120), "2h"), (.hours(24), "1d"),
        (.hours(36), "36h"), (.days(28), "28d"), (RuleDuration(seconds: 45), "45s"),
    ])
    func printsWithTheLargestExactUnit(duration: RuleDuration, text: String) {
        #expect(duration.description == text)
        #expect(RuleDuration(text) == duration)
    }

    @Test func wholeDays() {
        #expect(RuleDuration.days(7).wholeDays == 7)
        #expect(RuleDuration.hours(12).wholeDays == nil)
    }

    @Test func codableAsText() throws {
        let data = try JSONEncoder().encode([RuleDuration.hours(6)])
        #expect(String(decoding: data, as: UTF8.self) == #"["6h"]"#)
        #expect(try JSONDecoder().decode([RuleDuration].self, from: data) == [.hours(6)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([RuleDuration].self, from: Data(#"["6 hours"]"#.utf8))
        }
    }
}
