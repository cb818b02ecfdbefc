/// The order list: newest first, filtered by status, partner, channel and order date, a page at a time (the next
/// page continues after the last order shown, so a list of a million orders costs no more than its first page).
public struct OrderListPage: Sendable {
    public struct Order: Sendable {
        public var id: String
        public var orderedAt: String
        public var partnerCode: String
        public var partnerName: String
        public var outlet: String
        public var channel: String
        public var status: String

        public init(id: String, orderedAt: String, partnerCode: String, partnerName: String, outlet: String, channel: String, status: String) {
            self.id = id
            self.orderedAt = orderedAt
            self.partnerCode = partnerCode
            self.partnerName = partnerName
            self.outlet = outlet
            self.channel = channel
            self.status = status
        }
    }

    /// The filter form's values as typed.
    public struct Filters: Sendable {
        public var status: String
        public var partner: String
        public var channel: String
        public var from: String
        public var to: String

        public init(status: String = "", partner: String = "", channel: String = "", from: String = "", to: String = "") {
            self.status = status
            self.partner = partner
            self.channel = channel
            self.from = from
            self.to = to
        }
    }

    public static let statuses = ["pending", "confirmed", "shipped", "delivered", "returned", "cancelled"]
    public static let channels = ["online", "offline"]

    public var filters: Filters
    public var orders: [Order]
    /// The link to the next page; nil on the last.
    public var next: String?
    /// Why the filters could not be applied (a date that does not parse ...).
    public var error: String?
    public var isScoped: Bool

    public init(filters: Filters, orders: [Order], next: String?, error: String? = nil, isScoped: Bool) {
        self.filters = filters
        self.orders = orders
        self.next = next
        self.error = error
        self.isScoped = isScoped
    }

    public func model(_ language: Language) -> [String: Any] {
        let rows = orders.map { order in
            [
                TableView.Cell(order.id, href: "/orders/" + PageLink.encode(order.id)),
                TableView.Cell(order.orderedAt),
                TableView.Cell(
                    order.partnerName.isEmpty ? order.partnerCode : "\(order.partnerName) (\(order.partnerCode))",
                    href: "/partners/" + PageLink.encode(order.partnerCode)),
                TableView.Cell(order.outlet),
                TableView.Cell(UIText.text("channel." + order.channel, language)),
                TableView.Cell(UIText.text("status." + order.status, language)),
            ]
        }
        let table = TableView(
            caption: UIText.text("orders", language),
            columns: ["orderID", "orderedAt", "partner", "outlet", "channel", "status"].map { UIText.text($0, language) },
            rows: rows, next: next)
        let options = { (codes: [String], prefix: String, chosen: String) in
            codes.map { ["code": $0, "label": UIText.text(prefix + $0, language), "selected": $0 == chosen] as [String: Any] }
        }
        return [
            "table": table.model, "scoped": isScoped, "error": error ?? false,
            "statuses": options(Self.statuses, "status.", filters.status),
            "channels": options(Self.channels, "channel.", filters.channel),
            "partner": filters.partner, "from": filters.from, "to": filters.to,
        ]
    }

    static let template = """
        <h1>{{t.orders}}</h1>
        {{#scoped}}<p class="note">{{t.scopeNote}}</p>{{/scoped}}
        <form method="get" action="/orders" class="filters panel">
          <input type="hidden" name="lang" value="{{lang}}">
          <p><label for="status">{{t.status}}</label>
          <select id="status" name="status"><option value="">{{t.all}}</option>{{#statuses}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></p>
          <p><label for="partner">{{t.partnerCode}}</label><input id="partner" name="partner" value="{{partner}}"></p>
          <p><label for="channel">{{t.channel}}</label>
          <select id="channel" name="channel"><option value="">{{t.all}}</option>{{#channels}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/channels}}</select></p>
          <p><label for="from">{{t.orderedFrom}}</label><input id="from" name="from" type="date" value="{{from}}"></p>
          <p><label for="to">{{t.orderedTo}}</label><input id="to" name="to" type="date" value="{{to}}"></p>
          <p><button type="submit">{{t.filter}}</button></p>
        </form>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#table}}{{> table}}{{/table}}
        """
}
