import Testing

@testable import ChannelWeb

/// The explorer's view model: table with totals and comparison columns, a chart by the first dimension, exports
/// with every row and exact values.
@Suite struct ExplorerPageTests {
    static func result(rows: Int, time: Bool = false, comparison: Bool = false) -> ExplorerPage.Result {
        ExplorerPage.Result(
            dimensions: [time ? "月" : "省份"], isTimeFirst: time,
            measures: [.init(title: "净销售额", format: .money), .init(title: "退货率", format: .rate)],
            rows: (0..<rows).map { i in
                ExplorerPage.Row(
                    keys: [(code: time ? "2026-\(i + 1)" : "P\(i)", label: time ? "2026-\(i + 1)" : "省\(i)")],
                    values: ["\(1000 + i).50", "0.125000"], numbers: [Double(1000 + i) + 0.5, 0.125],
                    previous: comparison ? [900, 0.1] : nil, change: comparison ? [0.1, 0.25] : nil)
            },
            total: ["9999.99", "0.125000"], totalNumbers: [9999.99, 0.125], hasComparison: comparison)
    }

    static func page(_ result: ExplorerPage.Result?, error: String? = nil) -> ExplorerPage {
        ExplorerPage(
            measures: [.init(code: "net_sales", label: "净销售额", selected: true)],
            firstDimension: [.init(code: "province", label: "省份", selected: true)], secondDimension: [],
            filters: [.init(name: "channel", label: "渠道", choices: [.init(code: "online", label: "线上", selected: false)], value: "")],
            from: "2025-11-01", to: "2026-10-31", comparisons: [], result: result, error: error,
            query: [("m", "net_sales"), ("d1", "province")], isScoped: false)
    }

    @Test func theTableHasARowPerAnswerAndATotal() {
        let table = Self.page(nil).table(Self.result(rows: 3), .chinese)
        #expect(table.headers.map(\.label) == ["省份", "净销售额", "退货率"])
        #expect(table.rows.count == 4)
        #expect(table.rows[0].map(\.text) == ["省0", "¥1,000.50", "12.5%"])
        #expect(table.rows[3].first?.text == "合计")
        #expect(table.note == nil)
    }

    @Test func aComparisonAddsTheEarlierValueAndTheChange() {
        let table = Self.page(nil).table(Self.result(rows: 1, comparison: true), .english)
        #expect(table.headers.map(\.label) == ["省份", "净销售额", "净销售额 (before)", "Change", "退货率", "退货率 (before)", "Change"])
        #expect(table.rows[0].map(\.text) == ["省0", "¥1,000.50", "¥900.00", "+10.0%", "12.5%", "10.0%", "+25.0%"])
    }

    @Test func longAnswersAreCutOnThePageButNotInTheExport() {
        let result = Self.result(rows: ExplorerPage.shownRows + 10)
        let table = Self.page(nil).table(result, .english)
        #expect(table.rows.count == ExplorerPage.shownRows + 1)
        #expect(table.note?.contains("\(ExplorerPage.shownRows + 10) rows") == true)
        let export = ExplorerPage.export(result, title: "KPI", language: .english)
        #expect(export.rows.count == ExplorerPage.shownRows + 10)
        #expect(export.columns == ["省份 code", "省份", "净销售额", "退货率"])
        #expect(export.rows[0] == [.text("P0"), .text("省0"), .number("1000.50"), .number("0.125000")])
    }

    @Test func aResultCutForThePageStillCountsEveryRow() {
        var result = Self.result(rows: ExplorerPage.shownRows)
        result.totalRows = 73_000
        let table = Self.page(nil).table(result, .chinese)
        #expect(table.note?.contains("共 73000 行") == true)
    }

    @Test func timeGivesALineChartAndOtherDimensionsRankedBars() throws {
        let page = Self.page(nil)
        let line = try #require(page.chart(Self.result(rows: 12, time: true), .chinese))
        #expect(line.contains("<svg") && line.contains("polyline") || line.contains("<path"))
        let bars = try #require(page.chart(Self.result(rows: 30), .chinese))
        #expect(bars.contains("省29"), "the highest value is among the bars")
        #expect(!bars.contains(">省0<"), "only the top \(ExplorerPage.chartBars) are drawn")
    }

    @Test func thePageRendersTheFormTheResultAndTheDownloads() {
        let html = PageRenderer().render(
            "explorer", Self.page(Self.result(rows: 2)).model(.chinese), title: "指标分析",
            frame: PageFrame(language: .chinese, user: .init(displayName: "a", csrfToken: "t"), path: "/explorer", permissions: ["kpi"]))
        #expect(html.contains("<input type=\"checkbox\" name=\"m\" value=\"net_sales\" checked>"))
        #expect(html.contains("<option value=\"province\" selected>省份</option>"))
        #expect(html.contains("href=\"/explorer/export.csv?m=net_sales&amp;d1=province\""))
        #expect(html.contains("href=\"/explorer/export.xlsx?m=net_sales&amp;d1=province\""))
        #expect(html.contains("<td class=\"num\">¥1,000.50</td>"))
        #expect(html.contains("class=\"table-wrap\""))
        #expect(html.contains("aria-current=\"page\""))
    }

    @Test func anErrorIsShownAsAnAlert() {
        let html = PageRenderer().render(
            "explorer", Self.page(nil, error: "unknown measure 'x'").model(.english), title: "KPI explorer",
            frame: PageFrame(language: .english, user: .init(displayName: "a", csrfToken: "t"), path: "/explorer"))
        #expect(html.contains("role=\"alert\">unknown measure &#39;x&#39;</p>") || html.contains("role=\"alert\">unknown measure &#x27;x&#x27;</p>") || html.contains("unknown measure"))
        #expect(!html.contains("class=\"table-wrap\""))
    }
}
