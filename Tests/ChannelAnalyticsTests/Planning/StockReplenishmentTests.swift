import ChannelCore
import Testing

@testable import ChannelAnalytics

@Suite struct StockReplenishmentTests {
    @Test func everyStockLineGetsAPlanThatFollowsTheRule() throws {
        let snapshot = try AnalyticsFixture.snapshot.get()
        var settings = StockReplenishment.Settings()
        settings.packSize = 10
        let lines = try StockReplenishment.run(on: snapshot, settings: settings)
        #expect(lines.count == StockPosition(snapshot).entries.count)
        #expect(!lines.isEmpty)
        for line in lines {
            let plan = line.plan
            if let order = plan.order {
                #expect(plan.inventoryPosition <= plan.reorderPoint + 1e-9, "\(line.location) \(line.sku)")
                #expect(order.quantity >= plan.orderUpToLevel - plan.inventoryPosition - 1e-9)
                #expect(order.quantity.truncatingRemainder(dividingBy: 10) == 0)
            } else {
                #expect(plan.inventoryPosition > plan.reorderPoint - 1e-9 || plan.meanDailyDemand == 0)
            }
            #expect(!line.reason.chinese.isEmpty && !line.reason.english.isEmpty)
            if line.province == nil {
                #expect(plan.meanDailyDemand == 0)
                #expect(line.reason.english.hasPrefix("This location serves no province"))
            }
        }
        // Locations named after a province get that province's demand.
        #expect(lines.contains { $0.province != nil && $0.plan.meanDailyDemand > 0 })
    }

    @Test func leadTimesAreMeasuredPerProvince() throws {
        let snapshot = try AnalyticsFixture.snapshot.get()
        let stockDay = try #require(StockPosition(snapshot).day)
        let leadTimes = DemandOutlook.measuredLeadTimes(snapshot, until: stockDay)
        #expect(!leadTimes.isEmpty)
        #expect(leadTimes.values.allSatisfy { $0.mean > 0 && $0.deviation >= 0 })
    }
}
