/// The KPI explorer: measures by up to two dimensions over a period, filtered, optionally compared with the period
/// before or the year before; a table, a chart, and CSV and XLSX downloads of the same rows. A GET form, so the URL
/// reproduces the view.
public struct ExplorerPage: Sendable {
    /// One option of a select or checkbox group.
    public struct Choice: Sendable {
        public var code: String
        public var label: String
        public var selected: Bool

        public init(code: String, label: String, selected: Bool) {
            self.code = code
            self.label = label
            self.selected = selected
        }
    }

    /// A filter control: a select of codes (with "all" first), or a text field when `choices` is empty.
    public struct Filter: Sendable {
        public var name: String
        public var label: String
        public var choices: [Choice]
        public var value: String

        public init(name: String, label: String, choices: [Choice], value: String) {
            self.name = name
            self.label = label
            self.choices = choices
            self.value = value
        }
    }

    /// A measure column of the result and how its values read.
    public struct MeasureColumn: Sendable {
        public var title: String
        public var format: ValueFormat

        public init(title: String, format: ValueFormat) {
            self.title = title
            self.format = format
        }
    }

    /// One result row: the dimension values, each measure's exact text and number, and with a comparison the
    /// earlier values and relative changes.
    public struct Row: Sendable {
        public var keys: [(code: String, label: String)]
        public var values: [String?]
        public var numbers: [Double?]
        public var previous: [Double?]?
        public var change: [Double?]?

        public init(
            keys: [(code: String, label: String)], values: [String?], numbers: [Double?], previous: [Double?]? = nil,
            change: [Double?]? = nil
        ) {
            self.keys = keys
            self.values = values
            self.numbers = numbers
            self.previous = previous
            self.change = change
        }
    }

    public struct Result: Sendable {
        public var dimensions: [String]
        /// Whether the first dimension is a time dimension (the chart is then a line over time).
        public var isTimeFirst: Bool
        public var measures: [MeasureColumn]
        public var rows: [Row]
        public var total: [String?]
        public var totalNumbers: [Double?]
        public var hasComparison: Bool
        /// Rows of the whole answer; `rows` may hold only the first ones (enough for the page).
        public var totalRows: Int

        public init(
            dimensions: [String], isTimeFirst: Bool, measures: [MeasureColumn], rows: [Row], total: [String?],
            totalNumbers: [Double?], hasComparison: Bool, totalRows: Int? = nil
        ) {
            self.dimensions = dimensions
            self.isTimeFirst = isTimeFirst
            self.measures = measures
            self.rows = rows
            self.total = total
            self.totalNumbers = totalNumbers
            self.hasComparison = hasComparison
            self.totalRows = totalRows ?? rows.count
        }
    }

    /// Rows shown on the page; the downloads hold every row.
    public static let shownRows = 500
    /// Bars in a ranked chart.
    public static let chartBars = 20

    public var measures: [Choice]
    public var firstDimension: [Choice]
    public var secondDimension: [Choice]
    public var filters: [Filter]
    public var from: String
    public var to: String
    public var comparisons: [Choice]
    public var result: Result?
    /// Why the question could not be answered (an unknown measure, a dimension the measure cannot be sliced by ...).
    public var error: String?
    /// The question's query parameters, for the download links.
    public var query: [(String, String)]
    public var isScoped: Bool

    public init(
        measures: [Choice], firstDimension: [Choice], secondDimension: [Choice], filters: [Filter], from: String, to: String,
        comparisons: [Choice], result: Result?, error: String?, query: [(String, String)], isScoped: Bool
    ) {
        self.measures = measures
        self.firstDimension = firstDimension
        self.secondDimension = secondDimension
        self.filters = filters
        self.from = from
        self.to = to
        self.comparisons = comparisons
        self.result = result
        self.error = error
        self.query = query
        self.isScoped = isScoped
    }

    public func model(_ language: Language) -> [String: Any] {
        let choice = { (choices: [Choice]) in
            choices.map { ["code": $0.code, "label": $0.label, "selected": $0.selected] as [String: Any] }
        }
        var model: [String: Any] = [
            "measures": choice(measures), "first": choice(firstDimension), "second": choice(secondDimension),
            "filters": filters.map { filter -> [String: Any] in
                ["name": filter.name, "label": filter.label, "value": filter.value, "isSelect": !filter.choices.isEmpty,
                 "choices": choice(filter.choices)]
            },
            "from": from, "to": to, "comparisons": choice(comparisons), "scoped": isScoped,
            "error": error ?? false,
            "csv": PageLink.href("/explorer/export.csv", query), "xlsx": PageLink.href("/explorer/export.xlsx", query),
        ]
        if let result {
            model["result"] = [
                "table": table(result, language).model, "chart": chart(result, language) ?? false,
                "count": result.totalRows,
            ] as [String: Any]
        }
        return model
    }

    /// The table on the page: dimension labels, formatted measures (with the earlier value and the change when
    /// compared), a total row, at most `shownRows` rows.
    func table(_ result: Result, _ language: Language) -> TableView {
        var headers = result.dimensions.map { (label: $0, numeric: false) }
        for measure in result.measures {
            headers.append((label: measure.title, numeric: true))
            if result.hasComparison {
                headers.append((label: measure.title + language.pick("（对比期）", " (before)"), numeric: true))
                headers.append((label: language.pick("变化", "Change"), numeric: true))
            }
        }
        var rows: [[TableView.Cell]] = result.rows.prefix(Self.shownRows).map { row in
            var cells = row.keys.map { TableView.Cell($0.label.isEmpty ? $0.code : $0.label) }
            for (index, measure) in result.measures.enumerated() {
                cells.append(TableView.Cell(measure.format.text(row.numbers[index], language), numeric: true))
                if result.hasComparison {
                    cells.append(TableView.Cell(measure.format.text(row.previous?[index] ?? nil, language), numeric: true))
                    cells.append(TableView.Cell(ValueFormat.change(row.change?[index] ?? nil), numeric: true))
                }
            }
            return cells
        }
        if !result.dimensions.isEmpty {
            var total = [TableView.Cell(language.pick("合计", "Total"))]
            total += Array(repeating: TableView.Cell(""), count: result.dimensions.count - 1)
            for (index, measure) in result.measures.enumerated() {
                total.append(TableView.Cell(measure.format.text(result.totalNumbers[index], language), numeric: true))
                if result.hasComparison { total += [TableView.Cell("", numeric: true), TableView.Cell("", numeric: true)] }
            }
            rows.append(total)
        }
        let note =
            result.totalRows > Self.shownRows
            ? language.pick("共 \(result.totalRows) 行，页面显示前 \(Self.shownRows) 行；下载可获得全部数据。",
                "\(result.totalRows) rows; the page shows the first \(Self.shownRows). The downloads hold them all.")
            : nil
        return TableView(caption: language.pick("查询结果", "Result"), headers: headers, rows: rows, note: note)
    }

    /// A line over time for a time dimension, ranked bars otherwise; none for two dimensions or none at all.
    func chart(_ result: Result, _ language: Language) -> String? {
        guard result.dimensions.count == 1, let measure = result.measures.first else { return nil }
        let labels = result.rows.map { $0.keys.first?.label ?? "" }
        if result.isTimeFirst {
            var series: [(name: String, values: [Double?])] = [(name: measure.title, values: result.rows.map { $0.numbers.first ?? nil })]
            if result.hasComparison {
                series.append(
                    (name: language.pick("对比期", "Before"), values: result.rows.map { $0.previous?.first ?? nil }))
            }
            return LineChart(
                title: measure.title, labels: labels, series: series, language: language,
                valueText: { measure.format.text($0, language) }
            ).svg()
        }
        let ranked = result.rows.compactMap { row in (row.numbers.first ?? nil).map { (row.keys.first?.label ?? "", $0) } }
            .sorted { $0.1 > $1.1 }.prefix(Self.chartBars)
        return BarChart(
            title: measure.title, bars: ranked.map { (label: $0.0, value: $0.1, text: measure.format.text($0.1, language)) },
            language: language
        ).svg()
    }

    /// Every row with exact values, for CSV and XLSX: each dimension's code and name, then each measure (and with a
    /// comparison its earlier value and change).
    public static func export(_ result: Result, title: String, language: Language) -> ExportTable {
        var columns: [String] = []
        for dimension in result.dimensions {
            columns += [dimension + language.pick("代码", " code"), dimension]
        }
        for measure in result.measures {
            columns.append(measure.title)
            if result.hasComparison {
                columns += [measure.title + language.pick("（对比期）", " (before)"), measure.title + language.pick("变化率", " change")]
            }
        }
        let number = { (value: Double?) -> ExportTable.Cell in
            guard let value, value.isFinite else { return .empty }
            return .number(String(value))
        }
        let rows = result.rows.map { row -> [ExportTable.Cell] in
            var cells = row.keys.flatMap { [ExportTable.Cell.text($0.code), .text($0.label)] }
            for index in result.measures.indices {
                cells.append(row.values[index].map(ExportTable.Cell.number) ?? .empty)
                if result.hasComparison {
                    cells.append(number(row.previous?[index] ?? nil))
                    cells.append(number(row.change?[index] ?? nil))
                }
            }
            return cells
        }
        return ExportTable(title: title, columns: columns, rows: rows)
    }

    static let template = """
        <h1>{{t.explorer}}</h1>
        {{#scoped}}<p class="note">{{t.scopeNote}}</p>{{/scoped}}
        <form method="get" action="/explorer" class="explorer panel">
          <input type="hidden" name="lang" value="{{lang}}">
          <fieldset class="measures"><legend>{{t.measures}}</legend>
            {{#measures}}<label class="check"><input type="checkbox" name="m" value="{{code}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/measures}}
          </fieldset>
          <div class="fields">
            <p><label for="d1">{{t.rowsBy}}</label>
            <select id="d1" name="d1"><option value="">{{t.none}}</option>{{#first}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/first}}</select></p>
            <p><label for="d2">{{t.thenBy}}</label>
            <select id="d2" name="d2"><option value="">{{t.none}}</option>{{#second}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/second}}</select></p>
            <p><label for="from">{{t.from}}</label><input id="from" name="from" type="date" value="{{from}}"></p>
            <p><label for="to">{{t.to}}</label><input id="to" name="to" type="date" value="{{to}}"></p>
            <p><label for="compare">{{t.compare}}</label>
            <select id="compare" name="compare"><option value="">{{t.none}}</option>{{#comparisons}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/comparisons}}</select></p>
            {{#filters}}
            <p><label for="f-{{name}}">{{label}}</label>
            {{#isSelect}}<select id="f-{{name}}" name="{{name}}"><option value="">{{t.all}}</option>{{#choices}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/choices}}</select>{{/isSelect}}
            {{^isSelect}}<input id="f-{{name}}" name="{{name}}" value="{{value}}">{{/isSelect}}</p>
            {{/filters}}
          </div>
          <button type="submit">{{t.runQuery}}</button>
        </form>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#result}}
        <section class="panel" aria-labelledby="result-title">
          <h2 id="result-title">{{t.result}}</h2>
          <p class="downloads"><a href="{{csv}}" download>{{t.downloadCSV}}</a> <a href="{{xlsx}}" download>{{t.downloadXLSX}}</a></p>
          {{#chart}}<div class="chart">{{{chart}}}</div>{{/chart}}
          {{#table}}{{> table}}{{/table}}
        </section>
        {{/result}}
        """
}
