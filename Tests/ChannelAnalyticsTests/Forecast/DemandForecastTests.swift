import ChannelCore
import Testing

@testable import ChannelAnalytics

@Suite struct DemandForecastTests {
    @Test func levelsParseAndListTheirHierarchy() throws {
        let level = try #require(DemandLevel("sku-province"))
        #expect(level.levelsAtOrAbove.map(\.description) == [
            "sku-province", "sku-national", "category-province", "category-national", "total-province", "total-national",
        ])
        #expect(DemandLevel("total-national")?.levelsAtOrAbove.count == 1)
        #expect(DemandLevel("sku") == nil)
        #expect(DemandLevel("brand-province") == nil)
    }

    @Test func historyHoldsEveryUnitOfTheCube() throws {
        let snapshot = try AnalyticsFixture.snapshot.get()
        let history = try DemandHistory.load(from: snapshot, level: try #require(DemandLevel("category-province")))
        let days = try #require(snapshot.orders.days)
        let period = CalendarDay(daysSinceEpoch: days.lowerBound)...CalendarDay(daysSinceEpoch: days.upperBound)
        let units = try Cube.run(CubeQuery(measures: [.units], period: period), on: snapshot).total.first?.number
        let total = history.series.reduce(0) { $0 + $1.values.reduce(0, +) }
        #expect(total == units)
        #expect(history.series.allSatisfy { $0.values.count == Int(days.upperBound - days.lowerBound) + 1 })
        // Summed to the top, one series equal to the whole.
        let top = history.aggregated(to: try #require(DemandLevel("total-national")))
        #expect(top.count == 1)
        #expect(top.first?.series.values.reduce(0, +) == units)
        #expect(top.first?.members.count == history.series.count)
    }

    @Test func reconciledLevelsAddUp() throws {
        let snapshot = try AnalyticsFixture.snapshot.get()
        let history = try DemandHistory.load(from: snapshot, level: try #require(DemandLevel("category-province")))
        for method in DemandForecast.Reconciliation.allCases {
            let nodes = try DemandForecast.run(
                history, forecaster: Forecaster(horizon: 7, seasonLength: 7), method: .horizonLevel, reconciliation: method, calendar: true)
            let bottom = nodes.filter { $0.level == history.level }
            let top = try #require(nodes.first { $0.level.description == "total-national" })
            #expect(bottom.count == history.series.count)
            for step in 0..<7 {
                let sum = bottom.reduce(0) { $0 + $1.forecast.point[step] }
                #expect(abs(sum - top.forecast.point[step]) < 1e-6 * max(1, sum), "\(method) step \(step)")
            }
            #expect(nodes.allSatisfy { node in
                zip(node.forecast.lower, zip(node.forecast.point, node.forecast.upper)).allSatisfy { $0 >= 0 && $0 <= $1.0 && $1.0 <= $1.1 }
            }, "\(method)")
        }
    }
}
