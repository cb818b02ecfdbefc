/// Demand planning: one series' recent demand and forecast with its interval, the replenishment orders the latest
/// stock calls for (most at risk of running out first), and the accuracy of stored backtests over time, with a form
/// to run another.
public struct PlanningPage: Sendable {
    public struct Choice: Sendable {
        public var code: String
        public var label: String

        public init(code: String, label: String) {
            self.code = code
            self.label = label
        }
    }

    public struct ForecastDay: Sendable {
        public var date: String
        public var forecast: Double
        public var lower: Double
        public var upper: Double

        public init(date: String, forecast: Double, lower: Double, upper: Double) {
            self.date = date
            self.forecast = forecast
            self.lower = lower
            self.upper = upper
        }
    }

    public struct Order: Sendable {
        public var location: String
        public var sku: String
        public var position: Double
        public var reorderPoint: Double
        public var quantity: Double
        public var daysOfCover: Double?
        public var stockOutRisk: Double
        public var reason: (zh: String, en: String)

        public init(
            location: String, sku: String, position: Double, reorderPoint: Double, quantity: Double, daysOfCover: Double?,
            stockOutRisk: Double, reason: (zh: String, en: String)
        ) {
            self.location = location
            self.sku = sku
            self.position = position
            self.reorderPoint = reorderPoint
            self.quantity = quantity
            self.daysOfCover = daysOfCover
            self.stockOutRisk = stockOutRisk
            self.reason = reason
        }
    }

    public struct Run: Sendable {
        public var id: String
        public var ranAt: String
        public var subject: String
        public var method: String
        public var horizon: Int
        public var seriesCount: Int
        public var mase: Double?
        public var rmsse: Double?
        public var wape: Double?
        public var bias: Double?

        public init(
            id: String, ranAt: String, subject: String, method: String, horizon: Int, seriesCount: Int, mase: Double?,
            rmsse: Double?, wape: Double?, bias: Double?
        ) {
            self.id = id
            self.ranAt = ranAt
            self.subject = subject
            self.method = method
            self.horizon = horizon
            self.seriesCount = seriesCount
            self.mase = mase
            self.rmsse = rmsse
            self.wape = wape
            self.bias = bias
        }
    }

    /// Rows each table shows at most.
    public static let shownRows = 200

    public var levels: [String]
    public var level: String
    public var methods: [String]
    public var method: String
    public var horizon: Int
    /// The series of the level (the largest forecasts first), and the one shown.
    public var series: [Choice]
    public var selected: String
    public var model: String
    /// The selected series' recent daily demand, from `recentStart`'s date labels, then its forecast.
    public var recent: [(date: String, value: Double)]
    public var forecast: [ForecastDay]
    public var interval: Double
    /// Replenishment orders, most at risk first; how many stock lines were planned.
    public var orders: [Order]
    public var plannedLines: Int
    public var runs: [Run]
    public var csrfToken: String
    public var notice: String?
    public var error: String?

    public init(
        levels: [String], level: String, methods: [String], method: String, horizon: Int, series: [Choice], selected: String,
        model: String, recent: [(date: String, value: Double)], forecast: [ForecastDay], interval: Double, orders: [Order],
        plannedLines: Int, runs: [Run], csrfToken: String, notice: String? = nil, error: String? = nil
    ) {
        self.levels = levels
        self.level = level
        self.methods = methods
        self.method = method
        self.horizon = horizon
        self.series = series
        self.selected = selected
        self.model = model
        self.recent = recent
        self.forecast = forecast
        self.interval = interval
        self.orders = orders
        self.plannedLines = plannedLines
        self.runs = runs
        self.csrfToken = csrfToken
        self.notice = notice
        self.error = error
    }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let units = { (value: Double) in ValueFormat.score.text(value, language) }
        let percent = Int((interval * 100).rounded())
        let chart = LineChart(
            title: language.pick("\(selected) 日需求与预测", "\(selected): daily demand and forecast"),
            labels: recent.map(\.date) + forecast.map(\.date),
            series: [
                (language.pick("实际", "Actual"), recent.map { Optional($0.value) }),
                (language.pick("预测", "Forecast"), recent.map { _ in nil } + forecast.map { Optional($0.forecast) }),
                (language.pick("下限 \(percent)%", "Lower \(percent)%"), recent.map { _ in nil } + forecast.map { Optional($0.lower) }),
                (language.pick("上限 \(percent)%", "Upper \(percent)%"), recent.map { _ in nil } + forecast.map { Optional($0.upper) }),
            ],
            language: language, valueText: { SVGText.compact($0, language: language) })
        let forecastTable = TableView(
            caption: language.pick("预测（模型 \(model)）", "Forecast (model \(model))"),
            headers: [(t("date"), false), (language.pick("预测", "Forecast"), true), (language.pick("下限", "Lower"), true), (language.pick("上限", "Upper"), true)],
            rows: forecast.map { day in
                [TableView.Cell(day.date), TableView.Cell(units(day.forecast), numeric: true), TableView.Cell(units(day.lower), numeric: true), TableView.Cell(units(day.upper), numeric: true)]
            })
        let orderTable = TableView(
            caption: language.pick("补货建议（缺货风险高的在前）", "Replenishment orders (highest stock-out risk first)"),
            headers: [
                (t("location"), false), ("SKU", false), (language.pick("库存+在途", "On hand + in transit"), true),
                (language.pick("再订货点", "Reorder point"), true), (language.pick("建议订货", "Suggested order"), true),
                (t("daysOfCover"), true), (language.pick("缺货风险", "Stock-out risk"), true), (language.pick("原因", "Reason"), false),
            ],
            rows: orders.prefix(Self.shownRows).map { order in
                [
                    TableView.Cell(order.location), TableView.Cell(order.sku), TableView.Cell(units(order.position), numeric: true),
                    TableView.Cell(units(order.reorderPoint), numeric: true), TableView.Cell(units(order.quantity), numeric: true),
                    TableView.Cell(ValueFormat.score.text(order.daysOfCover, language), numeric: true),
                    TableView.Cell(ValueFormat.rate.text(order.stockOutRisk, language), numeric: true),
                    TableView.Cell(language.pick(order.reason.zh, order.reason.en)),
                ]
            },
            note: language.pick(
                "共 \(plannedLines) 个库位×SKU，\(orders.count) 个需要补货" + (orders.count > Self.shownRows ? "；显示前 \(Self.shownRows) 个。" : "。"),
                "\(plannedLines) location × SKU lines, \(orders.count) need an order" + (orders.count > Self.shownRows ? "; the first \(Self.shownRows) are shown." : ".")))
        let score = { (value: Double?) in value.map { ValueFormat.grouped($0, decimals: 3) } ?? "—" }
        let runTable = TableView(
            caption: language.pick("预测准确度（回测记录）", "Forecast accuracy (stored backtests)"),
            headers: [
                (language.pick("运行", "Run"), true), (language.pick("时间", "Ran at"), false), (language.pick("层级", "Level"), false),
                (language.pick("方法", "Method"), false), (language.pick("预测天数", "Horizon"), true), (language.pick("序列数", "Series"), true),
                ("MASE", true), ("RMSSE", true), ("WAPE", true), (language.pick("偏差", "Bias"), true),
            ],
            rows: runs.map { run in
                [
                    TableView.Cell(run.id, numeric: true), TableView.Cell(run.ranAt), TableView.Cell(run.subject), TableView.Cell(run.method),
                    TableView.Cell(String(run.horizon), numeric: true), TableView.Cell(String(run.seriesCount), numeric: true),
                    TableView.Cell(score(run.mase), numeric: true), TableView.Cell(score(run.rmsse), numeric: true),
                    TableView.Cell(score(run.wape), numeric: true), TableView.Cell(score(run.bias), numeric: true),
                ]
            },
            note: runs.isEmpty ? language.pick("尚无回测记录。", "No backtests stored yet.") : nil)
        let choices = { (values: [String], selected: String) in
            values.map { ["code": $0, "label": $0, "selected": $0 == selected] as [String: Any] }
        }
        return [
            "levels": choices(levels, level), "methods": choices(methods, method), "horizon": String(horizon),
            "series": series.map { ["code": $0.code, "label": $0.label, "selected": $0.code == selected] as [String: Any] },
            "chart": chart.svg(), "forecastTable": forecastTable.model, "orderTable": orderTable.model, "runTable": runTable.model,
            "csrf": csrfToken, "notice": notice ?? false, "error": error ?? false,
        ]
    }

    static let template = """
        <h1>{{t.planning}}</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="get" action="/planning" class="filters panel">
          <input type="hidden" name="lang" value="{{lang}}">
          <p><label for="level">{{t.planningLevel}}</label>
          <select id="level" name="level">{{#levels}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/levels}}</select></p>
          <p><label for="series">{{t.planningSeries}}</label>
          <select id="series" name="series">{{#series}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/series}}</select></p>
          <p><label for="method">{{t.planningMethod}}</label>
          <select id="method" name="method">{{#methods}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/methods}}</select></p>
          <p><label for="horizon">{{t.planningHorizon}}</label><input id="horizon" name="horizon" type="number" min="1" max="366" value="{{horizon}}"></p>
          <p><button type="submit">{{t.filter}}</button></p>
        </form>
        <section class="panel chart">{{{chart}}}</section>
        <section class="panel">{{#forecastTable}}{{> table}}{{/forecastTable}}</section>
        <section class="panel">{{#orderTable}}{{> table}}{{/orderTable}}</section>
        <section class="panel">{{#runTable}}{{> table}}{{/runTable}}
        <form method="post" action="/planning/backtests" class="filters">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          <p><label for="bt-level">{{t.planningLevel}}</label>
          <select id="bt-level" name="level">{{#levels}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/levels}}</select></p>
          <p><label for="bt-method">{{t.planningMethod}}</label>
          <select id="bt-method" name="method">{{#methods}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/methods}}</select></p>
          <p><label for="bt-horizon">{{t.planningHorizon}}</label><input id="bt-horizon" name="horizon" type="number" min="1" max="366" value="{{horizon}}"></p>
          <p><label for="bt-origins">{{t.planningOrigins}}</label><input id="bt-origins" name="origins" type="number" min="1" max="20" value="3"></p>
          <p><button type="submit">{{t.runBacktest}}</button></p>
        </form></section>
        """
}
