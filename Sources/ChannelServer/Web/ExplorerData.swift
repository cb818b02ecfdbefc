import ChannelAnalytics
import ChannelCore
import ChannelWeb
import Foundation

/// The explorer's question read from the URL (`m` measures, `d1` `d2` dimensions, `from` `to`, `compare`, and one
/// parameter per filter), asked of one engine snapshot as a cube query bounded by the user's partner scope, and its
/// answer as the page's plain values.
struct ExplorerData {
    /// Dimensions offered, in the order the selects list them.
    static let dimensions = [
        "month", "quarter", "year", "week", "day", "province", "city", "channel", "tier", "partner", "upstream", "outlet",
        "category", "sku",
    ]
    /// Filters offered: dimension names that are also query parameters.
    static let filterNames = ["province", "channel", "tier", "category", "partner"]

    let page: ExplorerPage
    /// The answer, when the question was a valid one.
    let result: ExplorerPage.Result?
    /// Why it was not.
    let error: String?

    /// - Parameter forExport: convert every row of the answer (a download), not only what the page shows.
    init(_ web: WebPage, snapshot: FactSnapshot, cubes: CubeAnswers, forExport: Bool = false) async {
        let language = web.language
        // A first visit (no measure chosen) shows net sales by month; a submitted form says everything itself.
        let isFirstVisit = web.queries("m").isEmpty && web.query("d1") == nil
        let measures = isFirstVisit ? [Measure.netSales.rawValue] : web.queries("m")
        let chosen = [web.query("d1") ?? (isFirstVisit ? "month" : nil), web.query("d2")].compactMap { $0 }
        var filters: [String: [String]] = [:]
        for name in Self.filterNames {
            let codes = (web.query(name) ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            if !codes.isEmpty { filters[name] = codes }
        }
        var request = CubeRequest(
            measures: measures, dimensions: chosen, filters: filters, from: web.query("from"), to: web.query("to"),
            compare: web.query("compare"))
        // A partner user's view is always bounded by their own tree, whatever the URL says.
        request.scope = web.scope

        let lastDay = CalendarDay(daysSinceEpoch: snapshot.orders.days?.upperBound ?? snapshot.clock.day(of: Instant(Date())).daysSinceEpoch)
        var answer: ExplorerPage.Result?
        var failure: String?
        var period: ClosedRange<CalendarDay>?
        do {
            guard !measures.isEmpty else { throw AnalyticsError(language.pick("请至少选择一个指标。", "Choose at least one measure.")) }
            let query = try request.query(lastDay: lastDay)
            period = query.period
            let cube = try await cubes.run(query, on: snapshot)
            // The page shows the first rows; with one dimension its chart ranks them all (a few thousand at most).
            let limit = forExport || query.dimensions.count < 2 ? nil : ExplorerPage.shownRows
            answer = Self.result(cube, language: language, limit: limit)
        } catch let error as AnalyticsError {
            failure = error.message
        } catch {
            failure = "\(error)"
        }
        result = answer
        self.error = failure

        let dimensionTitle = { (name: String) in UIText.text("dim." + name, language) }
        let d = snapshot.dimensions
        let provinces = d.regions.code.indices.filter { d.regions.level[$0] == .province }
            .map { (code: d.regions.code[$0], label: d.regions.name[$0]) }.sorted { $0.code < $1.code }
        let tiers = Set(d.partners.tier).sorted().map { (code: String($0), label: "T\($0)") }
        let choices: [String: [(code: String, label: String)]] = [
            "province": provinces, "tier": tiers,
            "channel": ["online", "offline"].map { (code: $0, label: UIText.text("channel." + $0, language)) },
            "category": d.products.categories.sorted().map { (code: $0, label: $0) },
        ]
        let select = { (options: [(code: String, label: String)], chosen: String?) in
            options.map { ExplorerPage.Choice(code: $0.code, label: $0.label, selected: $0.code == chosen) }
        }
        page = ExplorerPage(
            measures: Measure.allCases.map { .init(code: $0.rawValue, label: $0.title(language), selected: measures.contains($0.rawValue)) },
            firstDimension: select(Self.dimensions.map { (code: $0, label: dimensionTitle($0)) }, chosen.first),
            secondDimension: select(Self.dimensions.map { (code: $0, label: dimensionTitle($0)) }, chosen.dropFirst().first),
            filters: Self.filterNames.map { name in
                ExplorerPage.Filter(
                    name: name, label: dimensionTitle(name), choices: select(choices[name] ?? [], web.query(name)),
                    value: web.query(name) ?? "")
            },
            from: period?.lowerBound.description ?? web.query("from") ?? "",
            to: period?.upperBound.description ?? web.query("to") ?? "",
            comparisons: [
                .init(code: "previous", label: UIText.text("comparePrevious", language), selected: web.query("compare") == "previous"),
                .init(code: "year", label: UIText.text("compareYear", language), selected: web.query("compare") == "year"),
            ],
            result: answer, error: failure,
            query: WebResponse.query(web.request).filter { $0.0 != "lang" } + [("lang", language.rawValue)],
            isScoped: web.scope != nil)
    }

    /// A cube answer as the page's plain values.
    static func result(_ cube: CubeResult, language: Language, limit: Int? = nil) -> ExplorerPage.Result {
        ExplorerPage.Result(
            dimensions: cube.dimensions.map { UIText.text("dim." + ($0.name.hasPrefix("upstream") ? "upstream" : $0.name), language) },
            isTimeFirst: cube.dimensions.first?.isTime ?? false,
            measures: cube.measures.map { ExplorerPage.MeasureColumn(title: $0.title(language), format: $0.valueFormat) },
            rows: cube.rows.prefix(limit ?? cube.rows.count).map { row in
                ExplorerPage.Row(
                    keys: row.keys.map { (code: $0.code, label: $0.label) }, values: row.values.map(\.text),
                    numbers: row.values.map(\.number), previous: row.previous?.map(\.number), change: row.change)
            },
            total: cube.total.map(\.text), totalNumbers: cube.total.map(\.number),
            hasComparison: cube.rows.contains { $0.previous != nil }, totalRows: cube.rows.count)
    }
}
