/// One partner: who it is and where it sits in the channel (upstream and downstream partners), its scorecard (the
/// win-win index and its components, with sales, orders and service against the period before), net sales by
/// month, its latest orders and its outlets.
public struct PartnerPage: Sendable {
    /// A labelled fact about the partner, maybe a link.
    public struct Fact: Sendable {
        public var label: String
        public var value: String
        public var href: String?

        public init(label: String, value: String, href: String? = nil) {
            self.label = label
            self.value = value
            self.href = href
        }
    }

    public var code: String
    public var name: String
    public var facts: [Fact]
    /// The win-win index (0 to 100) of the scorecard's period; nil when the partner is not active or has no score.
    public var index: Double?
    /// The index's parts (sales growth, CSAT, complaint first response): their weight in the index and the
    /// partner's value, which the index ranks among all active partners.
    public var components: [(label: String, weight: Double, value: String)]
    public var period: (from: String, to: String)
    public var tiles: [DashboardPage.Tile]
    public var months: [String]
    public var monthly: [Double?]
    public var children: [PartnerListPage.Partner]
    public var orders: [OrderListPage.Order]
    public var outlets: [(code: String, kind: String, region: String, opened: String, closed: String)]

    public init(
        code: String, name: String, facts: [Fact], index: Double?, components: [(label: String, weight: Double, value: String)],
        period: (from: String, to: String), tiles: [DashboardPage.Tile], months: [String], monthly: [Double?],
        children: [PartnerListPage.Partner], orders: [OrderListPage.Order],
        outlets: [(code: String, kind: String, region: String, opened: String, closed: String)]
    ) {
        self.code = code
        self.name = name
        self.facts = facts
        self.index = index
        self.components = components
        self.period = period
        self.tiles = tiles
        self.months = months
        self.monthly = monthly
        self.children = children
        self.orders = orders
        self.outlets = outlets
    }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let childTable = TableView(
            caption: t("downstream"),
            columns: [t("partnerCode"), t("name"), t("tier"), t("channel"), t("region")],
            rows: children.map { p in
                [
                    TableView.Cell(p.code, href: PartnerListPage.href(p.code)), TableView.Cell(p.name), TableView.Cell("T\(p.tier)"),
                    TableView.Cell(t("channel." + p.channel)), TableView.Cell(p.region),
                ]
            })
        let orderTable = TableView(
            caption: t("latestOrders"), columns: [t("orderID"), t("orderedAt"), t("outlet"), t("channel"), t("status")],
            rows: orders.map { o in
                [
                    TableView.Cell(o.id, href: "/orders/" + PageLink.encode(o.id)), TableView.Cell(o.orderedAt), TableView.Cell(o.outlet),
                    TableView.Cell(t("channel." + o.channel)), TableView.Cell(t("status." + o.status)),
                ]
            })
        let outletTable = TableView(
            caption: t("outlets"), columns: [t("outlet"), t("kind"), t("region"), t("openedOn"), t("closedOn")],
            rows: outlets.map { o in [o.code, t("outletKind." + o.kind), o.region, o.opened, o.closed].map { TableView.Cell($0) } })
        let trend = LineChart(
            title: t("partnerTrend"), labels: months, series: [(name: t("netSales"), values: monthly)], language: language,
            valueText: { "¥" + SVGText.compact($0, language: language) })
        return [
            "code": code, "name": name,
            "facts": facts.map { ["label": $0.label, "value": $0.value, "href": $0.href ?? false] as [String: Any] },
            "index": ValueFormat.score.text(index, language),
            "components": components.map { c in
                ["label": c.label, "weight": language.pick("权重 ", "weight ") + ValueFormat.rate.text(c.weight, language), "value": c.value]
            },
            "from": period.from, "to": period.to, "tiles": tiles.map { $0.model(language) }, "trend": trend.svg(),
            "children": childTable.model, "hasChildren": !children.isEmpty, "orders": orderTable.model, "outlets": outletTable.model,
            "allOrders": PageLink.href("/orders", [("partner", code)]),
        ]
    }

    static let template = """
        <p><a href="/partners">{{t.backToPartners}}</a></p>
        <h1>{{name}} <small>{{code}}</small></h1>
        <dl class="facts">
          {{#facts}}<div><dt>{{label}}</dt><dd>{{#href}}<a href="{{href}}">{{value}}</a>{{/href}}{{^href}}{{value}}{{/href}}</dd></div>{{/facts}}
        </dl>
        <section class="panel" aria-labelledby="score-title">
          <h2 id="score-title">{{t.scorecard}}</h2>
          <p class="period">{{t.period}}: <time datetime="{{from}}">{{from}}</time> – <time datetime="{{to}}">{{to}}</time> · {{t.comparedWith}}</p>
          <div class="tiles">
            <article class="tile index"><h3>{{t.winWinIndex}}</h3><p class="value">{{index}}</p><p class="change flat">{{t.indexNote}}</p></article>
            {{#components}}<article class="tile"><h3>{{label}}</h3><p class="value">{{value}}</p><p class="change flat">{{weight}}</p></article>{{/components}}
          </div>
          <div class="tiles">
          {{#tiles}}
            <article class="tile">
              <h3>{{label}}</h3>
              <p class="value">{{value}}</p>
              <p class="change {{direction}}"><span aria-hidden="true">{{arrow}}</span> {{change}} <span class="previous">({{previous}})</span></p>
            </article>
          {{/tiles}}
          </div>
        </section>
        <section class="panel" aria-labelledby="trend-title"><h2 id="trend-title">{{t.partnerTrend}}</h2>{{{trend}}}</section>
        {{#hasChildren}}<section class="panel">{{#children}}{{> table}}{{/children}}</section>{{/hasChildren}}
        <section class="panel">{{#orders}}{{> table}}{{/orders}}<p class="pager"><a href="{{allOrders}}">{{t.allPartnerOrders}}</a></p></section>
        <section class="panel">{{#outlets}}{{> table}}{{/outlets}}</section>
        """
}
