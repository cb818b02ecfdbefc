import ChannelCore
import ChannelStore
import GRDB

/// Reads rows for the analytic engine straight through the SQLite C API (millions of rows: GRDB's `Row` would
/// box every value). Code columns are mapped to their enum's case index in SQL, dates parsed from their bytes.
struct SQLiteFactReader {
    let connection: OpaquePointer
    let sink: any FactSink
    // `allCases` builds a new array on every call: each code list is built once per reader.
    private let levels = Array(RegionLevel.allCases)
    private let partnerKinds = Array(PartnerKind.allCases)
    private let partnerStatuses = Array(PartnerStatus.allCases)
    private let channels = Array(SalesChannel.allCases)
    private let outletKinds = Array(OutletKind.allCases)
    private let orderStatuses = Array(OrderStatus.allCases)
    private let modes = Array(ShipmentMode.allCases)
    private let severities = Array(ComplaintSeverity.allCases)
    private let complaintCategories = Array(ComplaintCategory.allCases)

    init(connection: OpaquePointer, sink: any FactSink) {
        self.connection = connection
        self.sink = sink
    }

    /// Delivers every row of `kind` whose id (for order lines: order id) lies in `rowIDs`, or all rows when nil.
    func read(_ kind: EntityKind, rowIDs: ClosedRange<Int64>?) throws {
        let idColumn = kind == .orderLines ? "order_id" : "id"
        let order = kind == .orderLines ? "order_id, line_no" : "id"
        let filter = rowIDs == nil ? "" : "WHERE \(idColumn) BETWEEN ?1 AND ?2"
        let statement = try RawStatement(
            "SELECT \(Self.columns(of: kind)) FROM \(kind.name) \(filter) ORDER BY \(order)", connection: connection)
        if let rowIDs {
            statement.bind(.integer(rowIDs.lowerBound), at: 1)
            statement.bind(.integer(rowIDs.upperBound), at: 2)
        }
        try sink.begin(kind, rowIDs: rowIDs)
        try statement.forEachRow { row in try deliver(kind, row) }
        try sink.end(kind)
    }

    private func deliver(_ kind: EntityKind, _ r: RawStatement) throws {
        switch kind {
        case .regions:
            try sink.region(
                RegionFact(
                    rowID: r.integer(at: 0), code: r.text(at: 1), name: r.text(at: 2), parentRowID: r.optionalInteger(at: 3),
                    level: try code(r, 4, levels)))
        case .partners:
            try sink.partner(
                PartnerFact(
                    rowID: r.integer(at: 0), code: r.text(at: 1), name: r.text(at: 2), kind: try code(r, 3, partnerKinds),
                    parentRowID: r.optionalInteger(at: 4), tier: Int(r.integer(at: 5)), regionRowID: r.integer(at: 6),
                    channel: try code(r, 7, channels), joinedOn: try day(r, 8), status: try code(r, 9, partnerStatuses)))
        case .products:
            try sink.product(
                ProductFact(
                    rowID: r.integer(at: 0), sku: r.text(at: 1), name: r.text(at: 2), category: r.text(at: 3),
                    listPriceMinor: r.integer(at: 4), unitCostMinor: r.integer(at: 5), launchedOn: try day(r, 6)))
        case .outlets:
            try sink.outlet(
                OutletFact(
                    rowID: r.integer(at: 0), code: r.text(at: 1), partnerRowID: r.integer(at: 2), regionRowID: r.integer(at: 3),
                    kind: try code(r, 4, outletKinds), openedOn: try day(r, 5), closedOn: r.isNull(at: 6) ? nil : try day(r, 6)))
        case .orders:
            try sink.order(
                OrderFact(
                    rowID: r.integer(at: 0), partnerRowID: r.integer(at: 1), outletRowID: r.optionalInteger(at: 2),
                    channel: try code(r, 3, channels), status: try code(r, 4, orderStatuses), orderedAt: r.integer(at: 5),
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
                    rowID: r.integer(at: 0), orderRowID: r.integer(at: 1), mode: r.isNull(at: 2) ? nil : try code(r, 2, modes),
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
                    outletRowID: r.optionalInteger(at: 3), channel: try code(r, 4, channels), createdAt: r.integer(at: 5),
                    rating: Int(r.integer(at: 6))))
        case .complaints:
            try sink.complaint(
                ComplaintFact(
                    rowID: r.integer(at: 0), orderRowID: r.optionalInteger(at: 1), partnerRowID: r.integer(at: 2),
                    openedAt: r.integer(at: 3), firstResponseAt: r.optionalInteger(at: 4), resolvedAt: r.optionalInteger(at: 5),
                    severity: try code(r, 6, severities), category: try code(r, 7, complaintCategories)))
        }
    }

    /// The selected columns of `kind`, in the positions `deliver` reads them.
    private static func columns(of kind: EntityKind) -> String {
        switch kind {
        case .regions: "id, region_id, name, parent_id, \(caseIndex("level", RegionLevel.self))"
        case .partners:
            "id, partner_id, name, \(caseIndex("kind", PartnerKind.self)), parent_id, tier, region_id, "
                + "\(caseIndex("channel", SalesChannel.self)), joined_on, \(caseIndex("status", PartnerStatus.self))"
        case .products: "id, sku, name, category, list_price_minor, unit_cost_minor, launched_on"
        case .outlets: "id, outlet_id, partner_id, region_id, \(caseIndex("kind", OutletKind.self)), opened_on, closed_on"
        case .orders:
            "id, partner_id, outlet_id, \(caseIndex("channel", SalesChannel.self)), \(caseIndex("status", OrderStatus.self)), "
                + "ordered_at, promised_at, shipped_at, delivered_at"
        case .orderLines: "order_id, line_no, product_id, qty, unit_price_minor, discount_ppm, returned_qty"
        case .shipments: "id, order_id, \(caseIndex("mode", ShipmentMode.self)), distance_m, weight_g, shipped_at, delivered_at"
        case .inventorySnapshots: "id, location_id, snapshot_date, product_id, on_hand, in_transit"
        case .feedback: "id, order_id, partner_id, outlet_id, \(caseIndex("channel", SalesChannel.self)), created_at, rating"
        case .complaints:
            "id, order_id, partner_id, opened_at, first_response_at, resolved_at, "
                + "\(caseIndex("severity", ComplaintSeverity.self)), \(caseIndex("category", ComplaintCategory.self))"
        }
    }

    /// `CASE column WHEN 'a' THEN 0 WHEN 'b' THEN 1 ... END`: the code's position in `allCases` (NULL for NULL).
    private static func caseIndex<Code: CodedValue>(_ column: String, _: Code.Type) -> String {
        let branches = Code.allCases.enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }
        // NULL stays NULL (an optional code); any other unknown code is -1, which `code` refuses.
        return "CASE WHEN \(column) IS NULL THEN NULL ELSE CASE \(column) \(branches.joined(separator: " ")) ELSE -1 END END"
    }

    private func code<Code: CodedValue>(_ r: RawStatement, _ index: Int32, _ cases: [Code]) throws -> Code {
        let position = Int(r.integer(at: index))
        guard cases.indices.contains(position) else {
            throw StoreError(.corrupt, "a stored \(Code.self) code is not one Qudao knows")
        }
        return cases[position]
    }

    private func day(_ r: RawStatement, _ index: Int32) throws -> CalendarDay {
        guard let day = r.day(at: index) else {
            throw StoreError(.corrupt, "a stored date is not YYYY-MM-DD: '\(r.text(at: index))'")
        }
        return day
    }
}

