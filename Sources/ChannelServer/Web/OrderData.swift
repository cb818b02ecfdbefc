import ChannelCore
import ChannelStore
import ChannelWeb
import Foundation

/// The order pages' data, read from the store the way the record API reads it: a keyset page of orders newest first
/// (by order number) under the user's partner scope, and one order by its key under the same scope, with its lines,
/// shipments and audit events.
struct OrderData {
    let store: any QudaoServer.Store
    /// Partner names by code, for showing names next to codes.
    let partnerNames: [String: String]
    static let pageSize = 50

    /// A page of the order list.
    func list(_ web: WebPage) throws -> OrderListPage {
        let filters = OrderListPage.Filters(
            status: web.query("status") ?? "", partner: web.query("partner") ?? "", channel: web.query("channel") ?? "",
            from: web.query("from") ?? "", to: web.query("to") ?? "")
        var query = RecordQuery(sort: "-order_id", cursor: web.query("cursor"), limit: Self.pageSize, partnerScope: web.scope)
        var error: String?
        do {
            if !filters.status.isEmpty { query.filters["status"] = filters.status }
            if !filters.partner.isEmpty { query.filters["partner_id"] = filters.partner }
            if !filters.channel.isEmpty { query.filters["channel"] = filters.channel }
            if !filters.from.isEmpty { query.filters["ordered_at_from"] = try Self.instant(filters.from, endOfDay: false).iso8601 }
            if !filters.to.isEmpty { query.filters["ordered_at_to"] = try Self.instant(filters.to, endOfDay: true).iso8601 }
            let page = try store.records(.orders, query)
            let orders = page.records.map { record in
                OrderListPage.Order(
                    id: record["order_id"] ?? "", orderedAt: LocalTime.text(record["ordered_at"]),
                    partnerCode: record["partner_id"] ?? "", partnerName: partnerNames[record["partner_id"] ?? ""] ?? "",
                    outlet: record["outlet_id"] ?? "", channel: record["channel"] ?? "", status: record["status"] ?? "")
            }
            let next = page.nextCursor.map { cursor in
                PageLink.href("/orders", WebResponse.query(web.request).filter { $0.0 != "cursor" } + [("cursor", cursor)])
            }
            return OrderListPage(filters: filters, orders: orders, next: next, isScoped: web.scope != nil)
        } catch let failure as StoreError {
            error = failure.message
        } catch let failure as FieldError {
            error = "\(failure)"
        }
        return OrderListPage(filters: filters, orders: [], next: nil, error: error, isScoped: web.scope != nil)
    }

    /// One order; nil when there is none or it lies outside the user's scope (the page cannot tell which).
    func order(_ id: String, scope: [String]?) throws -> OrderPage? {
        guard let order = try store.record(.orders, key: [id], partnerScope: scope) else { return nil }
        let lines = try store.records(.orderLines, RecordQuery(filters: ["order_id": id], limit: RecordQuery.maximumLimit, partnerScope: scope))
        let skus = Set(lines.records.compactMap { $0["sku"] })
        var productNames: [String: String] = [:]
        for sku in skus { productNames[sku] = try store.record(.products, key: [sku], partnerScope: nil)?["name"] }
        let shipments = try store.records(.shipments, RecordQuery(filters: ["order_id": id], limit: 100, partnerScope: scope))
        let audit = try store.auditTrail(AuditQuery(entity: EntityKind.orders.name, entityKey: id, limit: 100, newestFirst: true))
        return OrderPage(
            id: id, partnerCode: order["partner_id"] ?? "", partnerName: partnerNames[order["partner_id"] ?? ""] ?? "",
            outlet: order["outlet_id"] ?? "", channel: order["channel"] ?? "", status: order["status"] ?? "",
            orderedAt: LocalTime.text(order["ordered_at"]), promisedAt: LocalTime.text(order["promised_at"]),
            shippedAt: LocalTime.text(order["shipped_at"]), deliveredAt: LocalTime.text(order["delivered_at"]),
            lines: lines.records.map { line in
                OrderPage.Line(
                    number: line["line_no"] ?? "", sku: line["sku"] ?? "", product: productNames[line["sku"] ?? ""] ?? "",
                    quantity: line["qty"] ?? "", unitPrice: line["unit_price"] ?? "", discount: line["discount_rate"] ?? "0",
                    returned: line["returned_qty"] ?? "0", netValue: Self.netValue(line))
            },
            shipments: shipments.records.map { shipment in
                OrderPage.Shipment(
                    id: shipment["shipment_id"] ?? "", carrier: shipment["carrier"] ?? "", mode: shipment["mode"] ?? "",
                    shippedAt: LocalTime.text(shipment["shipped_at"]), deliveredAt: LocalTime.text(shipment["delivered_at"]))
            },
            changes: audit.events.map { event in
                OrderPage.Change(
                    at: LocalTime.text(event.at.iso8601), actor: event.actor, action: event.action.rawValue,
                    before: Self.changedFields(event.before, against: event.after), after: Self.changedFields(event.after, against: event.before))
            })
    }

    /// qty x unit price x (1 - discount), exact, rounded to the fen (half away from zero), as text.
    static func netValue(_ line: Record) -> String {
        guard let qty = line["qty"].flatMap({ Int64($0) }), let price = line["unit_price"].flatMap({ try? ExactDecimal(parsing: $0) })
        else { return "" }
        let discount = line["discount_rate"].flatMap { try? ExactDecimal(parsing: $0) } ?? ExactDecimal(units: 0, scale: 0)
        var one: Int128 = 1
        for _ in 0..<discount.scale { one *= 10 }
        // Exact at scale price.scale + discount.scale; cut to 3 places (truncating), then rounded on the third: the
        // cut digits cannot change whether the dropped part reaches half a fen.
        var value = Int128(qty) * Int128(price.units) * (one - Int128(discount.units))
        var scale = price.scale + discount.scale
        while scale > 3 {
            value /= 10
            scale -= 1
        }
        if scale == 3 {
            let (quotient, remainder) = value.quotientAndRemainder(dividingBy: 10)
            value = quotient + (abs(remainder) >= 5 ? (value < 0 ? -1 : 1) : 0)
            scale = 2
        }
        return ExactDecimal(units: Int64(value), scale: scale).description
    }

    /// The fields of a record image (JSON) that differ from the other image, as `column: value` lines.
    static func changedFields(_ image: String?, against other: String?) -> String {
        let fields = decode(image)
        let others = decode(other)
        return fields.keys.sorted().filter { fields[$0] != others[$0] }.map { "\($0): \(fields[$0] ?? "")" }.joined(separator: "\n")
    }

    private static func decode(_ json: String?) -> [String: String] {
        guard let data = json?.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object.mapValues { value in value is NSNull ? "" : "\(value)" }
    }

    /// The first (or last) millisecond of a business day given as YYYY-MM-DD.
    static func instant(_ text: String, endOfDay: Bool) throws -> Instant {
        let day = try CalendarDay(parsing: text)
        return BusinessCalendar.shanghai.instant(
            day: day, secondOfDay: endOfDay ? 86_399 : 0, milliseconds: endOfDay ? 999 : 0)
    }
}
