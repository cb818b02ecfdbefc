import Testing

@testable import ChannelCore

@Suite struct WarehouseChoiceTests {
    static func warehouse(_ code: String, cost: Int64, capacity: Int64, leadHours: Int) -> TemporaryWarehouse {
        TemporaryWarehouse(
            code: LocationID(code), name: "\(code) 仓", city: "上海", capacity: capacity, leadTime: .hours(leadHours),
            costPerDay: PlanFixture.yuan(cost))
    }

    static let warehouses = [
        warehouse("W1", cost: 800, capacity: 5_000, leadHours: 72),
        warehouse("W2", cost: 1_200, capacity: 20_000, leadHours: 24),
        warehouse("W3", cost: 1_000, capacity: 6_000, leadHours: 12),
        warehouse("W4", cost: 900, capacity: 10_000, leadHours: 48),
    ]

    @Test func cheapestThatOpensInTimeAndHoldsTheQuantity() throws {
        // W4 opens exactly when the goods are needed, which is in time; W1 is cheaper but late and too small.
        let choice = try WarehouseChoice(
            quantity: 7_000, neededBy: PlanFixture.days(2), startingAt: PlanFixture.t0, among: Self.warehouses)
        #expect(choice.chosen?.code == LocationID("W4"))
        #expect(choice.opensAt == PlanFixture.days(2))
        #expect(choice.rejections.map(\.code) == [LocationID("W1"), LocationID("W3")])
        #expect(
            choice.rejections[0].reasons == [.opensTooLate(opensAt: PlanFixture.days(3)), .tooSmall(capacity: 5_000)])
        #expect(choice.rejections[1].reasons == [.tooSmall(capacity: 6_000)])
        #expect(choice.explanationEn.hasSuffix("costs ¥900.00 per day: the cheapest of 2 that fit"))
    }

    @Test func anEarlierDeadlineChangesTheChoice() throws {
        let choice = try WarehouseChoice(
            quantity: 7_000, neededBy: PlanFixture.days(2).adding(milliseconds: -1), startingAt: PlanFixture.t0,
            among: Self.warehouses)
        #expect(choice.chosen?.code == LocationID("W2"))
    }

    @Test func noneFitsSaysWhy() throws {
        let choice = try WarehouseChoice(
            quantity: 30_000, neededBy: PlanFixture.hours(6), startingAt: PlanFixture.t0, among: Self.warehouses)
        #expect(choice.chosen == nil)
        #expect(choice.opensAt == nil)
        #expect(choice.rejections.count == 4)
        #expect(choice.explanationEn.hasPrefix("no temporary warehouse fits: W1 opens at 2023-11-17T22:13:20Z, after "))
        #expect(choice.explanation.hasPrefix("没有合适的临时仓：W1 仓（W1）"))
        let empty = try WarehouseChoice(quantity: 1, neededBy: PlanFixture.days(1), startingAt: PlanFixture.t0, among: [])
        #expect(empty.chosen == nil)
        #expect(empty.explanationEn == "the plan lists no temporary warehouses")
    }

    @Test func tiesGoToTheEarlierOpening() throws {
        let tied = [
            Self.warehouse("TA", cost: 500, capacity: 100, leadHours: 10),
            Self.warehouse("TB", cost: 500, capacity: 100, leadHours: 5),
        ]
        let choice = try WarehouseChoice(quantity: 100, neededBy: PlanFixture.days(1), startingAt: PlanFixture.t0, among: tied)
        #expect(choice.chosen?.code == LocationID("TB"))
    }
}
