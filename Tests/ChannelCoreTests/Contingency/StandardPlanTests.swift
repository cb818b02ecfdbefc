import Foundation
import Testing

@testable import ChannelCore

@Suite struct StandardPlanTests {
    @Test func standardYAMLParsesClean() throws {
        let plans = try ContingencyPlanFile.parse(ContingencyPlan.standardPlansYAML, catalogue: .standard)
        #expect(plans == ContingencyPlan.standard)
        #expect(plans.count == 7)
    }

    @Test func oneForEveryStandardRiskType() throws {
        for riskType in RuleCatalogue.standard.riskTypes {
            let plan = try #require(ContingencyPlan.standard(for: riskType), "\(riskType)")
            #expect(plan.riskTypes == [riskType])
        }
        #expect(Set(ContingencyPlan.standard.map(\.id)).count == ContingencyPlan.standard.count)
    }

    @Test func everyPlanAndStepIsBilingual() {
        func isChinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        for plan in ContingencyPlan.standard {
            #expect(isChinese(plan.title), "\(plan.id)")
            #expect(plan.titleEn?.isEmpty == false, "\(plan.id)")
            #expect(plan.steps.count >= 5, "\(plan.id)")
            for step in plan.steps {
                #expect(isChinese(step.title), "\(plan.id).\(step.key)")
                #expect(step.titleEn.map { !isChinese($0) && !$0.isEmpty } == true, "\(plan.id).\(step.key)")
            }
        }
    }

    @Test func everyPlanStartsForItsRisk() throws {
        for plan in ContingencyPlan.standard {
            let alert = AlertReference(alertID: 1, riskType: plan.riskTypes[0], subject: "test")
            let activation = try PlanActivation(plan: plan, alert: alert, startingAt: PlanFixture.t0) { _ in UserID("duty")
            }
            #expect(!activation.runningTasks.isEmpty, "\(plan.id)")
            #expect(activation.tasks.allSatisfy { $0.assignee == UserID("duty") }, "\(plan.id)")
        }
    }

    @Test func stockOutHasSuppliersAndWarehouses() throws {
        let plan = try #require(ContingencyPlan.standard(for: .stockOut))
        #expect(plan.backupSuppliers.map(\.rank).sorted() == [1, 2, 3])
        #expect(plan.temporaryWarehouses.count == 3)
        let shortfall = Shortfall(sku: SKU("SKU00001"), quantity: 3_000, neededBy: PlanFixture.days(5), startAt: PlanFixture.t0)
        let allocation = try plan.allocate(shortfall)
        // SUP-NB-01: 3 days × 800 = 2,400; SUP-SZ-02: 2 days × 500 = 1,000, of which 600 are needed.
        #expect(allocation.allocations.map(\.quantity) == [2_400, 600])
        #expect(allocation.cost == PlanFixture.yuan(2_400 * 415 / 10 + 600 * 44))
        #expect(allocation.isCovered)
        let choice = try plan.chooseWarehouse(quantity: 14_000, neededBy: PlanFixture.days(1), startingAt: PlanFixture.t0)
        #expect(choice.chosen?.code == LocationID("TMP-SH-01"))
    }

    @Test func lateDeliveryCompensationFromTheBrief() throws {
        let terms = try #require(ContingencyPlan.standard(for: .lateDelivery)?.compensation)
        let owed = try #require(
            try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(75), orderValue: PlanFixture.yuan(100_000)))
        #expect(owed.parts.first?.explanation == "迟到 27 小时（宽限 2 小时后计 25 小时）× ¥50.00/小时 = ¥1,250.00")
    }
}
