/// Stock on the latest snapshot day: per SKU over all locations with its days of cover (on hand ÷ average units
/// sold a day over the last weeks), and per location and SKU, filtered by location, SKU and stock-outs.
public struct InventoryPage: Sendable {
    public struct SKU: Sendable {
        public var sku: String
        public var name: String
        public var onHand: Int64
        public var inTransit: Int64
        public var unitsSold: Int64
        /// nil when nothing was sold in the window (cover is then unbounded).
        public var daysOfCover: Double?
        /// Locations holding none of it.
        public var stockOuts: Int

        public init(sku: String, name: String, onHand: Int64, inTransit: Int64, unitsSold: Int64, daysOfCover: Double?, stockOuts: Int) {
            self.sku = sku
            self.name = name
            self.onHand = onHand
            self.inTransit = inTransit
            self.unitsSold = unitsSold
            self.daysOfCover = daysOfCover
            self.stockOuts = stockOuts
        }
    }

    public struct Position: Sendable {
        public var location: String
        public var sku: String
        public var name: String
        public var onHand: Int64
        public var inTransit: Int64

        public init(location: String, sku: String, name: String, onHand: Int64, inTransit: Int64) {
            self.location = location
            self.sku = sku
            self.name = name
            self.onHand = onHand
            self.inTransit = inTransit
        }
    }

    /// Rows each table shows at most.
    public static let shownRows = 200

    public var day: String
    /// Days of sales the cover is measured against.
    public var salesDays: Int
    public var locations: [String]
    public var location: String
    public var sku: String
    public var stockOutsOnly: Bool
    /// SKUs, fewest days of cover first.
    public var skus: [SKU]
    public var positions: [Position]
    public var totalPositions: Int
    public var totalStockOuts: Int

    public init(
        day: String, salesDays: Int, locations: [String], location: String, sku: String, stockOutsOnly: Bool, skus: [SKU],
        positions: [Position], totalPositions: Int, totalStockOuts: Int
    ) {
        self.day = day
        self.salesDays = salesDays
        self.locations = locations
        self.location = location
        self.sku = sku
        self.stockOutsOnly = stockOutsOnly
        self.skus = skus
        self.positions = positions
        self.totalPositions = totalPositions
        self.totalStockOuts = totalStockOuts
    }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let count = { (value: Int64) in ValueFormat.count.text(Double(value), language) }
        let skuTable = TableView(
            caption: t("stockBySKU"),
            headers: [
                ("SKU", false), (t("productName"), false), (t("onHand"), true), (t("inTransit"), true),
                (language.pick("近\(salesDays)天销量", "Sold, last \(salesDays) days"), true), (t("daysOfCover"), true),
                (t("stockOutLocations"), true),
            ],
            rows: skus.prefix(Self.shownRows).map { s in
                [
                    TableView.Cell(s.sku), TableView.Cell(s.name), TableView.Cell(count(s.onHand), numeric: true),
                    TableView.Cell(count(s.inTransit), numeric: true), TableView.Cell(count(s.unitsSold), numeric: true),
                    TableView.Cell(ValueFormat.score.text(s.daysOfCover, language), numeric: true),
                    TableView.Cell(String(s.stockOuts), numeric: true),
                ]
            },
            note: skus.count > Self.shownRows ? language.pick("显示可售天数最少的 \(Self.shownRows) 个 SKU。", "The \(Self.shownRows) SKUs with the fewest days of cover.") : nil)
        let positionTable = TableView(
            caption: t("stockByLocation"),
            headers: [(t("location"), false), ("SKU", false), (t("productName"), false), (t("onHand"), true), (t("inTransit"), true)],
            rows: positions.prefix(Self.shownRows).map { p in
                [
                    TableView.Cell(p.location), TableView.Cell(p.sku), TableView.Cell(p.name),
                    TableView.Cell(p.onHand == 0 ? t("stockOut") : count(p.onHand), numeric: true),
                    TableView.Cell(count(p.inTransit), numeric: true),
                ]
            },
            note: totalPositions > Self.shownRows
                ? language.pick("共 \(totalPositions) 行，显示前 \(Self.shownRows) 行；请按仓库或 SKU 筛选。",
                    "\(totalPositions) rows; the first \(Self.shownRows) are shown. Filter by location or SKU.")
                : nil)
        return [
            "day": day.isEmpty ? "—" : day, "sku": sku, "stockOutsOnly": stockOutsOnly, "totalStockOuts": String(totalStockOuts),
            "skuCount": String(skus.count), "locationCount": String(locations.count),
            "locations": locations.map { ["code": $0, "label": $0, "selected": $0 == location] as [String: Any] },
            "skuTable": skuTable.model, "positionTable": positionTable.model,
        ]
    }

    static let template = """
        <h1>{{t.inventory}}</h1>
        <p class="period">{{t.snapshotDay}}: <time datetime="{{day}}">{{day}}</time></p>
        <section class="tiles" aria-label="{{t.inventory}}">
          <article class="tile"><h2>SKU</h2><p class="value">{{skuCount}}</p></article>
          <article class="tile"><h2>{{t.locations}}</h2><p class="value">{{locationCount}}</p></article>
          <article class="tile"><h2>{{t.stockOuts}}</h2><p class="value">{{totalStockOuts}}</p></article>
        </section>
        <form method="get" action="/inventory" class="filters panel">
          <input type="hidden" name="lang" value="{{lang}}">
          <p><label for="location">{{t.location}}</label>
          <select id="location" name="location"><option value="">{{t.all}}</option>{{#locations}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/locations}}</select></p>
          <p><label for="sku">SKU</label><input id="sku" name="sku" value="{{sku}}"></p>
          <p><label class="check"><input type="checkbox" name="stockouts" value="1"{{#stockOutsOnly}} checked{{/stockOutsOnly}}> {{t.stockOutsOnly}}</label></p>
          <p><button type="submit">{{t.filter}}</button></p>
        </form>
        <section class="panel">{{#skuTable}}{{> table}}{{/skuTable}}</section>
        <section class="panel">{{#positionTable}}{{> table}}{{/positionTable}}</section>
        """
}
