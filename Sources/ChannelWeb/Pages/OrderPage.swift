/// One order: its header, its timeline from placed to delivered (or returned, cancelled), its lines with their net
/// values, its shipments, and the audit history of changes made to it.
public struct OrderPage: Sendable {
    public struct Line: Sendable {
        public var number: String
        public var sku: String
        public var product: String
        public var quantity: String
        public var unitPrice: String
        public var discount: String
        public var returned: String
        /// qty x unit price x (1 - discount), exact, as text.
        public var netValue: String

        public init(
            number: String, sku: String, product: String, quantity: String, unitPrice: String, discount: String, returned: String,
            netValue: String
        ) {
            self.number = number
            self.sku = sku
            self.product = product
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.discount = discount
            self.returned = returned
            self.netValue = netValue
        }
    }

    public struct Shipment: Sendable {
        public var id: String
        public var carrier: String
        public var mode: String
        public var shippedAt: String
        public var deliveredAt: String

        public init(id: String, carrier: String, mode: String, shippedAt: String, deliveredAt: String) {
            self.id = id
            self.carrier = carrier
            self.mode = mode
            self.shippedAt = shippedAt
            self.deliveredAt = deliveredAt
        }
    }

    public struct Change: Sendable {
        public var at: String
        public var actor: String
        public var action: String
        public var before: String
        public var after: String

        public init(at: String, actor: String, action: String, before: String, after: String) {
            self.at = at
            self.actor = actor
            self.action = action
            self.before = before
            self.after = after
        }
    }

    public var id: String
    public var partnerCode: String
    public var partnerName: String
    public var outlet: String
    public var channel: String
    public var status: String
    public var orderedAt: String
    public var promisedAt: String
    public var shippedAt: String
    public var deliveredAt: String
    public var lines: [Line]
    public var shipments: [Shipment]
    public var changes: [Change]

    public init(
        id: String, partnerCode: String, partnerName: String, outlet: String, channel: String, status: String, orderedAt: String,
        promisedAt: String, shippedAt: String, deliveredAt: String, lines: [Line], shipments: [Shipment], changes: [Change]
    ) {
        self.id = id
        self.partnerCode = partnerCode
        self.partnerName = partnerName
        self.outlet = outlet
        self.channel = channel
        self.status = status
        self.orderedAt = orderedAt
        self.promisedAt = promisedAt
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
        self.lines = lines
        self.shipments = shipments
        self.changes = changes
    }

    /// The steps of the order's life: placed, (promised), shipped, delivered, then returned or cancelled when it
    /// was; each done or still open.
    func timeline(_ language: Language) -> [[String: Any]] {
        var steps: [(key: String, at: String, done: Bool)] = [
            ("step.placed", orderedAt, true),
            // A cancelled order may or may not have been confirmed before: the step stays open.
            ("step.confirmed", "", ["confirmed", "shipped", "delivered", "returned"].contains(status)),
        ]
        if status == "cancelled" {
            steps.append(("step.cancelled", "", true))
        } else {
            steps.append(("step.shipped", shippedAt, !shippedAt.isEmpty || ["shipped", "delivered", "returned"].contains(status)))
            steps.append(("step.delivered", deliveredAt, !deliveredAt.isEmpty || ["delivered", "returned"].contains(status)))
            if status == "returned" { steps.append(("step.returned", "", true)) }
        }
        return steps.map { step in
            ["label": UIText.text(step.key, language), "at": step.at, "state": step.done ? "done" : "open"] as [String: Any]
        }
    }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let lineTable = TableView(
            caption: t("lines"),
            headers: [
                (t("lineNo"), false), ("SKU", false), (t("productName"), false), (t("quantity"), true), (t("unitPrice"), true),
                (t("discount"), true), (t("returnedQty"), true), (t("netValue"), true),
            ],
            rows: lines.map { line in
                [
                    TableView.Cell(line.number), TableView.Cell(line.sku), TableView.Cell(line.product),
                    TableView.Cell(line.quantity, numeric: true), TableView.Cell("¥" + line.unitPrice, numeric: true),
                    TableView.Cell(line.discount, numeric: true), TableView.Cell(line.returned, numeric: true),
                    TableView.Cell("¥" + line.netValue, numeric: true),
                ]
            })
        let shipmentTable = TableView(
            caption: t("shipments"),
            columns: [t("shipmentID"), t("carrier"), t("mode"), t("shippedAt"), t("deliveredAt")],
            rows: shipments.map { s in [s.id, s.carrier, s.mode, s.shippedAt, s.deliveredAt].map { TableView.Cell($0) } })
        let changeTable = TableView(
            caption: t("auditHistory"), columns: [t("when"), t("who"), t("action"), t("before"), t("after")],
            rows: changes.map { c in [c.at, c.actor, c.action, c.before, c.after].map { TableView.Cell($0) } })
        return [
            "id": id, "partnerCode": partnerCode, "partnerName": partnerName.isEmpty ? partnerCode : partnerName,
            "partnerHref": "/partners/" + PageLink.encode(partnerCode), "outlet": outlet.isEmpty ? "—" : outlet,
            "channel": t("channel." + channel), "status": t("status." + status), "promisedAt": promisedAt.isEmpty ? "—" : promisedAt,
            "timeline": timeline(language), "lines": lineTable.model, "shipments": shipmentTable.model,
            "changes": changeTable.model, "hasChanges": !changes.isEmpty,
        ]
    }

    static let template = """
        <p><a href="/orders">{{t.backToOrders}}</a></p>
        <h1>{{t.order}} {{id}}</h1>
        <dl class="facts">
          <div><dt>{{t.partner}}</dt><dd><a href="{{partnerHref}}">{{partnerName}}</a> ({{partnerCode}})</dd></div>
          <div><dt>{{t.outlet}}</dt><dd>{{outlet}}</dd></div>
          <div><dt>{{t.channel}}</dt><dd>{{channel}}</dd></div>
          <div><dt>{{t.status}}</dt><dd class="status">{{status}}</dd></div>
          <div><dt>{{t.promisedAt}}</dt><dd>{{promisedAt}}</dd></div>
        </dl>
        <section class="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{{t.timeline}}</h2>
          <ol class="timeline">{{#timeline}}<li class="{{state}}"><span class="step">{{label}}</span> <time>{{at}}</time></li>{{/timeline}}</ol>
        </section>
        <section class="panel">{{#lines}}{{> table}}{{/lines}}</section>
        <section class="panel">{{#shipments}}{{> table}}{{/shipments}}</section>
        <section class="panel">
          {{#hasChanges}}{{#changes}}{{> table}}{{/changes}}{{/hasChanges}}
          {{^hasChanges}}<h2>{{t.auditHistory}}</h2><p class="note">{{t.noAudit}}</p>{{/hasChanges}}
        </section>
        """
}
