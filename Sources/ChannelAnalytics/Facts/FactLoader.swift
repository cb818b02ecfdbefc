import ChannelCore
import ChannelStore

/// Applies the rows a store delivers (`ChannelStore.readFacts`) to a working copy of a snapshot.
///
/// Facts keep their position when a row is delivered again (an update); a row that disappears from a range that
/// was delivered again (a delete) is marked removed; an order's lines are replaced as a whole. References are
/// resolved to dimension indexes here, so a fact naming a row the engine does not hold is an error.
final class FactLoader: FactSink {
    var snapshot: FactSnapshot
    /// Positions held in the range of the current `begin` that were not delivered again (yet).
    private var unseen: [Int64: Int32] = [:]
    /// The order whose lines are arriving, and its position.
    private var currentOrderRow: Int64 = -1
    private var currentOrder: Int32 = 0
    private var currentOrderedAt: Int64 = 0
    private var dimensionsChanged = false
    private let channels = Array(SalesChannel.allCases)
    private let statuses = Array(OrderStatus.allCases)
    private let modes = Array(ShipmentMode.allCases)
    private let severities = Array(ComplaintSeverity.allCases)
    private let complaintCategories = Array(ComplaintCategory.allCases)

    init(_ snapshot: FactSnapshot) { self.snapshot = snapshot }

    func begin(_ kind: EntityKind, rowIDs: ClosedRange<Int64>?) throws {
        unseen = [:]
        currentOrderRow = -1
        guard let rowIDs else { return }
        switch kind {
        case .orders: unseen = held(snapshot.orders.index, rowIDs)
        case .shipments: unseen = held(snapshot.shipments.index, rowIDs)
        case .inventorySnapshots: unseen = held(snapshot.stock.index, rowIDs)
        case .feedback: unseen = held(snapshot.feedback.index, rowIDs)
        case .complaints: unseen = held(snapshot.complaints.index, rowIDs)
        case .orderLines:
            // Every line of these orders follows again: the old ones go.
            for (_, position) in snapshot.orders.index.positions(in: rowIDs) { dropLines(ofOrder: position) }
        case .regions, .partners, .products, .outlets:
            // Master data is referenced by facts and never deleted while referenced (foreign keys): rows
            // delivered again are updated in place, others stay.
            break
        }
    }

    func end(_ kind: EntityKind) throws {
        for (rowID, position) in unseen { remove(kind, rowID: rowID, position: Int(position)) }
        unseen = [:]
        if kind <= .outlets, dimensionsChanged {
            snapshot.dimensions.derive()
            dimensionsChanged = false
        }
    }

    /// Finishes a load: derived master data is current.
    func finish(sequence: Int64) {
        snapshot.dimensions.derive()
        snapshot.sequence = sequence
    }

    // MARK: Master data

    func region(_ row: RegionFact) throws {
        dimensionsChanged = true
        try Self.upsert(&snapshot.dimensions.regions, row)
    }

    private static func upsert(_ r: inout Dimensions.Regions, _ row: RegionFact) throws {
        let at = try slot(&r.index, row.rowID, count: r.count)
        set(&r.code, at, row.code)
        set(&r.name, at, row.name)
        set(&r.level, at, row.level)
        set(&r.parentRow, at, row.parentRowID ?? -1)
    }

    func partner(_ row: PartnerFact) throws {
        dimensionsChanged = true
        let region = try position(of: row.regionRowID, in: snapshot.dimensions.regions.index, "region", for: "partner \(row.code)")
        try Self.upsert(&snapshot.dimensions.partners, row, region: region)
    }

    private static func upsert(_ p: inout Dimensions.Partners, _ row: PartnerFact, region: Int32) throws {
        let at = try slot(&p.index, row.rowID, count: p.count)
        set(&p.code, at, row.code)
        set(&p.name, at, row.name)
        set(&p.kind, at, row.kind)
        set(&p.parentRow, at, row.parentRowID ?? -1)
        set(&p.tier, at, UInt8(clamping: row.tier))
        set(&p.region, at, region)
        set(&p.channel, at, row.channel)
        set(&p.joinedOn, at, row.joinedOn)
        set(&p.status, at, row.status)
    }

    func product(_ row: ProductFact) throws {
        dimensionsChanged = true
        try Self.upsert(&snapshot.dimensions.products, row)
    }

    private static func upsert(_ p: inout Dimensions.Products, _ row: ProductFact) throws {
        let at = try slot(&p.index, row.rowID, count: p.count)
        let category: Int32
        if let known = p.categoryIndex[row.category] {
            category = known
        } else {
            category = Int32(p.categories.count)
            p.categories.append(row.category)
            p.categoryIndex[row.category] = category
        }
        set(&p.sku, at, row.sku)
        set(&p.name, at, row.name)
        set(&p.category, at, category)
        set(&p.listPriceMinor, at, row.listPriceMinor)
        set(&p.unitCostMinor, at, row.unitCostMinor)
        set(&p.launchedOn, at, row.launchedOn)
    }

    func outlet(_ row: OutletFact) throws {
        dimensionsChanged = true
        let partner = try position(
            of: row.partnerRowID, in: snapshot.dimensions.partners.index, "partner", for: "outlet \(row.code)")
        let region = try position(
            of: row.regionRowID, in: snapshot.dimensions.regions.index, "region", for: "outlet \(row.code)")
        try Self.upsert(&snapshot.dimensions.outlets, row, partner: partner, region: region)
    }

    private static func upsert(_ o: inout Dimensions.Outlets, _ row: OutletFact, partner: Int32, region: Int32) throws {
        let at = try slot(&o.index, row.rowID, count: o.count)
        set(&o.code, at, row.code)
        set(&o.partner, at, partner)
        set(&o.region, at, region)
        set(&o.kind, at, row.kind)
        set(&o.openedOn, at, row.openedOn.daysSinceEpoch)
        set(&o.closedOn, at, row.closedOn?.daysSinceEpoch ?? Int32.max)
    }

    // MARK: Facts

    func order(_ row: OrderFact) throws {
        let partner = try position(
            of: row.partnerRowID, in: snapshot.dimensions.partners.index, "partner", for: "order row \(row.rowID)")
        let outlet = try row.outletRowID.map {
            try position(of: $0, in: snapshot.dimensions.outlets.index, "outlet", for: "order row \(row.rowID)")
        } ?? -1
        let day = snapshot.clock.day(of: row.orderedAt)
        let channel = code(row.channel, channels)
        let status = code(row.status, statuses)
        if let held = snapshot.orders.index[row.rowID] {
            unseen[row.rowID] = nil
            snapshot.orders.update(Int(held), row, partner: partner, outlet: outlet, channel: channel, status: status, day: day)
            // The order's lines keep their place: their chunks' time ranges must cover its (new) time.
            let start = Int(snapshot.orders.lineStart[Int(held)])
            for line in start..<start + Int(snapshot.orders.lineCount[Int(held)]) {
                snapshot.lines.zones.widen(chunk: line >> Column<Int32>.chunkShift, with: row.orderedAt)
            }
        } else {
            try snapshot.orders.index.set(row.rowID, Int32(snapshot.orders.count))
            snapshot.orders.append(row, partner: partner, outlet: outlet, channel: channel, status: status, day: day)
        }
    }

    func orderLine(_ row: OrderLineFact) throws {
        if row.orderRowID != currentOrderRow {
            guard let order = snapshot.orders.index[row.orderRowID] else {
                throw AnalyticsError("a line names order row \(row.orderRowID), which the engine does not hold")
            }
            currentOrderRow = row.orderRowID
            currentOrder = order
            currentOrderedAt = snapshot.orders.orderedAt[Int(order)]
            dropLines(ofOrder: order)
            snapshot.orders.lineStart[Int(order)] = Int32(snapshot.lines.count)
        }
        let product = try position(
            of: row.productRowID, in: snapshot.dimensions.products.index, "product", for: "a line of order row \(row.orderRowID)")
        let (unitNet, overflow) = row.unitPriceMinor.multipliedReportingOverflow(by: 1_000_000 - row.discountPPM)
        guard !overflow, let qty = Int32(exactly: row.qty), let returned = Int32(exactly: row.returnedQty) else {
            throw AnalyticsError("line \(row.lineNo) of order row \(row.orderRowID) holds amounts too large for the analytic engine")
        }
        snapshot.lines.zones.widen(chunk: snapshot.lines.count >> Column<Int32>.chunkShift, with: currentOrderedAt)
        snapshot.lines.order.append(currentOrder)
        snapshot.lines.product.append(product)
        snapshot.lines.qty.append(qty)
        snapshot.lines.returned.append(returned)
        snapshot.lines.unitNet.append(unitNet)
        snapshot.orders.lineCount[Int(currentOrder)] += 1
    }

    func shipment(_ row: ShipmentFact) throws {
        guard let order = snapshot.orders.index[row.orderRowID] else {
            throw AnalyticsError("shipment row \(row.rowID) names order row \(row.orderRowID), which the engine does not hold")
        }
        unseen[row.rowID] = nil
        let mode = row.mode.map { code($0, modes) } ?? 255
        try Self.upsert(&snapshot.shipments, row, order: order, mode: mode)
    }

    private static func upsert(_ s: inout ShipmentTable, _ row: ShipmentFact, order: Int32, mode: UInt8) throws {
        let at = try slot(&s.index, row.rowID, count: s.count)
        put(&s.order, at, order)
        put(&s.mode, at, mode)
        put(&s.distanceMetres, at, row.distanceMetres ?? -1)
        put(&s.weightGrams, at, row.weightGrams ?? -1)
        put(&s.shippedAt, at, row.shippedAt)
        put(&s.deliveredAt, at, row.deliveredAt ?? noInstant)
    }

    func stock(_ row: StockFact) throws {
        let product = try position(
            of: row.productRowID, in: snapshot.dimensions.products.index, "product", for: "stock row \(row.rowID)")
        let location: Int32
        if let known = snapshot.dimensions.locationIndex[row.location] {
            location = known
        } else {
            location = Int32(snapshot.dimensions.locations.count)
            snapshot.dimensions.locations.append(row.location)
            snapshot.dimensions.locationIndex[row.location] = location
        }
        unseen[row.rowID] = nil
        try Self.upsert(&snapshot.stock, row, product: product, location: location)
    }

    private static func upsert(_ t: inout StockTable, _ row: StockFact, product: Int32, location: Int32) throws {
        let at = try slot(&t.index, row.rowID, count: t.count)
        put(&t.day, at, row.day.daysSinceEpoch)
        put(&t.location, at, location)
        put(&t.product, at, product)
        put(&t.onHand, at, row.onHand)
        put(&t.inTransit, at, row.inTransit)
    }

    func feedback(_ row: FeedbackFact) throws {
        let partner = try position(
            of: row.partnerRowID, in: snapshot.dimensions.partners.index, "partner", for: "feedback row \(row.rowID)")
        let outlet = try row.outletRowID.map {
            try position(of: $0, in: snapshot.dimensions.outlets.index, "outlet", for: "feedback row \(row.rowID)")
        } ?? -1
        let order = row.orderRowID.flatMap { snapshot.orders.index[$0] } ?? -1
        unseen[row.rowID] = nil
        let channel = code(row.channel, channels)
        try Self.upsert(&snapshot.feedback, row, order: order, partner: partner, outlet: outlet, channel: channel)
    }

    private static func upsert(
        _ f: inout FeedbackTable, _ row: FeedbackFact, order: Int32, partner: Int32, outlet: Int32, channel: UInt8
    ) throws {
        let at = try slot(&f.index, row.rowID, count: f.count)
        put(&f.order, at, order)
        put(&f.partner, at, partner)
        put(&f.outlet, at, outlet)
        put(&f.channel, at, channel)
        put(&f.createdAt, at, row.createdAt)
        put(&f.rating, at, UInt8(clamping: row.rating))
    }

    func complaint(_ row: ComplaintFact) throws {
        let partner = try position(
            of: row.partnerRowID, in: snapshot.dimensions.partners.index, "partner", for: "complaint row \(row.rowID)")
        let order = row.orderRowID.flatMap { snapshot.orders.index[$0] } ?? -1
        unseen[row.rowID] = nil
        let codes = (code(row.severity, severities), code(row.category, complaintCategories))
        try Self.upsert(&snapshot.complaints, row, order: order, partner: partner, codes: codes)
    }

    private static func upsert(
        _ c: inout ComplaintTable, _ row: ComplaintFact, order: Int32, partner: Int32, codes: (UInt8, UInt8)
    ) throws {
        let at = try slot(&c.index, row.rowID, count: c.count)
        put(&c.order, at, order)
        put(&c.partner, at, partner)
        put(&c.openedAt, at, row.openedAt)
        put(&c.firstResponseAt, at, row.firstResponseAt ?? noInstant)
        put(&c.resolvedAt, at, row.resolvedAt ?? noInstant)
        put(&c.severity, at, codes.0)
        put(&c.category, at, codes.1)
    }

    // MARK: Helpers

    private func held(_ index: RowIndex, _ range: ClosedRange<Int64>) -> [Int64: Int32] {
        Dictionary(uniqueKeysWithValues: index.positions(in: range).map { ($0.rowID, $0.position) })
    }

    private func dropLines(ofOrder order: Int32) {
        let o = Int(order)
        let start = Int(snapshot.orders.lineStart[o])
        for line in start..<start + Int(snapshot.orders.lineCount[o]) { snapshot.lines.order[line] = 0 }
        snapshot.orders.lineCount[o] = 0
    }

    private func remove(_ kind: EntityKind, rowID: Int64, position: Int) {
        switch kind {
        case .orders:
            dropLines(ofOrder: Int32(position))
            snapshot.orders.status[position] = OrderTable.removedStatus
            snapshot.orders.index.remove(rowID)
        case .shipments:
            snapshot.shipments.order[position] = 0
            snapshot.shipments.index.remove(rowID)
        case .inventorySnapshots:
            snapshot.stock.day[position] = Int32.min
            snapshot.stock.index.remove(rowID)
        case .feedback:
            snapshot.feedback.createdAt[position] = noInstant
            snapshot.feedback.index.remove(rowID)
        case .complaints:
            snapshot.complaints.openedAt[position] = noInstant
            snapshot.complaints.index.remove(rowID)
        case .regions, .partners, .products, .outlets, .orderLines:
            break
        }
    }

    /// The position of a row, appending a new one when the row is new.
    private static func slot(_ index: inout RowIndex, _ rowID: Int64, count: Int) throws -> Int {
        if let held = index[rowID] { return Int(held) }
        try index.set(rowID, Int32(count))
        return count
    }

    private static func set<T>(_ array: inout [T], _ at: Int, _ value: T) {
        if at == array.count { array.append(value) } else { array[at] = value }
    }

    private static func put<T: Sendable>(_ column: inout Column<T>, _ at: Int, _ value: T) {
        if at == column.count { column.append(value) } else { column[at] = value }
    }

    private func position(
        of rowID: Int64, in index: RowIndex, _ what: String, for owner: @autoclosure () -> String
    ) throws -> Int32 {
        guard let position = index[rowID] else {
            throw AnalyticsError("\(owner()) names \(what) row \(rowID), which the engine does not hold")
        }
        return position
    }

    private func code<Code: Equatable>(_ value: Code, _ cases: [Code]) -> UInt8 {
        UInt8(truncatingIfNeeded: cases.firstIndex(of: value) ?? 255)
    }
}
