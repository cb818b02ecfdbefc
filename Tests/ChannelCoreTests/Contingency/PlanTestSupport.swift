import Foundation
import Testing

@testable import ChannelCore

/// Fixed instants, amounts and parsing helpers shared by the contingency suites.
enum PlanFixture {
    /// 2023-11-14T22:13:20Z, the reference "now" of these tests.
    static let t0 = Instant(millisecondsSinceEpoch: 1_700_000_000_000)

    /// `t0` moved by whole hours.
    static func hours(_ offset: Int64) -> Instant { t0.adding(milliseconds: offset * 3_600_000) }

    /// `t0` moved by hours, minutes, seconds and milliseconds.
    static func at(hours: Int64 = 0, minutes: Int64 = 0, seconds: Int64 = 0, milliseconds: Int64 = 0) -> Instant {
        t0.adding(milliseconds: ((hours * 60 + minutes) * 60 + seconds) * 1_000 + milliseconds)
    }

    /// `t0` moved by whole days.
    static func days(_ offset: Int64) -> Instant { hours(offset * 24) }

    /// Yuan as money: `yuan(50)` is ¥50.00.
    static func yuan(_ amount: Int64) -> Money { Money(minorUnits: amount * 100) }

    /// Fen as money: `fen(5)` is ¥0.05.
    static func fen(_ amount: Int64) -> Money { Money(minorUnits: amount) }

    static func usd() throws -> CurrencyCode { try CurrencyCode(parsing: "USD") }
}

/// The issues of a plans file that must not parse; records a failure when it parses.
func planIssues(of text: String, catalogue: RuleCatalogue = .standard) -> [RuleIssue] {
    do {
        let plans = try ContingencyPlanFile.parse(text, catalogue: catalogue)
        Issue.record("expected issues, parsed \(plans.count) plans")
        return []
    } catch {
        return error.issues
    }
}

/// The line and column (in Unicode scalars, from 1) of the `occurrence`-th appearance of `needle` in `text`.
func textPosition(of needle: String, occurrence: Int = 1, in text: String) -> SourcePosition? {
    var seen = 0
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        var searchStart = line.startIndex
        while let range = line.range(of: needle, range: searchStart..<line.endIndex) {
            seen += 1
            if seen == occurrence {
                return SourcePosition(line: number + 1, column: line.unicodeScalars[..<range.lowerBound].count + 1)
            }
            searchStart = range.upperBound
        }
    }
    return nil
}
