import Foundation
import Testing

@testable import ChannelCore

@Suite struct CodableTests {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func plansEncodeToTheFileFormatAndReadBack() throws {
        let text = try Self.json(["plans": ContingencyPlan.standard])
        #expect(try ContingencyPlanFile.parse(text) == ContingencyPlan.standard)
        let decoded = try JSONDecoder().decode([String: [ContingencyPlan]].self, from: Data(text.utf8))
        #expect(decoded["plans"] == ContingencyPlan.standard)
        for key in [
            "\"risk_types\"", "\"backup_suppliers\"", "\"capacity_per_day\":800", "\"unit_cost\":\"41.50\"",
            "\"lead_time\":\"2d\"", "\"temporary_warehouses\"", "\"cost_per_day\":\"1800.00\"", "\"title_en\"",
            "\"per_started_hour\":\"50.00\"", "\"order_value_bp_per_day\":50", "\"owner\":\"planner\"",
            "\"after\":[\"confirm-gap\"]", "\"currency\":\"CNY\"",
        ] {
            #expect(text.contains(key), "\(key)")
        }
        #expect(!text.contains("minorUnits"))
        #expect(!text.contains("millisecondsSinceEpoch"))
    }

    @Test func activationsEncodeWithISOInstantsAndDecodeBack() throws {
        var activation = try PlanActivation(
            plan: PlanActivationTests.plan, alert: PlanActivationTests.alert, startingAt: PlanFixture.t0)
        try activation.complete("a", at: PlanFixture.hours(3))
        let text = try Self.json(activation)
        #expect(text.hasPrefix("{\"alert_id\":42,\"plan_id\":\"stock-out-test\",\"risk_type\":\"stock_out\""))
        #expect(text.contains("\"started_at\":\"2023-11-14T22:13:20Z\""))
        #expect(
            text.contains(
                "{\"after\":[\"b\",\"c\"],\"assignee\":null,\"completed_at\":null,\"due_at\":null,\"owner\":\"channel_manager\","
                    + "\"sla\":\"1d\",\"started_at\":null,\"state\":\"open\",\"step_key\":\"d\",\"title\":\"分配到货\",\"title_en\":null}"
            ))
        #expect(text.contains("\"owner\":\"user:li.wei\""))
        let decoded = try JSONDecoder().decode(PlanActivation.self, from: Data(text.utf8))
        #expect(decoded == activation)
    }

    @Test func resultsEncodeMoneyAsDecimalText() throws {
        let owed = try #require(
            try CompensationTests.capped().owed(
                from: PlanFixture.t0, until: PlanFixture.hours(148), orderValue: PlanFixture.yuan(8_000)))
        let text = try Self.json(owed)
        #expect(text.contains("\"total\":\"800.00\""))
        #expect(text.contains("\"late_seconds\":360000"))
        #expect(text.contains("\"kind\":\"cap\""))
        #expect(text.contains("\"amount\":\"-4300.00\""))
        let shortfall = Shortfall(sku: SKU("SKU-A"), quantity: 700, neededBy: PlanFixture.days(5), startAt: PlanFixture.t0)
        let allocation = try SupplyAllocation(covering: shortfall, from: SupplyAllocationTests.suppliers)
        let allocationText = try Self.json(allocation)
        #expect(allocationText.contains("\"cost\":\"5500.00\""))
        #expect(allocationText.contains("\"reason\":\"arrives_too_late\""))
        #expect(allocationText.contains("\"needed_by\":\"2023-11-19T22:13:20Z\""))
        let reading = SLAClock(startedAt: PlanFixture.t0, dueAt: PlanFixture.hours(1)).reading(at: PlanFixture.hours(2))
        #expect(
            try Self.json(reading) == "{\"overdue_seconds\":3600,\"remaining_seconds\":null,\"state\":\"breached\"}")
    }

    @Test func termsDecodingChecksThem() {
        let both = Data(#"{"target": "4h", "per_started_hour": "1", "per_started_day": "2"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CompensationTerms.self, from: both) }
        let none = Data(#"{"target": "4h"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CompensationTerms.self, from: none) }
        let fractional = Data(#"{"target": "4h", "per_breach": 1.5}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CompensationTerms.self, from: fractional) }
    }
}
