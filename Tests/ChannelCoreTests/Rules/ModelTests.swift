@testable import ChannelCore
import Testing

@Suite struct ModelTests {
    @Test(arguments: [
        (ComparisonOperator.lessThan, 0.89, true), (.lessThan, 0.9, false), (.lessThanOrEqual, 0.9, true),
        (.greaterThan, 0.9, false), (.greaterThanOrEqual, 0.9, true), (.greaterThan, 0.91, true),
    ])
    func comparisonAgainstThreshold(comparison: ComparisonOperator, value: Double, holds: Bool) {
        #expect(comparison.holds(value, against: 0.9) == holds)
    }

    @Test func locationPatternsMatchIdsOrPrefixes() {
        #expect(LocationPattern("WH-SH-01").matches("WH-SH-01"))
        #expect(!LocationPattern("WH-SH-01").matches("WH-SH-010"))
        #expect(LocationPattern("WH-SH-*").matches("WH-SH-010"))
        #expect(!LocationPattern("WH-SH-*").matches("WH-GZ-01"))
    }

    @Test func complaintLimitsPerSeverity() {
        let perSeverity = ComplaintSLA.bySeverity(["high": .hours(4), "low": .hours(72)])
        #expect(perSeverity.limit(for: "high") == .hours(4))
        #expect(perSeverity.limit(for: "critical") == nil)
        #expect(ComplaintSLA.uniform(.hours(24)).limit(for: "critical") == .hours(24))
    }

    @Test func issuePaths() {
        let path = IssuePath.rule(2).appending("condition").appending("by").appending(1)
        #expect(path.description == "rules[2].condition.by[1]")
        #expect(path.ruleIndex == 2)
        #expect(path.withinRule.description == "condition.by[1]")
        #expect(IssuePath([.key("rules")]).ruleIndex == nil)
    }
}
