@testable import ChannelCore
import Foundation
import Testing

@Suite struct RoundTripTests {
    /// One rule per condition sample, with every optional rule field set on the first.
    static let rules: [AlertRule] = ConditionParsingTests.samples.enumerated().map { index, sample in
        AlertRule(
            id: AlertRuleID(rawValue: "rule-\(index)"), name: "规则\(index)", nameEn: index == 0 ? "Rule 0" : nil,
            severity: index == 0 ? .critical : .warning,
            cooldown: index == 0 ? .minutes(90) : AlertRule.defaultCooldown,
            isEnabled: index != 1, riskType: .lateDelivery, details: index == 0 ? "说明 and notes" : nil,
            condition: sample.expected)
    }

    @Test func encodedRulesParseBackEqual() throws {
        let json = String(decoding: try JSONEncoder().encode(Self.rules), as: UTF8.self)
        #expect(try AlertRuleFile.parse(json) == Self.rules)
    }

    @Test func encodedRulesDecodeBackEqual() throws {
        let data = try JSONEncoder().encode(Self.rules)
        #expect(try JSONDecoder().decode([AlertRule].self, from: data) == Self.rules)
    }

    @Test func builtInRulesRoundTrip() throws {
        let json = String(decoding: try JSONEncoder().encode(AlertRule.builtIn), as: UTF8.self)
        #expect(try AlertRuleFile.parse(json) == AlertRule.builtIn)
    }

    @Test func canonicalFormWritesDefaultsAndSnakeCaseKeys() throws {
        let rule = AlertRule(
            id: "late-east", name: "华东延迟", severity: .warning, riskType: .lateDelivery,
            condition: .measure(
                MeasureCondition(
                    measure: "on_time_rate", groupBy: ["province"], window: .days(7), comparison: .lessThan,
                    threshold: 0.9, change: ChangeComparison(as: .absolute), minVolume: 20)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(rule), as: UTF8.self)
        #expect(
            json == """
                {"condition":{"by":["province"],"compare":{"as":"absolute","to":"previous"},"kind":"measure",\
                "measure":"on_time_rate","min_volume":20,"op":"<","threshold":0.9,"window":"7d"},"cooldown":"1h",\
                "enabled":true,"id":"late-east","name":"华东延迟","risk_type":"late_delivery","severity":"warning"}
                """)
    }
}
