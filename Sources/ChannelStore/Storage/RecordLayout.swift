package import ChannelCore

/// How a stored value becomes canonical text, and how a filter value becomes a stored one.
package enum RecordValueType: Equatable, Sendable {
    /// Free text; empty is nil.
    case text
    /// One of a code list.
    case code([String])
    /// The natural key of a row of another (or the same) kind, stored as its surrogate id.
    case reference(EntityKind)
    case integer
    /// Integer minor units, written with the row's currency digits.
    case money
    /// Parts per million, written as the exact fraction with at least two decimals.
    case discount
    /// Thousandths stored as integers (grams, metres), written in kg or km with three decimals.
    case thousandths
    /// Milliseconds since 1970, written as ISO 8601 UTC.
    case instant
    /// `YYYY-MM-DD` text.
    case date

    /// Whether `_from` / `_to` bounds apply.
    package var isOrdered: Bool {
        switch self {
        case .text, .code, .reference: false
        case .integer, .money, .discount, .thousandths, .instant, .date: true
        }
    }
}

/// One canonical column of a record query.
package struct RecordColumn: Sendable {
    /// The canonical name (DATASET.md).
    package let name: String
    package let type: RecordValueType
    /// The stored column of the entity's table (alias `t`) that filters compare with.
    package let stored: String
    /// The SQL expression that reads the canonical value (the joined natural key for a reference).
    package let expression: String
}

/// How to read one entity kind as canonical records: its columns, the joins that resolve references to natural keys,
/// the natural-key expressions that order it, and which partner owns a row.
package struct RecordLayout: Sendable {
    /// Who may see a row under a partner scope.
    package enum Scope: Sendable {
        /// Reference data: visible to everyone.
        case everyone
        /// Visible when this expression (a partner row id) lies in the scope.
        case partner(String)
        /// Belongs to no partner: a scoped query sees none.
        case nobody
    }

    package let kind: EntityKind
    /// In `kind.columns` order.
    package let columns: [RecordColumn]
    package let joins: String
    /// The SQL expression of the currency of the money columns, when there are any.
    package let currency: String?
    /// The natural key as SQL expressions, in `kind.keyColumns` order: the default order and the tie-breaker.
    package let keyExpressions: [String]
    package let scope: Scope

    package var table: String { kind.name }

    package func column(named name: String) -> RecordColumn? { columns.first { $0.name == name } }

    /// The stored layout of the table (bind order, key columns, change-feed id).
    package var stored: StoredColumns { StoredColumns.of(kind) }

    /// The layout of every kind, by `EntityKind.ordinal`.
    package static let all: [RecordLayout] = EntityKind.allCases.sorted().map(make)

    package static func of(_ kind: EntityKind) -> RecordLayout { all[kind.ordinal] }

    private static func own(_ name: String, _ type: RecordValueType = .text) -> RecordColumn {
        RecordColumn(name: name, type: type, stored: name, expression: "t.\(name)")
    }

    private static func stored(_ name: String, as stored: String, _ type: RecordValueType) -> RecordColumn {
        RecordColumn(name: name, type: type, stored: stored, expression: "t.\(stored)")
    }

    private static func reference(_ name: String, _ kind: EntityKind, alias: String, stored: String? = nil) -> RecordColumn {
        let key = StoredColumns.of(kind).names[0]
        return RecordColumn(name: name, type: .reference(kind), stored: stored ?? name, expression: "\(alias).\(key)")
    }

    private static func code<T: CodedValue>(_ name: String, _: T.Type) -> RecordColumn {
        own(name, .code(T.allCases.map(\.rawValue)))
    }

    private static func make(_ kind: EntityKind) -> RecordLayout {
        switch kind {
        case .regions:
            RecordLayout(
                kind: kind,
                columns: [own("region_id"), own("name"), reference("parent_id", .regions, alias: "rp"), code("level", RegionLevel.self)],
                joins: "LEFT JOIN regions rp ON rp.id = t.parent_id", currency: nil, keyExpressions: ["t.region_id"],
                scope: .everyone)
        case .partners:
            RecordLayout(
                kind: kind,
                columns: [
                    own("partner_id"), own("name"), code("kind", PartnerKind.self), reference("parent_id", .partners, alias: "pp"),
                    own("tier", .integer), reference("region_id", .regions, alias: "r"), code("channel", SalesChannel.self),
                    own("joined_on", .date), code("status", PartnerStatus.self),
                ],
                joins: "LEFT JOIN partners pp ON pp.id = t.parent_id JOIN regions r ON r.id = t.region_id", currency: nil,
                keyExpressions: ["t.partner_id"], scope: .partner("t.id"))
        case .products:
            RecordLayout(
                kind: kind,
                columns: [
                    own("sku"), own("name"), own("category"), stored("list_price", as: "list_price_minor", .money),
                    stored("unit_cost", as: "unit_cost_minor", .money), stored("weight_kg", as: "weight_g", .thousandths),
                    own("launched_on", .date),
                ],
                joins: "", currency: "t.currency", keyExpressions: ["t.sku"], scope: .everyone)
        case .outlets:
            RecordLayout(
                kind: kind,
                columns: [
                    own("outlet_id"), reference("partner_id", .partners, alias: "p"), reference("region_id", .regions, alias: "r"),
                    code("kind", OutletKind.self), own("opened_on", .date), own("closed_on", .date),
                ],
                joins: "JOIN partners p ON p.id = t.partner_id JOIN regions r ON r.id = t.region_id", currency: nil,
                keyExpressions: ["t.outlet_id"], scope: .partner("t.partner_id"))
        case .orders:
            RecordLayout(
                kind: kind,
                columns: [
                    own("order_id"), reference("partner_id", .partners, alias: "p"), reference("outlet_id", .outlets, alias: "ou"),
                    code("channel", SalesChannel.self), own("ordered_at", .instant), own("promised_at", .instant),
                    own("shipped_at", .instant), own("delivered_at", .instant), code("status", OrderStatus.self),
                ],
                joins: "JOIN partners p ON p.id = t.partner_id LEFT JOIN outlets ou ON ou.id = t.outlet_id", currency: nil,
                keyExpressions: ["t.order_id"], scope: .partner("t.partner_id"))
        case .orderLines:
            RecordLayout(
                kind: kind,
                columns: [
                    reference("order_id", .orders, alias: "o"), own("line_no", .integer),
                    reference("sku", .products, alias: "pr", stored: "product_id"), own("qty", .integer),
                    stored("unit_price", as: "unit_price_minor", .money), stored("discount_rate", as: "discount_ppm", .discount),
                    own("returned_qty", .integer),
                ],
                joins: "JOIN orders o ON o.id = t.order_id JOIN products pr ON pr.id = t.product_id", currency: "o.currency",
                keyExpressions: ["o.order_id", "t.line_no"], scope: .partner("o.partner_id"))
        case .shipments:
            RecordLayout(
                kind: kind,
                columns: [
                    own("shipment_id"), reference("order_id", .orders, alias: "o"), own("carrier"), code("mode", ShipmentMode.self),
                    stored("distance_km", as: "distance_m", .thousandths), stored("weight_kg", as: "weight_g", .thousandths),
                    own("shipped_at", .instant), own("delivered_at", .instant),
                ],
                joins: "JOIN orders o ON o.id = t.order_id", currency: nil, keyExpressions: ["t.shipment_id"],
                scope: .partner("o.partner_id"))
        case .inventorySnapshots:
            RecordLayout(
                kind: kind,
                columns: [
                    own("snapshot_date", .date), own("location_id"), reference("sku", .products, alias: "pr", stored: "product_id"),
                    own("on_hand", .integer), own("in_transit", .integer),
                ],
                joins: "JOIN products pr ON pr.id = t.product_id", currency: nil,
                keyExpressions: ["t.snapshot_date", "t.location_id", "pr.sku"], scope: .nobody)
        case .feedback:
            RecordLayout(
                kind: kind,
                columns: [
                    own("feedback_id"), reference("order_id", .orders, alias: "o"), reference("partner_id", .partners, alias: "p"),
                    reference("outlet_id", .outlets, alias: "ou"), code("channel", SalesChannel.self), own("created_at", .instant),
                    own("rating", .integer), own("text"),
                ],
                joins: """
                    LEFT JOIN orders o ON o.id = t.order_id JOIN partners p ON p.id = t.partner_id \
                    LEFT JOIN outlets ou ON ou.id = t.outlet_id
                    """,
                currency: nil, keyExpressions: ["t.feedback_id"], scope: .partner("t.partner_id"))
        case .complaints:
            RecordLayout(
                kind: kind,
                columns: [
                    own("complaint_id"), reference("order_id", .orders, alias: "o"), reference("partner_id", .partners, alias: "p"),
                    own("opened_at", .instant), own("first_response_at", .instant), own("resolved_at", .instant),
                    code("severity", ComplaintSeverity.self), code("category", ComplaintCategory.self),
                ],
                joins: "LEFT JOIN orders o ON o.id = t.order_id JOIN partners p ON p.id = t.partner_id", currency: nil,
                keyExpressions: ["t.complaint_id"], scope: .partner("t.partner_id"))
        }
    }
}
