import ChannelCore

/// A record that can be read from one input row, in the canonical column order of its `EntityKind`.
///
/// Column positions below follow `EntityKind.columns` (a test checks every decoder against a real file);
/// positions rather than names keep the per-row cost to array indexing.
protocol RowDecodable: Sendable {
    static var kind: EntityKind { get }
    /// The record, or nil with the reasons in `row.issues`. Runs the domain's own validation too.
    static func decode(_ row: inout RowReader) -> Self?
}

extension Region: RowDecodable {
    static var kind: EntityKind { .regions }
    static func decode(_ row: inout RowReader) -> Region? {
        let id = row.identifier(0, Region.self), name = row.text(1), parent = row.identifier(2, Region.self)
        let level = row.code(3, RegionLevel.self)
        guard let id, let name, let level, row.issues.isEmpty else { return nil }
        let region = Region(id: id, name: name, parentID: parent, level: level)
        row.add(region.validate())
        return row.issues.isEmpty ? region : nil
    }
}

extension Partner: RowDecodable {
    static var kind: EntityKind { .partners }
    static func decode(_ row: inout RowReader) -> Partner? {
        let id = row.identifier(0, Partner.self), name = row.text(1), kind = row.code(2, PartnerKind.self)
        let parent = row.identifier(3, Partner.self), tier = row.integer(4), region = row.identifier(5, Region.self)
        let channel = row.code(6, SalesChannel.self), joined = row.day(7), status = row.code(8, PartnerStatus.self)
        guard let id, let name, let kind, let tier, let region, let channel, let joined, let status, row.issues.isEmpty,
            let tierValue = Int(exactly: tier)
        else { return nil }
        let partner = Partner(
            id: id, name: name, kind: kind, parentID: parent, tier: tierValue, regionID: region, channel: channel,
            joinedOn: joined, status: status)
        row.add(partner.validate())
        return row.issues.isEmpty ? partner : nil
    }
}

extension Outlet: RowDecodable {
    static var kind: EntityKind { .outlets }
    static func decode(_ row: inout RowReader) -> Outlet? {
        let id = row.identifier(0, Outlet.self), partner = row.identifier(1, Partner.self)
        let region = row.identifier(2, Region.self), kind = row.code(3, OutletKind.self)
        let opened = row.day(4), closed = row.day(5)
        guard let id, let partner, let region, let kind, let opened, row.issues.isEmpty else { return nil }
        let outlet = Outlet(id: id, partnerID: partner, regionID: region, kind: kind, openedOn: opened, closedOn: closed)
        row.add(outlet.validate())
        return row.issues.isEmpty ? outlet : nil
    }
}

extension Product: RowDecodable {
    static var kind: EntityKind { .products }
    static func decode(_ row: inout RowReader) -> Product? {
        let sku = row.identifier(0, Product.self), name = row.text(1), category = row.text(2)
        let price = row.money(3), cost = row.money(4)
        let grams = row.fixed(5, digits: 3, rounding: true), launched = row.day(6)
        guard let sku, let name, let category, let price, let cost, let grams, let launched, row.issues.isEmpty else {
            return nil
        }
        let product = Product(
            sku: sku, name: name, category: category, listPrice: price, unitCost: cost, weightGrams: grams, launchedOn: launched)
        row.add(product.validate())
        return row.issues.isEmpty ? product : nil
    }
}

extension SalesOrder: RowDecodable {
    static var kind: EntityKind { .orders }
    static func decode(_ row: inout RowReader) -> SalesOrder? {
        let id = row.identifier(0, SalesOrder.self), partner = row.identifier(1, Partner.self)
        let outlet = row.identifier(2, Outlet.self), channel = row.code(3, SalesChannel.self)
        let ordered = row.instant(4), promised = row.instant(5), shipped = row.instant(6), delivered = row.instant(7)
        let status = row.code(8, OrderStatus.self)
        guard let id, let partner, let channel, let ordered, let status, row.issues.isEmpty else { return nil }
        let order = SalesOrder(
            id: id, partnerID: partner, outletID: outlet, channel: channel, orderedAt: ordered, promisedAt: promised,
            shippedAt: shipped, deliveredAt: delivered, status: status)
        row.add(order.validate())
        return row.issues.isEmpty ? order : nil
    }
}

extension OrderLine: RowDecodable {
    static var kind: EntityKind { .orderLines }
    static func decode(_ row: inout RowReader) -> OrderLine? {
        let order = row.identifier(0, SalesOrder.self), lineNo = row.integer(1), sku = row.identifier(2, Product.self)
        let qty = row.integer(3), price = row.money(4), discount = row.discount(5) ?? .none, returned = row.integer(6) ?? 0
        guard let order, let lineNo, let sku, let qty, let price, row.issues.isEmpty else { return nil }
        guard let lineNumber = Int(exactly: lineNo), lineNumber >= 1, lineNumber <= OrderLine.maximumLineNumber else {
            row.fail(1, "must be between 1 and \(OrderLine.maximumLineNumber)")
            return nil
        }
        let line = OrderLine(
            orderID: order, lineNumber: lineNumber, sku: sku, quantity: qty, unitPrice: price, discount: discount,
            returnedQuantity: returned)
        row.add(line.validate())
        return row.issues.isEmpty ? line : nil
    }
}

extension Shipment: RowDecodable {
    static var kind: EntityKind { .shipments }
    static func decode(_ row: inout RowReader) -> Shipment? {
        let id = row.identifier(0, Shipment.self), order = row.identifier(1, SalesOrder.self), carrier = row.text(2) ?? ""
        let mode = row.code(3, ShipmentMode.self)
        let meters = row.fixed(4, digits: 3, rounding: true), grams = row.fixed(5, digits: 3, rounding: true)
        let shipped = row.instant(6), delivered = row.instant(7)
        guard let id, let order, let shipped, row.issues.isEmpty else { return nil }
        let shipment = Shipment(
            id: id, orderID: order, carrier: carrier, mode: mode, distanceMeters: meters, weightGrams: grams, shippedAt: shipped,
            deliveredAt: delivered)
        row.add(shipment.validate())
        return row.issues.isEmpty ? shipment : nil
    }
}

extension InventorySnapshot: RowDecodable {
    static var kind: EntityKind { .inventorySnapshots }
    static func decode(_ row: inout RowReader) -> InventorySnapshot? {
        let date = row.day(0), location = row.identifier(1, InventorySnapshot.self), sku = row.identifier(2, Product.self)
        let onHand = row.integer(3), inTransit = row.integer(4) ?? 0
        guard let date, let location, let sku, let onHand, row.issues.isEmpty else { return nil }
        let snapshot = InventorySnapshot(snapshotDate: date, locationID: location, sku: sku, onHand: onHand, inTransit: inTransit)
        row.add(snapshot.validate())
        return row.issues.isEmpty ? snapshot : nil
    }
}

extension Feedback: RowDecodable {
    static var kind: EntityKind { .feedback }
    static func decode(_ row: inout RowReader) -> Feedback? {
        let id = row.identifier(0, Feedback.self), order = row.identifier(1, SalesOrder.self)
        let partner = row.identifier(2, Partner.self), outlet = row.identifier(3, Outlet.self)
        let channel = row.code(4, SalesChannel.self), created = row.instant(5), rating = row.integer(6), text = row.text(7) ?? ""
        guard let id, let partner, let channel, let created, let rating, row.issues.isEmpty else { return nil }
        let feedback = Feedback(
            id: id, orderID: order, partnerID: partner, outletID: outlet, channel: channel, createdAt: created,
            rating: Int(clamping: rating), text: text)
        row.add(feedback.validate())
        return row.issues.isEmpty ? feedback : nil
    }
}

extension Complaint: RowDecodable {
    static var kind: EntityKind { .complaints }
    static func decode(_ row: inout RowReader) -> Complaint? {
        let id = row.identifier(0, Complaint.self), order = row.identifier(1, SalesOrder.self)
        let partner = row.identifier(2, Partner.self), opened = row.instant(3), response = row.instant(4)
        let resolved = row.instant(5), severity = row.code(6, ComplaintSeverity.self), category = row.code(7, ComplaintCategory.self)
        guard let id, let partner, let opened, let severity, let category, row.issues.isEmpty else { return nil }
        let complaint = Complaint(
            id: id, orderID: order, partnerID: partner, openedAt: opened, firstResponseAt: response, resolvedAt: resolved,
            severity: severity, category: category)
        row.add(complaint.validate())
        return row.issues.isEmpty ? complaint : nil
    }
}
