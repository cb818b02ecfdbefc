/// The dashboard: KPI tiles against the period before, the monthly trend against the year before, a tile map of
/// the provinces coloured by a chosen measure, and the top and bottom partners. Built from plain numbers the server
/// reads from the analytic engine.
public struct DashboardPage: Sendable {
    public struct Tile: Sendable {
        public var label: String
        public var value: Double?
        public var previous: Double?
        public var format: ValueFormat
        /// False where a rise is bad news (return rate, complaints, cycle time).
        public var higherIsBetter: Bool

        public init(label: String, value: Double?, previous: Double?, format: ValueFormat, higherIsBetter: Bool = true) {
            self.label = label
            self.value = value
            self.previous = previous
            self.format = format
            self.higherIsBetter = higherIsBetter
        }

        /// (value - previous) / previous; nil without both or when previous is 0.
        var change: Double? {
            guard let value, let previous, previous != 0 else { return nil }
            return (value - previous) / abs(previous)
        }

        /// The tile's texts: value, change against the period before (good or bad news), the earlier value.
        func model(_ language: Language) -> [String: Any] {
            let change = self.change
            let direction: String
            if let change, abs(change) >= 0.0005 {
                direction = (change > 0) == higherIsBetter ? "good" : "bad"
            } else {
                direction = "flat"
            }
            return [
                "label": label, "value": format.text(value, language),
                "previous": language.pick("上期 ", "before: ") + format.text(previous, language),
                "change": ValueFormat.change(change), "direction": direction,
                "arrow": change.map { $0 > 0.0005 ? "▲" : ($0 < -0.0005 ? "▼" : "■") } ?? "■",
            ]
        }
    }

    public struct Ranked: Sendable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// A measure the map can show.
    public struct MapChoice: Sendable {
        public var code: String
        public var label: String
        public var format: ValueFormat

        public init(code: String, label: String, format: ValueFormat) {
            self.code = code
            self.label = label
            self.format = format
        }
    }

    public var from: String
    public var to: String
    public var tiles: [Tile]
    /// Month labels (`2026-01`) and net sales per month, this year and the year before.
    public var months: [String]
    public var monthly: [Double?]
    public var monthlyYearBefore: [Double?]
    public var mapChoices: [MapChoice]
    public var mapChoice: String
    /// The map measure per province code.
    public var provinces: [String: Double]
    public var top: [Ranked]
    public var bottom: [Ranked]
    /// The viewer sees only their own partner tree.
    public var isScoped: Bool

    public init(
        from: String, to: String, tiles: [Tile], months: [String], monthly: [Double?], monthlyYearBefore: [Double?],
        mapChoices: [MapChoice], mapChoice: String, provinces: [String: Double], top: [Ranked], bottom: [Ranked],
        isScoped: Bool
    ) {
        self.from = from
        self.to = to
        self.tiles = tiles
        self.months = months
        self.monthly = monthly
        self.monthlyYearBefore = monthlyYearBefore
        self.mapChoices = mapChoices
        self.mapChoice = mapChoice
        self.provinces = provinces
        self.top = top
        self.bottom = bottom
        self.isScoped = isScoped
    }

    public func model(_ language: Language) -> [String: Any] {
        let tileModels = tiles.map { $0.model(language) }
        let money = { (value: Double) in ValueFormat.money.text(value, language) }
        let trend = LineChart(
            title: UIText.text("trendChart", language), labels: months,
            series: [
                (name: UIText.text("thisYear", language), values: monthly),
                (name: UIText.text("lastYear", language), values: monthlyYearBefore),
            ],
            language: language, valueText: { "¥" + SVGText.compact($0, language: language) })
        let choice = mapChoices.first { $0.code == mapChoice } ?? mapChoices.first
        let mapTitle = language.pick("各省", "By province: ") + (choice?.label ?? "")
        let format = choice?.format ?? .money
        let map = ChinaTileMap(
            title: mapTitle, values: provinces, valueTexts: provinces.mapValues { format.text($0, language) }, language: language)
        let bars = { (ranked: [Ranked], title: String) in
            BarChart(title: title, bars: ranked.map { (label: $0.label, value: $0.value, text: money($0.value)) }, language: language).svg()
        }
        return [
            "from": from, "to": to, "tiles": tileModels, "scoped": isScoped,
            "trend": trend.svg(), "map": map.svg(), "mapTitle": mapTitle,
            "mapChoices": mapChoices.map { ["code": $0.code, "label": $0.label, "selected": $0.code == choice?.code] as [String: Any] },
            "top": bars(top, UIText.text("topPartners", language)),
            "bottom": bars(bottom, UIText.text("bottomPartners", language)),
        ]
    }

    static let template = """
        <h1>{{t.dashboard}}</h1>
        <p class="period">{{t.period}}: <time datetime="{{from}}">{{from}}</time> – <time datetime="{{to}}">{{to}}</time> · {{t.comparedWith}}</p>
        {{#scoped}}<p class="note">{{t.scopeNote}}</p>{{/scoped}}
        <section class="tiles" aria-label="KPI">
        {{#tiles}}
          <article class="tile">
            <h2>{{label}}</h2>
            <p class="value">{{value}}</p>
            <p class="change {{direction}}"><span aria-hidden="true">{{arrow}}</span> {{change}} <span class="previous">({{previous}})</span></p>
          </article>
        {{/tiles}}
        </section>
        <section class="panel" aria-labelledby="trend-title">
          <h2 id="trend-title">{{t.trendTitle}}</h2>
          {{{trend}}}
        </section>
        <div class="columns">
          <section class="panel" aria-labelledby="map-title">
            <h2 id="map-title">{{mapTitle}}</h2>
            <form method="get" action="/" class="inline">
              <input type="hidden" name="lang" value="{{lang}}">
              <label for="map-measure">{{t.mapMeasure}}</label>
              <select id="map-measure" name="map">{{#mapChoices}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/mapChoices}}</select>
              <button type="submit">{{t.show}}</button>
            </form>
            {{{map}}}
          </section>
          <section class="panel" aria-labelledby="top-title">
            <h2 id="top-title">{{t.topPartners}}</h2>
            {{{top}}}
            <h2>{{t.bottomPartners}}</h2>
            {{{bottom}}}
          </section>
        </div>
        """
}
