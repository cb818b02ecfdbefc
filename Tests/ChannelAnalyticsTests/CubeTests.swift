import ChannelCore
import Foundation
import Testing

@testable import ChannelAnalytics

/// Properties of the cube on a generated dataset: slices add up to the total, a filtered measure equals the same
/// computation done independently in SQL, comparisons and top-N behave, and impossible slicings are refused.
@Suite struct CubeTests {
    let fixture: AnalyticsFixture
    let snapshot: FactSnapshot
    /// The last year of the data, in business days.
    let year: ClosedRange<CalendarDay>

    init() throws {
        fixture = try AnalyticsFixture.shared.get()
        snapshot = try AnalyticsFixture.snapshot.get()
        let end = try CalendarDay(parsing: "2026-10-31")
        year = end.adding(days: -364)...end
    }

    static let slicings: [[CubeDimension]] = [
        [.month], [.week], [.province, .channel], [.city], [.tier], [.partner], [.upstream(tier: 1)], [.upstream(tier: 2)],
        [.outlet], [.category], [.sku, .quarter], [.year, .category, .channel],
    ]

    @Test(arguments: slicings)
    func additiveMeasuresAddUpToTheTotal(dimensions: [CubeDimension]) throws {
        var measures: [Measure] = [.netSales, .units]
        if !dimensions.contains(where: \.isProduct) { measures.append(.orders) }
        let result = try Cube.run(CubeQuery(measures: measures, dimensions: dimensions, period: year), on: snapshot)
        #expect(result.rows.count > 1)
        for (m, measure) in measures.enumerated() {
            let sum = result.rows.compactMap { $0.values[m].number }.reduce(0, +)
            let total = try #require(result.total[m].number)
            #expect(abs(sum - total) <= total * 1e-12, "\(measure.rawValue) by \(dimensions.map(\.name))")
        }
        // Exactly: net sales in 1e-8 yuan (each slice is shown rounded; its value is not).
        let exact = result.rows.map { row -> Int128 in
            if case .exact(let units, _, _) = row.values[0] { return units }
            return 0
        }.reduce(0, +)
        if case .exact(let total, _, _) = result.total[0] { #expect(exact == total) } else { Issue.record("net sales is not exact") }
    }

    @Test func complaintsAddUpByPartnerAndProvince() throws {
        for dimensions in [[CubeDimension.partner], [.province], [.month, .tier]] {
            let result = try Cube.run(CubeQuery(measures: [.complaints], dimensions: dimensions, period: year), on: snapshot)
            let sum = result.rows.compactMap { $0.values[0].number }.reduce(0, +)
            #expect(sum == result.total[0].number)
        }
    }

    /// Business day of an instant column as SQL text (UTC+8, no daylight saving).
    static func day(_ column: String) -> String { "date((\(column) / 1000) + 8 * 3600, 'unixepoch')" }

    @Test func aFilteredMeasureEqualsTheSameSumInSQL() throws {
        let province = try #require(try fixture.sql(
            "SELECT p.region_id FROM outlets t JOIN regions c ON c.id = t.region_id JOIN regions p ON p.id = c.parent_id LIMIT 1"
        ).first?[0] ?? nil)
        let query = CubeQuery(
            measures: [.netSales, .units, .orders], dimensions: [.month],
            filters: [.channel: ["offline"], .province: [province]], period: year)
        let result = try Cube.run(query, on: snapshot)
        let expected = try fixture.sql(
            """
            SELECT substr(\(Self.day("o.ordered_at")), 1, 7) AS month,
                   SUM((l.qty - l.returned_qty) * l.unit_price_minor * (1000000 - l.discount_ppm)), SUM(l.qty),
                   COUNT(DISTINCT o.id)
            FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN outlets t ON t.id = o.outlet_id
                 JOIN regions c ON c.id = t.region_id JOIN regions p ON p.id = c.parent_id
            WHERE o.status <> 'cancelled' AND o.channel = 'offline' AND p.region_id = '\(province)'
              AND \(Self.day("o.ordered_at")) BETWEEN '\(year.lowerBound)' AND '\(year.upperBound)'
            GROUP BY 1 ORDER BY 1
            """)
        #expect(result.rows.count == expected.count)
        #expect(!expected.isEmpty)
        for (row, want) in zip(result.rows, expected) {
            #expect(row.keys[0].code == want[0])
            let net = Int128(want[1].flatMap { Int64($0) } ?? 0)
            #expect(row.values[0].text == Exact.text(Exact.divideRounded(net, by: 1_000_000), scale: 2))
            #expect(row.values[1].text == want[2])
            #expect(row.values[2].text == want[3])
        }
    }

    @Test func aPartnerScopeKeepsThePartnerAndEverythingDownstream() throws {
        let root = try #require(try fixture.sql(
            "SELECT r.partner_id FROM partners c JOIN partners r ON r.id = c.parent_id WHERE r.tier = 1 GROUP BY r.id ORDER BY count(*) DESC LIMIT 1"
        ).first?[0] ?? nil)
        let scoped = try Cube.run(
            CubeQuery(measures: [.netSales], dimensions: [.partner], partnerScope: [root], period: year), on: snapshot)
        let expected = try fixture.sql(
            """
            WITH RECURSIVE tree(id) AS (SELECT id FROM partners WHERE partner_id = '\(root)'
                                        UNION SELECT p.id FROM partners p JOIN tree ON p.parent_id = tree.id)
            SELECT p.partner_id, SUM((l.qty - l.returned_qty) * l.unit_price_minor * (1000000 - l.discount_ppm))
            FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN partners p ON p.id = o.partner_id
            WHERE o.partner_id IN tree AND o.status <> 'cancelled'
              AND \(Self.day("o.ordered_at")) BETWEEN '\(year.lowerBound)' AND '\(year.upperBound)'
            GROUP BY 1 ORDER BY 1
            """)
        #expect(scoped.rows.map(\.keys[0].code) == expected.map { $0[0] ?? "" })
        #expect(expected.count > 1)
        // Rolled up to the top of the chain, the scope is one row: the root's whole tree.
        let rolled = try Cube.run(
            CubeQuery(measures: [.netSales], dimensions: [.upstream(tier: 1)], partnerScope: [root], period: year), on: snapshot)
        #expect(rolled.rows.map(\.keys[0].code) == [root])
        #expect(rolled.rows.first?.values[0] == scoped.total[0])
        #expect(scoped.rows.allSatisfy { $0.values[0].number ?? 0 > 0 })
    }

    @Test func aComparisonMatchesTheSameQueryOverTheEarlierPeriod() throws {
        let months = try CalendarDay(parsing: "2026-04-01")...(try CalendarDay(parsing: "2026-09-30"))
        let compared = try Cube.run(
            CubeQuery(measures: [.netSales, .csat], dimensions: [.month], period: months, comparison: .previousYear), on: snapshot)
        let lastYear = try Cube.run(
            CubeQuery(
                measures: [.netSales, .csat], dimensions: [.month],
                period: (try CalendarDay(parsing: "2025-04-01"))...(try CalendarDay(parsing: "2025-09-30"))), on: snapshot)
        #expect(compared.rows.count == 6)
        for (row, earlier) in zip(compared.rows, lastYear.rows) {
            #expect(row.previous == earlier.values)
            let now = try #require(row.values[0].number)
            let then = try #require(earlier.values[0].number)
            #expect(abs((row.change?[0] ?? 0) - (now - then) / then) < 1e-12)
        }
        // Month over month: each row's previous value is the row before it.
        let monthOverMonth = try Cube.run(
            CubeQuery(measures: [.units], dimensions: [.month], period: months, comparison: .previousPeriod), on: snapshot)
        for (before, row) in zip(monthOverMonth.rows, monthOverMonth.rows.dropFirst()) {
            #expect(row.previous?[0] == before.values[0])
        }
        // Without a time dimension: the period of equal length before (whole months shift by months).
        let whole = try Cube.run(CubeQuery(measures: [.units], period: months, comparison: .previousPeriod), on: snapshot)
        let before = try Cube.run(
            CubeQuery(
                measures: [.units],
                period: (try CalendarDay(parsing: "2025-10-01"))...(try CalendarDay(parsing: "2026-03-31"))), on: snapshot)
        #expect(whole.rows.first?.previous?[0] == before.total[0])
    }

    @Test func rowsComeInKeyOrderAndEachFindsItsEarlierRow() throws {
        let week = try CalendarDay(parsing: "2026-10-01")...(try CalendarDay(parsing: "2026-10-07"))
        let measures: [Measure] = [.units, .netSales]
        let compared = try Cube.run(
            CubeQuery(measures: measures, dimensions: [.day, .sku], period: week, comparison: .previousPeriod), on: snapshot)
        let keys = compared.rows.map { $0.keys.map(\.code) }
        #expect(keys.count > 20)
        // Days print as ISO dates and SKUs by code, so text order is the documented order.
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        // Day over day: each row's earlier values are those of the day before, same SKU, asked for directly.
        let earlier = try Cube.run(
            CubeQuery(measures: measures, dimensions: [.day, .sku], period: week.lowerBound.adding(days: -1)...week.upperBound.adding(days: -1)),
            on: snapshot)
        var byKey: [[String]: [KPIValue]] = [:]
        for row in earlier.rows { byKey[row.keys.map(\.code)] = row.values }
        for row in compared.rows {
            let dayBefore = try CalendarDay(parsing: row.keys[0].code).adding(days: -1).description
            #expect(row.previous == (byKey[[dayBefore, row.keys[1].code]] ?? [.null, .null]), "\(row.keys.map(\.code))")
        }
        #expect(compared.rows.contains { $0.previous?[0] != .null })
        // Outlets by code; orders without one ("none", code "") would come first.
        let outlets = try Cube.run(CubeQuery(measures: [.orders], dimensions: [.outlet], period: year), on: snapshot)
        let codes = outlets.rows.map { $0.keys[0].code }
        #expect(codes.count > 20 && codes == codes.sorted())
    }

    @Test func topAndBottomKeepTheHighestAndLowest() throws {
        let all = try Cube.run(CubeQuery(measures: [.netSales], dimensions: [.partner], period: year), on: snapshot)
        let values = all.rows.compactMap { $0.values[0].number }.sorted()
        let top = try Cube.run(
            CubeQuery(measures: [.netSales], dimensions: [.partner], period: year, top: .init(count: 5, measure: .netSales)),
            on: snapshot)
        #expect(top.rows.compactMap { $0.values[0].number } == Array(values.reversed().prefix(5)))
        let bottom = try Cube.run(
            CubeQuery(
                measures: [.netSales], dimensions: [.partner], period: year,
                top: .init(count: 3, measure: .netSales, descending: false)), on: snapshot)
        #expect(bottom.rows.compactMap { $0.values[0].number } == Array(values.prefix(3)))
    }

    @Test func everyMeasureAnswersUnsliced() throws {
        let result = try Cube.run(CubeQuery(measures: Measure.allCases, period: year), on: snapshot)
        for (measure, value) in zip(result.measures, result.total) {
            #expect(value != .null, "\(measure.rawValue)")
        }
    }

    @Test func ratiosStayInTheirRange() throws {
        let rates: [Measure] = [.returnRate, .onTimeRate, .activeOutletRate, .coverage, .stockOutRate]
        let result = try Cube.run(CubeQuery(measures: rates, dimensions: [.quarter], period: year), on: snapshot)
        for row in result.rows {
            for value in row.values { if let v = value.number { #expect((0...1).contains(v)) } }
        }
        let csat = try Cube.run(CubeQuery(measures: [.csat], dimensions: [.channel], period: year), on: snapshot)
        for row in csat.rows { #expect((1...5).contains(row.values[0].number ?? 0)) }
    }

    @Test func impossibleSlicingsAreRefusedWithTheReason() {
        let cases: [(CubeQuery, String)] = [
            (CubeQuery(measures: [.stockOutRate], dimensions: [.partner], period: year), "partner"),
            (CubeQuery(measures: [.orders], dimensions: [.sku], period: year), "sku"),
            (CubeQuery(measures: [.winWinIndex], dimensions: [.month], period: year), "partner only"),
            (CubeQuery(measures: [.netSales], filters: [.province: ["nowhere"]], period: year), "no region 'nowhere'"),
            (CubeQuery(measures: [.netSales], dimensions: [.month, .year], period: year), "one time dimension"),
            (CubeQuery(measures: [.netSales], period: year, top: .init(count: 3, measure: .units)), "does not ask"),
        ]
        for (query, reason) in cases {
            #expect {
                _ = try Cube.run(query, on: snapshot)
            } throws: { error in
                (error as? AnalyticsError)?.message.contains(reason) ?? false
            }
        }
    }

    @Test func dimensionsParseAndPrint() throws {
        #expect(try CubeDimension(parsing: "upstream") == .upstream(tier: 1))
        #expect(try CubeDimension(parsing: "upstream:2") == .upstream(tier: 2))
        #expect(try CubeDimension(parsing: "upstream:2").name == "upstream:2")
        #expect(throws: AnalyticsError.self) { try CubeDimension(parsing: "upstream:x") }
        #expect(throws: AnalyticsError.self) { try CubeDimension(parsing: "colour") }
    }

    @Test func weeksAreISOWeeks() {
        // 2026-10-31 is a Saturday in ISO week 44 of 2026; 2024-12-30 (a Monday) starts week 1 of 2025.
        let saturday = CalendarDay(year: 2026, month: 10, day: 31)?.daysSinceEpoch ?? 0
        #expect(TimeBucket.label(.week, number: TimeBucket.number(.week, day: saturday)) == "2026-W44")
        let monday = CalendarDay(year: 2024, month: 12, day: 30)?.daysSinceEpoch ?? 0
        #expect(TimeBucket.label(.week, number: TimeBucket.number(.week, day: monday)) == "2025-W01")
        #expect(TimeBucket.days(.week, number: TimeBucket.number(.week, day: monday)).lowerBound == monday)
        #expect(TimeBucket.label(.quarter, number: TimeBucket.number(.quarter, day: saturday)) == "2026-Q4")
    }
}
