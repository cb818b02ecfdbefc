@testable import ChannelCore
import Foundation
import Testing

/// One condition written in YAML and in JSON, and the value both must give.
struct ConditionSample: Sendable, CustomTestStringConvertible {
    var yaml: String
    var json: String
    var expected: AlertCondition
    var testDescription: String { expected.kind.rawValue }
}

@Suite struct ConditionParsingTests {
    static let samples: [ConditionSample] = [
        ConditionSample(
            yaml: """

                    kind: measure
                    measure: on_time_rate
                    by: [province, channel]
                    filters: {channel: [online], tier: [1, 2]}
                    window: 7d
                    op: "<"
                    threshold: 0.9
                    compare: {to: previous, as: relative}
                    min_volume: 20
                """,
            json: """
                {"kind": "measure", "measure": "on_time_rate", "by": ["province", "channel"],
                 "filters": {"channel": ["online"], "tier": ["1", "2"]}, "window": "7d", "op": "<", "threshold": 0.9,
                 "compare": {"to": "previous", "as": "relative"}, "min_volume": 20}
                """,
            expected: .measure(
                MeasureCondition(
                    measure: "on_time_rate", groupBy: ["province", "channel"],
                    filters: ["channel": ["online"], "tier": ["1", "2"]], window: .days(7), comparison: .lessThan,
                    threshold: 0.9, change: ChangeComparison(as: .relative), minVolume: 20))),
        ConditionSample(
            yaml: "{kind: stock_below_safety, service_level: 0.98, locations: [WH-SH-01, WH-GZ-*], skus: [A1]}",
            json:
                #"{"kind": "stock_below_safety", "service_level": 0.98, "locations": ["WH-SH-01", "WH-GZ-*"], "#
                + #""skus": ["A1"]}"#,
            expected: .stockBelowSafety(
                StockBelowSafetyCondition(serviceLevel: 0.98, locations: ["WH-SH-01", "WH-GZ-*"], skus: ["A1"]))),
        ConditionSample(
            yaml: "{kind: complaint_response_overdue, sla: {high: 4h, medium: 24h, low: 72h}}",
            json: #"{"kind": "complaint_response_overdue", "sla": {"high": "4h", "medium": "24h", "low": "3d"}}"#,
            expected: .complaintResponseOverdue(
                ComplaintResponseOverdueCondition(
                    sla: .bySeverity(["high": .hours(4), "medium": .hours(24), "low": .hours(72)])))),
        ConditionSample(
            yaml: "{kind: complaint_response_overdue, sla: 8h}",
            json: #"{"kind": "complaint_response_overdue", "sla": "8h"}"#,
            expected: .complaintResponseOverdue(ComplaintResponseOverdueCondition(sla: .uniform(.hours(8))))),
        ConditionSample(
            yaml: "{kind: win_win_drop, points: 12.5, window: 91d, tiers: [1, 2]}",
            json: #"{"kind": "win_win_drop", "points": 12.5, "window": "91d", "tiers": [1, 2]}"#,
            expected: .winWinDrop(WinWinDropCondition(points: 12.5, window: .days(91), tiers: [1, 2]))),
        ConditionSample(
            yaml: "{kind: online_price_below_dealer, tolerance: 0.05, window: 1d}",
            json: #"{"kind": "online_price_below_dealer", "tolerance": 0.05, "window": "1d"}"#,
            expected: .onlinePriceBelowDealer(OnlinePriceBelowDealerCondition(tolerance: 0.05, window: .days(1)))),
        ConditionSample(
            yaml: "{kind: suspended_partner_order, since: 30d}",
            json: #"{"kind": "suspended_partner_order", "since": "30d"}"#,
            expected: .suspendedPartnerOrder(SuspendedPartnerOrderCondition(since: .days(30)))),
        ConditionSample(
            yaml: "{kind: suspended_partner_order}",
            json: #"{"kind": "suspended_partner_order"}"#,
            expected: .suspendedPartnerOrder(SuspendedPartnerOrderCondition())),
        ConditionSample(
            yaml: "{kind: late_shipments, grace: 12h, min_count: 3}",
            json: #"{"kind": "late_shipments", "grace": "12h", "min_count": 3}"#,
            expected: .lateShipments(LateShipmentsCondition(grace: .hours(12), minCount: 3))),
        ConditionSample(
            yaml: "{kind: anomalous_order, kinds: [quantity_spike, duplicate_order], min_score: 4.5}",
            json: #"{"kind": "anomalous_order", "kinds": ["quantity_spike", "duplicate_order"], "min_score": 4.5}"#,
            expected: .anomalousOrder(
                AnomalousOrderCondition(kinds: ["quantity_spike", "duplicate_order"], minScore: 4.5))),
    ]

    @Test(arguments: samples)
    func parsesFromYAML(sample: ConditionSample) throws {
        let rules = try AlertRuleFile.parse(yamlRule(condition: sample.yaml))
        #expect(rules.map(\.condition) == [sample.expected])
    }

    @Test(arguments: samples)
    func parsesFromJSON(sample: ConditionSample) throws {
        let text = """
            {"rules": [{"id": "r1", "name": "规则", "severity": "warning", "risk_type": "late_delivery",
                        "condition": \(sample.json)}]}
            """
        let rules = try AlertRuleFile.parse(text)
        #expect(rules.map(\.condition) == [sample.expected])
    }

    @Test func everyKindHasASample() {
        #expect(Set(Self.samples.map(\.expected.kind)) == Set(ConditionKind.allCases))
    }

    @Test func ruleFieldsAndDefaults() throws {
        let text = """
            rules:
              - id: late-east
                name: 华东延迟
                name_en: Late in the east
                severity: critical
                cooldown: 6h
                enabled: false
                risk_type: late_delivery
                description: Watch the east.
                condition: {kind: late_shipments, grace: 1h}
              - id: defaults
                name: 默认
                severity: info
                risk_type: fraud
                condition: {kind: anomalous_order}
            """
        let rules = try AlertRuleFile.parse(text)
        #expect(rules.count == 2)
        let first = try #require(rules.first)
        #expect(first.id == "late-east")
        #expect(first.nameEn == "Late in the east")
        #expect(first.severity == .critical)
        #expect(first.cooldown == .hours(6))
        #expect(first.isEnabled == false)
        #expect(first.details == "Watch the east.")
        let second = try #require(rules.last)
        #expect(second.cooldown == AlertRule.defaultCooldown)
        #expect(second.isEnabled)
        #expect(second.nameEn == nil)
        #expect(second.condition == .anomalousOrder(AnomalousOrderCondition()))
    }

    @Test func stockServiceLevelDefaultsTo95Percent() throws {
        let rules = try AlertRuleFile.parse(yamlRule(condition: "{kind: stock_below_safety}"))
        #expect(rules.first?.condition == .stockBelowSafety(StockBelowSafetyCondition(serviceLevel: 0.95)))
    }

    @Test func emptyRuleListsParse() throws {
        #expect(try AlertRuleFile.parse("rules: []").isEmpty)
        #expect(try AlertRuleFile.parse("[]").isEmpty)
    }

    @Test func yamlMergeKeysApply() throws {
        let text = """
            rules:
              - &base
                id: base
                name: 基础
                severity: warning
                risk_type: late_delivery
                condition: {kind: late_shipments, grace: 2h}
              - <<: *base
                id: derived
                severity: critical
            """
        let rules = try AlertRuleFile.parse(text)
        #expect(rules.map(\.id) == ["base", "derived"])
        #expect(rules.last?.severity == .critical)
        #expect(rules.last?.condition == rules.first?.condition)
    }

    @Test func customCatalogueDecidesTheNames() throws {
        var catalogue = RuleCatalogue.standard
        catalogue.measures.append("gross_margin")
        catalogue.riskTypes.append("margin_erosion")
        let text = yamlRule(condition: "{kind: measure, measure: gross_margin, window: 7d, op: \"<\", threshold: 0.2}")
            .replacingOccurrences(of: "late_delivery", with: "margin_erosion")
        #expect(try AlertRuleFile.parse(text, catalogue: catalogue).count == 1)
        #expect(!issues(of: text).isEmpty)
    }
}

extension ConditionParsingTests {
    @Test func singleRuleFromAnAPIBody() throws {
        let body = """
            {"id": "late-east", "name": "华东延迟", "severity": "warning", "risk_type": "late_delivery",
             "condition": {"kind": "late_shipments", "grace": "12h"}}
            """
        let rule = try AlertRuleFile.parseRule(body)
        #expect(rule.id == "late-east")
        #expect(rule.condition == .lateShipments(LateShipmentsCondition(grace: .hours(12))))
    }
}
