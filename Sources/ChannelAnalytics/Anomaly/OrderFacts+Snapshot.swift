public import ChannelCore

extension OrderFacts {
    /// The facts of an engine snapshot, by the snapshot's positions: the detector's order `o` is the snapshot's.
    /// Removed orders keep their removed status (leave `OrderTable.removedStatus` in the ignored statuses); the
    /// placeholder at position 0, which has no partner, is given partner 0 so that every position is valid (it has
    /// no lines and is ignored with the removed orders). Partners carry no suspension dates.
    init(_ snapshot: FactSnapshot) {
        let o = snapshot.orders
        var partner = o.partner.values
        if !partner.isEmpty, partner[0] < 0 { partner[0] = 0 }
        let online = UInt8(SalesChannel.allCases.firstIndex(of: .online) ?? 0)
        let orders = Orders(
            partner: partner, outlet: o.outlet.values, channel: o.channel.values.map { $0 == online ? 1 : 0 },
            status: o.status.values, day: o.day.values, orderedAt: o.orderedAt.values, lineStart: o.lineStart.values,
            lineCount: o.lineCount.values)
        let lines = Lines(
            order: snapshot.lines.order.values, product: snapshot.lines.product.values, qty: snapshot.lines.qty.values,
            unitNet: snapshot.lines.unitNet.values)
        let p = snapshot.dimensions.partners
        let partners = Partners(code: p.code, tier: p.tier, suspended: p.status.map { $0 == .suspended })
        let products = Products(code: snapshot.dimensions.products.sku, listPriceMinor: snapshot.dimensions.products.listPriceMinor)
        self.init(checked: orders, lines: lines, partners: partners, products: products)
    }
}

extension AnomalyModel {
    /// Learns from a snapshot's live orders (removed orders are ignored).
    public init(learning snapshot: FactSnapshot, thresholds: AnomalyThresholds = AnomalyThresholds()) {
        var thresholds = thresholds
        thresholds.ignoredStatuses.insert(OrderTable.removedStatus)
        self.init(learning: OrderFacts(snapshot), thresholds: thresholds)
    }

    /// The anomalies of a snapshot's live orders placed on `days` (all orders when nil), each with its order's store
    /// row id (for its order number). The snapshot may be later than the one learnt from: its new orders are scored
    /// against what was learnt. `orderCodes` gives the order numbers of store row ids.
    public func flags(
        in snapshot: FactSnapshot, days: ClosedRange<CalendarDay>? = nil, orderCodes: ([Int64]) throws -> [Int64: String]
    ) throws -> [(flag: AnomalyFlag, rowID: Int64)] {
        let facts = OrderFacts(snapshot)
        let rowIDs = snapshot.orders.rowID
        var orders: [Int] = []
        if let days {
            let (first, last) = (days.lowerBound.daysSinceEpoch, days.upperBound.daysSinceEpoch)
            let day = snapshot.orders.day
            for order in 0..<snapshot.orders.count where day[order] >= first && day[order] <= last { orders.append(order) }
        } else {
            orders = Array(0..<snapshot.orders.count)
        }
        let flags = try self.flags(in: facts, orders: orders) { positions in
            let codes = try orderCodes(positions.map { rowIDs[$0] })
            return Dictionary(uniqueKeysWithValues: positions.compactMap { position in codes[rowIDs[position]].map { (position, $0) } })
        }
        return flags.map { ($0, rowIDs[$0.order]) }
    }
}

extension AnomalyDetector {
    /// The anomalies of a snapshot's live orders, each with its order's store row id (for its order number):
    /// learnt from and scored on all of them. `orderCodes` gives the order numbers of store row ids.
    public func flags(
        in snapshot: FactSnapshot, orderCodes: ([Int64]) throws -> [Int64: String]
    ) throws -> [(flag: AnomalyFlag, rowID: Int64)] {
        try AnomalyModel(learning: snapshot, thresholds: thresholds).flags(in: snapshot, orderCodes: orderCodes)
    }
}
