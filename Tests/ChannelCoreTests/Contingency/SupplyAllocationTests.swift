import Testing

@testable import ChannelCore

@Suite struct SupplyAllocationTests {
    static let skuA = SKU("SKU-A")

    /// Listed out of rank order on purpose.
    static let suppliers = [
        BackupSupplier(
            code: SupplierCode("S3"), name: "远方工厂", rank: 3, capacityPerDay: 200, leadTime: .days(6),
            unitCost: PlanFixture.yuan(9)),
        BackupSupplier(
            code: SupplierCode("S1"), name: "一号厂", rank: 1, capacityPerDay: 100, leadTime: .days(2),
            unitCost: PlanFixture.yuan(10)),
        BackupSupplier(
            code: SupplierCode("S4"), name: "乙品专供", rank: 4, capacityPerDay: 1_000, leadTime: RuleDuration(seconds: 0),
            unitCost: PlanFixture.yuan(20), skus: [SKU("SKU-B")]),
        BackupSupplier(
            code: SupplierCode("S2"), name: "二号厂", rank: 2, capacityPerDay: 50, leadTime: .days(1),
            unitCost: PlanFixture.fen(1_250), skus: [skuA]),
    ]

    @Test func allocatesByRankWithinCapacityAndReportsTheRemainder() throws {
        let shortfall = Shortfall(sku: Self.skuA, quantity: 700, neededBy: PlanFixture.days(5), startAt: PlanFixture.t0)
        let allocation = try SupplyAllocation(covering: shortfall, from: Self.suppliers)
        // S1: ready after 2 d, 3 full days × 100 = 300 at ¥10.00; S2: ready after 1 d, 4 days × 50 = 200 at ¥12.50.
        #expect(
            allocation.allocations
                == [
                    SupplierAllocation(
                        code: SupplierCode("S1"), name: "一号厂", rank: 1, quantity: 300, daysAvailable: 3,
                        cost: PlanFixture.yuan(3_000), firstArrivalAt: PlanFixture.days(3), lastArrivalAt: PlanFixture.days(5)),
                    SupplierAllocation(
                        code: SupplierCode("S2"), name: "二号厂", rank: 2, quantity: 200, daysAvailable: 4,
                        cost: PlanFixture.yuan(2_500), firstArrivalAt: PlanFixture.days(2), lastArrivalAt: PlanFixture.days(5)),
                ])
        #expect(allocation.covered == 500)
        #expect(allocation.uncovered == 200)
        #expect(!allocation.isCovered)
        #expect(allocation.cost == PlanFixture.yuan(5_500))
        #expect(allocation.exclusions.map(\.code) == [SupplierCode("S3"), SupplierCode("S4")])
        #expect(allocation.exclusions.map(\.reason) == [.arrivesTooLate(readyAt: PlanFixture.days(6)), .doesNotSupplySKU])
    }

    @Test func stopsOnceCovered() throws {
        let shortfall = Shortfall(sku: Self.skuA, quantity: 250, neededBy: PlanFixture.days(5), startAt: PlanFixture.t0)
        let allocation = try SupplyAllocation(covering: shortfall, from: Self.suppliers)
        #expect(allocation.allocations.map(\.quantity) == [250])
        #expect(allocation.allocations.first?.lastArrivalAt == PlanFixture.days(5))  // 3 days' output needed
        #expect(allocation.isCovered)
        #expect(allocation.cost == PlanFixture.yuan(2_500))
        #expect(allocation.exclusions.map(\.reason) == [.notNeeded, .notNeeded, .doesNotSupplySKU])
    }

    @Test func onlyFullDaysAfterTheLeadTimeCount() throws {
        let supplier = [Self.suppliers[1]]  // S1, lead time 2 d
        let exactlyOneDay = Shortfall(sku: Self.skuA, quantity: 500, neededBy: PlanFixture.days(3), startAt: PlanFixture.t0)
        #expect(try SupplyAllocation(covering: exactlyOneDay, from: supplier).covered == 100)
        let almost = Shortfall(
            sku: Self.skuA, quantity: 500, neededBy: PlanFixture.days(3).adding(milliseconds: -1), startAt: PlanFixture.t0)
        let tooLate = try SupplyAllocation(covering: almost, from: supplier)
        #expect(tooLate.allocations.isEmpty)
        #expect(tooLate.uncovered == 500)
        #expect(tooLate.exclusions.first?.reason == .arrivesTooLate(readyAt: PlanFixture.days(2)))
        #expect(tooLate.cost == PlanFixture.yuan(0))
    }

    @Test func skuFilter() throws {
        let shortfall = Shortfall(sku: SKU("SKU-B"), quantity: 1_500, neededBy: PlanFixture.days(1), startAt: PlanFixture.t0)
        let allocation = try SupplyAllocation(covering: shortfall, from: Self.suppliers)
        // S2 supplies only SKU-A; S1 and S3 are too late for a need tomorrow; S4 (lead time 0) covers 1 day × 1,000.
        #expect(allocation.allocations.map(\.code) == [SupplierCode("S4")])
        #expect(allocation.covered == 1_000)
        #expect(allocation.uncovered == 500)
        #expect(allocation.exclusions.first { $0.code == SupplierCode("S2") }?.reason == .doesNotSupplySKU)
    }

    @Test func mixedCurrenciesAreRefused() throws {
        var suppliers = Self.suppliers
        suppliers[3].unitCost = Money(minorUnits: 100, currency: try PlanFixture.usd())
        let shortfall = Shortfall(sku: Self.skuA, quantity: 700, neededBy: PlanFixture.days(5), startAt: PlanFixture.t0)
        #expect(throws: DomainError.currencyMismatch(.cny, try PlanFixture.usd())) {
            try SupplyAllocation(covering: shortfall, from: suppliers)
        }
    }
}
