import ChannelCore
import ChannelStore

/// Reads rows for the analytic engine from PostgreSQL: the same rows, in the same order, as `SQLiteFactReader`
/// delivers (by id; order lines by order id and line number), fetched in keyset pages so that memory stays bounded,
/// each page as one row of arrays (`PostgresColumnPage`), the next asked for while this one is delivered. The caller
/// runs it inside one `REPEATABLE READ` transaction, so every page comes from the same snapshot.
struct PostgresFactReader {
    let session: PostgresSession
    let sink: any FactSink
    static let pageSize = 20_000

    /// Delivers every row of `kind` whose id (for order lines: order id) lies in `rowIDs`, or all rows when nil.
    func read(_ kind: EntityKind, rowIDs: ClosedRange<Int64>?) throws {
        try sink.begin(kind, rowIDs: rowIDs)
        let lines = kind == .orderLines
        let idColumn = lines ? "order_id" : "id"
        let range = rowIDs.map { [DBValue.integer($0.lowerBound), .integer($0.upperBound)] } ?? []
        let rangeFilter = rowIDs == nil ? "" : " AND \(idColumn) BETWEEN $1 AND $2"
        // The keyset: past the last id, or for lines past the last (order id, line number), the first columns read.
        let key = lines ? [0, 1] : [0]
        let order = lines ? "order_id, line_no" : "id"
        let columns = Self.columns(of: kind)
        let first = range.count + 1
        let keyset = lines ? "(order_id, line_no) > ($\(first), $\(first + 1))" : "id > $\(first)"
        let sql = """
            SELECT \(columns.map { "array_agg(\($0))" }.joined(separator: ", ")) FROM (SELECT \(columns.joined(separator: ", ")) \
            FROM \(kind.name) WHERE \(keyset)\(rangeFilter) ORDER BY \(order) LIMIT \(Self.pageSize)) page
            """
        func request(after: [DBValue]) throws -> PostgresSession.PendingPage {
            try session.requestPage(sql, range + after, context: "reading \(kind.name) for the analytic engine")
        }
        var pending = try request(after: key.map { _ in .integer(Int64.min) })
        while true {
            let page = try session.page(pending).sorted(byKey: key)
            let isFull = page.count == Self.pageSize
            // The next page is asked for before this one is delivered, so that the server makes it meanwhile.
            if isFull {
                let last = page.row(page.count - 1)
                pending = try request(after: try key.map { .integer(try last.integer(at: $0)) })
            }
            for index in 0..<page.count { try deliver(kind, page.row(index)) }
            guard isFull else { break }
        }
        try sink.end(kind)
    }

    private func deliver(_ kind: EntityKind, _ r: PostgresColumnPage.Row) throws {
        switch kind {
        case .regions:
            try sink.region(
                RegionFact(
                    rowID: r.integer(at: 0), code: r.text(at: 1), name: r.text(at: 2), parentRowID: r.optionalInteger(at: 3),
                    level: try code(r, 4)))
        case .partners:
            try sink.partner(
                PartnerFact(
                    rowID: r.integer(at: 0), code: r.text(at: 1), name: r.text(at: 2), kind: try code(r, 3),
                    parentRowID: r.optionalInteger(at: 4), tier: Int(r.integer(at: 5)), regionRowID: r.integer(at: 6),
                    channel: try code(r, 7), joinedOn: try day(r, 8), status: try code(r, 9)))
        case .products:
            try sink.product(
                ProductFact(
                    rowID: r.integer(at: 0), sku: r.text(at: 1), name: r.text(at: 2), category: r.text(at: 3),
                    listPriceMinor: r.integer(at: 4), unitCostMinor: r.integer(at: 5), launchedOn: try day(r, 6)))
        case .outlets:
            try sink.outlet(
                OutletFact(
                    rowID: r.integer(at: 0), code: r.text(at: 1), partnerRowID: r.integer(at: 2), regionRowID: r.integer(at: 3),
                    kind: try code(r, 4), openedOn: try day(r, 5), closedOn: try r.optionalText(at: 6) == nil ? nil : try day(r, 6)))
        case .orders:
            try sink.order(
                OrderFact(
                    rowID: r.integer(at: 0), partnerRowID: r.integer(at: 1), outletRowID: r.optionalInteger(at: 2),
                    channel: try code(r, 3), status: try code(r, 4), orderedAt: r.integer(at: 5),
                    promisedAt: r.optionalInteger(at: 6), shippedAt: r.optionalInteger(at: 7),
                    deliveredAt: r.optionalInteger(at: 8)))
        case .orderLines:
            try sink.orderLine(
                OrderLineFact(
                    orderRowID: r.integer(at: 0), lineNo: Int(r.integer(at: 1)), productRowID: r.integer(at: 2),
                    qty: r.integer(at: 3), unitPriceMinor: r.integer(at: 4), discountPPM: r.integer(at: 5),
                    returnedQty: r.integer(at: 6)))
        case .shipments:
            try sink.shipment(
                ShipmentFact(
                    rowID: r.integer(at: 0), orderRowID: r.integer(at: 1), mode: try r.optionalText(at: 2) == nil ? nil : try code(r, 2) as ShipmentMode,
                    distanceMetres: r.optionalInteger(at: 3), weightGrams: r.optionalInteger(at: 4), shippedAt: r.integer(at: 5),
                    deliveredAt: r.optionalInteger(at: 6)))
        case .inventorySnapshots:
            try sink.stock(
                StockFact(
                    rowID: r.integer(at: 0), location: r.text(at: 1), day: try day(r, 2), productRowID: r.integer(at: 3),
                    onHand: r.integer(at: 4), inTransit: r.integer(at: 5)))
        case .feedback:
            try sink.feedback(
                FeedbackFact(
                    rowID: r.integer(at: 0), orderRowID: r.optionalInteger(at: 1), partnerRowID: r.integer(at: 2),
                    outletRowID: r.optionalInteger(at: 3), channel: try code(r, 4), createdAt: r.integer(at: 5),
                    rating: Int(r.integer(at: 6))))
        case .complaints:
            try sink.complaint(
                ComplaintFact(
                    rowID: r.integer(at: 0), orderRowID: r.optionalInteger(at: 1), partnerRowID: r.integer(at: 2),
                    openedAt: r.integer(at: 3), firstResponseAt: r.optionalInteger(at: 4), resolvedAt: r.optionalInteger(at: 5),
                    severity: try code(r, 6), category: try code(r, 7)))
        }
    }

    /// The selected columns of `kind`, in the positions `deliver` reads them (the same as SQLite's reader).
    private static func columns(of kind: EntityKind) -> [String] {
        switch kind {
        case .regions: ["id", "region_id", "name", "parent_id", "level"]
        case .partners: ["id", "partner_id", "name", "kind", "parent_id", "tier", "region_id", "channel", "joined_on", "status"]
        case .products: ["id", "sku", "name", "category", "list_price_minor", "unit_cost_minor", "launched_on"]
        case .outlets: ["id", "outlet_id", "partner_id", "region_id", "kind", "opened_on", "closed_on"]
        case .orders: ["id", "partner_id", "outlet_id", "channel", "status", "ordered_at", "promised_at", "shipped_at", "delivered_at"]
        case .orderLines: ["order_id", "line_no", "product_id", "qty", "unit_price_minor", "discount_ppm", "returned_qty"]
        case .shipments: ["id", "order_id", "mode", "distance_m", "weight_g", "shipped_at", "delivered_at"]
        case .inventorySnapshots: ["id", "location_id", "snapshot_date", "product_id", "on_hand", "in_transit"]
        case .feedback: ["id", "order_id", "partner_id", "outlet_id", "channel", "created_at", "rating"]
        case .complaints: ["id", "order_id", "partner_id", "opened_at", "first_response_at", "resolved_at", "severity", "category"]
        }
    }

    private func code<Code: CodedValue>(_ r: PostgresColumnPage.Row, _ index: Int) throws -> Code {
        let text = try r.text(at: index)
        guard let code = Code(rawValue: text) else {
            throw StoreError(.corrupt, "a stored \(Code.self) code '\(text)' is not one Qudao knows")
        }
        return code
    }

    private func day(_ r: PostgresColumnPage.Row, _ index: Int) throws -> CalendarDay {
        let text = try r.text(at: index)
        do {
            return try CalendarDay(parsing: text)
        } catch {
            throw StoreError(.corrupt, "a stored date is not YYYY-MM-DD: '\(text)'")
        }
    }
}
