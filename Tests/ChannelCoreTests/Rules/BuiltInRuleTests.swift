@testable import ChannelCore
import Testing

@Suite struct BuiltInRuleTests {
    @Test func builtInYAMLParsesClean() throws {
        let rules = try AlertRuleFile.parse(AlertRule.builtInRulesYAML, catalogue: .standard)
        #expect(rules == AlertRule.builtIn)
        #expect(rules.count == 9)
    }

    @Test func everyRuleIsNamedInChineseAndEnglish() {
        for rule in AlertRule.builtIn {
            #expect(!rule.name.isEmpty)
            #expect(rule.name.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(rule.id)")
            #expect(rule.nameEn?.isEmpty == false, "\(rule.id)")
            #expect(rule.isEnabled)
        }
    }

    @Test func coverTheRisksOfTheDesign() {
        let rules = AlertRule.builtIn
        #expect(Set(rules.map(\.condition.kind)) == Set(ConditionKind.allCases))
        #expect(
            Set(rules.map(\.riskType))
                == [.stockOut, .lateDelivery, .priceConflict, .serviceFailure, .partnerRisk, .fraud])
        let onTime = rules.first { $0.id == "late-delivery-by-province" }
        #expect(
            onTime?.condition
                == .measure(
                    MeasureCondition(
                        measure: "on_time_rate", groupBy: ["province"], window: .days(7), comparison: .lessThan,
                        threshold: 0.9, minVolume: 20)))
    }
}
