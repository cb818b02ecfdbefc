import ChannelAnalytics
import ChannelCore
import ChannelWeb
import Foundation

/// The dashboard's numbers, read from one engine snapshot with cube queries: the last 30 days against the 30 before,
/// twelve months of net sales against the year before, a measure by province, the top and bottom partners.
/// A partner user's queries carry their partner scope.
struct DashboardData {
    let page: DashboardPage

    /// Measures the tiles show, and whether a rise is good news.
    static let tiles: [(Measure, ValueFormat, Bool)] = [
        (.netSales, .money, true), (.orders, .count, true), (.averageOrderValue, .money, true), (.returnRate, .rate, false),
        (.onTimeRate, .rate, true), (.csat, .rating, true), (.complaints, .count, false),
    ]

    /// Measures the map can colour the provinces by.
    static let mapMeasures: [(Measure, ValueFormat)] = [
        (.netSales, .money), (.orders, .count), (.averageOrderValue, .money), (.returnRate, .rate), (.onTimeRate, .rate),
    ]

    init(snapshot: FactSnapshot, scope: [String]?, map: String?, language: Language) throws {
        let last = snapshot.orders.days.map { CalendarDay(daysSinceEpoch: $0.upperBound) } ?? snapshot.clock.day(of: Instant(Date()))
        let period = last.adding(days: -29)...last
        let title = { (measure: Measure) in language.pick(measure.title.zh, measure.title.en) }

        let kpis = try Cube.run(
            CubeQuery(
                measures: Self.tiles.map(\.0), partnerScope: scope, period: period, comparison: .previousPeriod),
            on: snapshot)
        let row = kpis.rows.first
        let tiles = Self.tiles.enumerated().map { index, tile in
            DashboardPage.Tile(
                label: title(tile.0), value: row?.values[index].number ?? kpis.total[index].number,
                previous: row?.previous?[index].number, format: tile.1, higherIsBetter: tile.2)
        }

        // Twelve whole months up to the last day with orders, against the same months a year before.
        let twelve = TwelveMonths(endingWith: last)
        let months = twelve.labels
        let trend = try Cube.run(
            CubeQuery(measures: [.netSales], dimensions: [.month], partnerScope: scope, period: twelve.start...last, comparison: .previousYear),
            on: snapshot)
        let byMonth = Dictionary(trend.rows.map { ($0.keys.first?.code ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        // A month without orders sold nothing; a month before the first order has no figure at all.
        let firstMonth = snapshot.orders.days.map { CalendarDay(daysSinceEpoch: $0.lowerBound).description.prefix(7) } ?? ""
        let yearEarlier = { (month: String) in "\(Int(month.prefix(4)).map { $0 - 1 } ?? 0)\(month.dropFirst(4))" }
        let monthly = months.map { byMonth[$0]?.values.first?.number ?? 0 }
        let yearBefore = months.map { month in
            byMonth[month]?.previous?.first?.number ?? (yearEarlier(month) >= firstMonth ? 0 : nil)
        }

        let choice = Self.mapMeasures.first { $0.0.rawValue == map } ?? Self.mapMeasures[0]
        let provinces = try Cube.run(
            CubeQuery(measures: [choice.0], dimensions: [.province], partnerScope: scope, period: period), on: snapshot)
        var byProvince: [String: Double] = [:]
        for row in provinces.rows { if let code = row.keys.first?.code, let value = row.values.first?.number { byProvince[code] = value } }

        let ranked = { (descending: Bool) throws -> [DashboardPage.Ranked] in
            try Cube.run(
                CubeQuery(
                    measures: [.netSales], dimensions: [.partner], partnerScope: scope, period: period,
                    top: .init(count: 5, measure: .netSales, descending: descending)),
                on: snapshot
            ).rows.map { DashboardPage.Ranked(label: $0.keys.first?.label ?? "", value: $0.values.first?.number ?? 0) }
        }

        page = DashboardPage(
            from: period.lowerBound.description, to: period.upperBound.description, tiles: tiles, months: months,
            monthly: monthly, monthlyYearBefore: yearBefore,
            mapChoices: Self.mapMeasures.map { .init(code: $0.0.rawValue, label: title($0.0), format: $0.1) },
            mapChoice: choice.0.rawValue, provinces: byProvince, top: try ranked(true), bottom: try ranked(false),
            isScoped: scope != nil)
    }
}
