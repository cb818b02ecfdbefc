import Foundation
import ChannelAnalytics
import Testing

@Suite struct ReplenishmentTests {
    /// The textbook case: d̄ = 20/day, σ_d = 5, L = 9 days, σ_L = 2 days, R = 0, service level 95 %.
    private func textbookInput(onHand: Double) -> ReplenishmentInput {
        ReplenishmentInput(
            dailyForecast: Array(repeating: 20, count: 30),
            dailyDemandStandardDeviation: 5,
            leadTimeDays: 9,
            leadTimeStandardDeviationDays: 2,
            reviewPeriodDays: 0,
            serviceLevel: 0.95,
            onHand: onHand,
            unitCost: 10,
            orderingCost: 50,
            annualHoldingRate: 0.25
        )
    }

    // σ_LT = √(9·5² + 20²·2²) = √(225 + 1600) = √1825 = 42.7200
    // SS = 1.644854 · 42.7200 = 70.268;  lead-time demand = 9 · 20 = 180;  ROP = 250.268
    // R = 0, so S = ROP = 250.268.
    @Test func textbookLevels() throws {
        let plan = try Replenishment.plan(textbookInput(onHand: 400))
        #expect(abs(plan.protectionStandardDeviation - 1825.0.squareRoot()) < 1e-12)
        #expect(abs(plan.protectionStandardDeviation - 42.72) < 0.001)
        #expect(abs(plan.safetyStock - 70.27) < 0.01)
        #expect(abs(plan.leadTimeDemand - 180) < 1e-12)
        #expect(abs(plan.reorderPoint - 250.27) < 0.01)
        #expect(abs(plan.orderUpToLevel - plan.reorderPoint) < 1e-12)
        #expect(plan.order == nil)
    }

    // D = 20 · 365 = 7300, K = 50, h = 0.25, c = 10: EOQ = √(2·7300·50 / 2.5) = √292000 = 540.37
    @Test func economicOrderQuantity() throws {
        let eoq = try #require(
            Replenishment.economicOrderQuantity(
                annualDemand: 7300,
                orderingCost: 50,
                annualHoldingRate: 0.25,
                unitCost: 10
            )
        )
        #expect(abs(eoq - 540.37) < 0.01)
        #expect(
            Replenishment.economicOrderQuantity(
                annualDemand: 7300,
                orderingCost: nil,
                annualHoldingRate: 0.25,
                unitCost: 10
            ) == nil
        )
        #expect(
            try Replenishment.plan(textbookInput(onHand: 0)).economicOrderQuantity.map { abs($0 - 540.37) < 0.01 }
                == true
        )
    }

    // Position 100 ≤ ROP 250.27: gap to S = 150.27, EOQ 540.37 is larger, so order ⌈540.37⌉ = 541 whole units.
    @Test func orderIsRaisedToTheEconomicQuantity() throws {
        let plan = try Replenishment.plan(textbookInput(onHand: 100))
        let order = try #require(plan.order)
        #expect(abs(order.gapToOrderUpTo - 150.27) < 0.01)
        #expect(order.isRaisedToEconomicQuantity)
        #expect(order.quantity == 541)
        #expect(plan.reason.chinese.contains("按经济订货量 540"))
        #expect(plan.reason.english.contains("raised to the economic order quantity 540"))
    }

    // 233 → MOQ 300 → 300/48 = 6.25 packs → 7 packs = 336.
    // 233 → MOQ 100 does not bind → 233/50 = 4.66 packs → 5 packs = 250.
    @Test(arguments: [
        (quantity: 233.0, moq: 300.0, pack: 48.0, expected: 336.0),
        (quantity: 233.0, moq: 100.0, pack: 50.0, expected: 250.0),
        (quantity: 250.0, moq: 0.0, pack: 50.0, expected: 250.0),
        (quantity: 70.27, moq: 0.0, pack: 1.0, expected: 71.0),
    ])
    func minimumOrderAndPackRounding(quantity: Double, moq: Double, pack: Double, expected: Double) {
        #expect(Replenishment.roundedOrderQuantity(quantity, minimumOrderQuantity: moq, packSize: pack) == expected)
    }

    /// 15/day, L = 10, no uncertainty: lead-time demand 150, safety stock 0, ROP = S = 150.
    private func deterministicInput(onHand: Double, onOrder: Double = 0, backorders: Double = 0) -> ReplenishmentInput {
        ReplenishmentInput(
            dailyForecast: Array(repeating: 15, count: 20),
            dailyDemandStandardDeviation: 0,
            leadTimeDays: 10,
            reviewPeriodDays: 0,
            onHand: onHand,
            onOrder: onOrder,
            backorders: backorders,
            packSize: 50
        )
    }

    // Position = 100 + 30 − 10 = 120 ≤ 150: gap 30, rounded up to one pack of 50.
    @Test func orderReasonInBothLanguages() throws {
        let plan = try Replenishment.plan(deterministicInput(onHand: 100, onOrder: 30, backorders: 10))
        #expect(plan.inventoryPosition == 120)
        #expect(plan.suggestedQuantity == 50)
        #expect(plan.reason.chinese == "库存位置 120 低于再订货点 150（提前期需求 150 + 安全库存 0），建议补货 50（按箱规 50 取整）")
        #expect(
            plan.reason.english
                == "Inventory position 120 is below the reorder point 150 (lead-time demand 150 + safety stock 0); "
                + "order 50 (rounded up to packs of 50)"
        )
    }

    // Position 300 > ROP 150: no order. 300 is not above 2·S = 300, so no overstock note.
    @Test func noOrderAboveTheReorderPoint() throws {
        let plan = try Replenishment.plan(deterministicInput(onHand: 300))
        #expect(plan.order == nil)
        #expect(plan.suggestedQuantity == 0)
        #expect(plan.reason.chinese == "库存位置 300 高于再订货点 150（提前期需求 150 + 安全库存 0），无需补货")
        #expect(
            plan.reason.english
                == "Inventory position 300 is above the reorder point 150 (lead-time demand 150 + safety stock 0); "
                + "no order needed"
        )
        #expect(!plan.risk.isOverstocked)
        #expect(plan.risk.daysOfCover == 20)
    }

    // Position 600 > 2·S = 500.5: overstock, excess above S = 600 − 250.27 = 349.73.
    @Test func overstockIsFlagged() throws {
        let plan = try Replenishment.plan(textbookInput(onHand: 600))
        #expect(plan.risk.isOverstocked)
        #expect(abs(plan.risk.excessUnits - 349.73) < 0.01)
        #expect(plan.reason.chinese.hasSuffix("；超出补货上限 250 约 350，有积压风险"))

        // 400 units = 20 days of cover: not overstock by the default policy, but it is with a 15-day limit.
        let relaxed = try Replenishment.plan(textbookInput(onHand: 400))
        #expect(!relaxed.risk.isOverstocked)
        let strict = try Replenishment.plan(textbookInput(onHand: 400), overstock: OverstockPolicy(maxDaysOfCover: 15))
        #expect(strict.risk.isOverstocked)
        #expect(abs(strict.risk.excessUnits - (400 - 250.268)) < 0.01)
    }

    // Zero forecast: no division by zero, no order, no days of cover, and the reason says no demand is expected.
    @Test func zeroDemand() throws {
        let input = ReplenishmentInput(
            dailyForecast: Array(repeating: 0, count: 14),
            dailyDemandStandardDeviation: 3,
            leadTimeDays: 7,
            onHand: 40,
            unitCost: 10,
            orderingCost: 50,
            annualHoldingRate: 0.25
        )
        let plan = try Replenishment.plan(input)
        #expect(plan.order == nil)
        #expect(plan.risk.daysOfCover == nil)
        #expect(plan.risk.stockOutProbability == 0)
        #expect(plan.economicOrderQuantity == 0)
        #expect(plan.reason.chinese.hasPrefix("预测期内无需求，无需补货"))
        #expect(plan.reason.english.hasPrefix("No demand is expected"))
    }

    // Zero forecast but 30 backorders against 10 on hand: order the 20-unit shortfall, rounded to 1 pack of 24.
    @Test func zeroDemandStillClearsBackorders() throws {
        let input = ReplenishmentInput(
            dailyForecast: [0, 0, 0],
            dailyDemandStandardDeviation: 0,
            leadTimeDays: 2,
            onHand: 10,
            backorders: 30,
            packSize: 24
        )
        let plan = try Replenishment.plan(input)
        #expect(plan.suggestedQuantity == 24)
        #expect(plan.risk.stockOutProbability == 1)
        #expect(plan.reason.chinese.hasPrefix("预测期内无需求，但欠货超出库存 20"))
    }

    // Forecast [10, 20, 30, 40]: over 2.5 days = 10 + 20 + 0.5·30 = 45;
    // over 6 days = 100 + 2 · 25 (mean fills the missing days) = 150.
    @Test func demandOverFractionalAndExtendedWindows() throws {
        let forecast: [Double] = [10, 20, 30, 40]
        #expect(Replenishment.cumulativeDemand(over: 2.5, forecast: forecast, fill: 25) == 45)
        #expect(Replenishment.cumulativeDemand(over: 6, forecast: forecast, fill: 25) == 150)
        #expect(Replenishment.cumulativeDemand(over: 0, forecast: forecast, fill: 25) == 0)

        let plan = try Replenishment.plan(
            ReplenishmentInput(dailyForecast: forecast, dailyDemandStandardDeviation: 0, leadTimeDays: 5, onHand: 0)
        )
        // L = 5, R = 1 (default): ROP = 100 + 25 = 125, S = 150.
        #expect(plan.reorderPoint == 125)
        #expect(plan.orderUpToLevel == 150)
        #expect(plan.isForecastExtended)
        #expect(plan.suggestedQuantity == 150)
    }

    // With R = 0 and the position exactly at S, the stock-out probability is 1 − service level;
    // at the mean protection demand (180) it is 50 %.
    @Test func stockOutProbability() throws {
        let level = try Replenishment.plan(textbookInput(onHand: 0)).orderUpToLevel
        let atS = try Replenishment.plan(textbookInput(onHand: level))
        #expect(abs(atS.risk.stockOutProbability - 0.05) < 1e-9)
        let atMean = try Replenishment.plan(textbookInput(onHand: 180))
        #expect(abs(atMean.risk.stockOutProbability - 0.5) < 1e-12)
    }

    // Max stock 200 caps S (250.27 → 200); position 100 leaves room for 100, EOQ 540 is cut to it.
    @Test func maxStockCapsTheOrder() throws {
        var input = textbookInput(onHand: 100)
        input.maxStock = 200
        let plan = try Replenishment.plan(input)
        #expect(plan.orderUpToLevel == 200)
        #expect(plan.isOrderUpToCappedByMaxStock)
        let order = try #require(plan.order)
        #expect(order.quantity == 100)
        #expect(order.isCappedByMaxStock)
        #expect(plan.reason.chinese.contains("受最大库存 200 限制"))

        input.onHand = 200
        let full = try Replenishment.plan(input)
        #expect(full.order == nil)
        #expect(full.reason.english.contains("leaves no room"))
    }

    @Test func invalidInputNamesTheField() {
        var input = textbookInput(onHand: 0)
        input.serviceLevel = 1
        #expect(throws: ReplenishmentInputError.self) { try Replenishment.plan(input) }
        do {
            _ = try Replenishment.plan(input)
        } catch {
            #expect(error.description.contains("serviceLevel"))
        }

        input = textbookInput(onHand: 0)
        input.packSize = 0
        #expect(
            throws: ReplenishmentInputError.invalidField(
                field: "packSize",
                value: 0,
                requirement: "must be a finite number > 0"
            )
        ) {
            try Replenishment.plan(input)
        }

        input = textbookInput(onHand: 0)
        input.dailyForecast = [1, .infinity]
        #expect(throws: ReplenishmentInputError.nonFiniteForecast(day: 1, value: .infinity)) {
            try Replenishment.plan(input)
        }
    }
}
