public import ChannelCore

// Rows as the analytic engine reads them from the store: surrogate row ids for identity and references, codes as
// enums, money in minor units, instants in milliseconds. Natural keys travel only for the dimensions (a few
// thousand rows), which the engine shows by name; facts stay numeric.

public struct RegionFact: Sendable, Hashable {
    public var rowID: Int64
    public var code: String
    public var name: String
    public var parentRowID: Int64?
    public var level: RegionLevel

    public init(rowID: Int64, code: String, name: String, parentRowID: Int64?, level: RegionLevel) {
        self.rowID = rowID
        self.code = code
        self.name = name
        self.parentRowID = parentRowID
        self.level = level
    }
}

public struct PartnerFact: Sendable, Hashable {
    public var rowID: Int64
    public var code: String
    public var name: String
    public var kind: PartnerKind
    public var parentRowID: Int64?
    public var tier: Int
    public var regionRowID: Int64
    public var channel: SalesChannel
    public var joinedOn: CalendarDay
    public var status: PartnerStatus

    public init(
        rowID: Int64, code: String, name: String, kind: PartnerKind, parentRowID: Int64?, tier: Int, regionRowID: Int64,
        channel: SalesChannel, joinedOn: CalendarDay, status: PartnerStatus
    ) {
        self.rowID = rowID
        self.code = code
        self.name = name
        self.kind = kind
        self.parentRowID = parentRowID
        self.tier = tier
        self.regionRowID = regionRowID
        self.channel = channel
        self.joinedOn = joinedOn
        self.status = status
    }
}

public struct ProductFact: Sendable, Hashable {
    public var rowID: Int64
    public var sku: String
    public var name: String
    public var category: String
    public var listPriceMinor: Int64
    public var unitCostMinor: Int64
    public var launchedOn: CalendarDay

    public init(
        rowID: Int64, sku: String, name: String, category: String, listPriceMinor: Int64, unitCostMinor: Int64,
        launchedOn: CalendarDay
    ) {
        self.rowID = rowID
        self.sku = sku
        self.name = name
        self.category = category
        self.listPriceMinor = listPriceMinor
        self.unitCostMinor = unitCostMinor
        self.launchedOn = launchedOn
    }
}

public struct OutletFact: Sendable, Hashable {
    public var rowID: Int64
    public var code: String
    public var partnerRowID: Int64
    public var regionRowID: Int64
    public var kind: OutletKind
    public var openedOn: CalendarDay
    public var closedOn: CalendarDay?

    public init(
        rowID: Int64, code: String, partnerRowID: Int64, regionRowID: Int64, kind: OutletKind, openedOn: CalendarDay,
        closedOn: CalendarDay?
    ) {
        self.rowID = rowID
        self.code = code
        self.partnerRowID = partnerRowID
        self.regionRowID = regionRowID
        self.kind = kind
        self.openedOn = openedOn
        self.closedOn = closedOn
    }
}

/// An order; instants in milliseconds since 1970 UTC.
public struct OrderFact: Sendable, Hashable {
    public var rowID: Int64
    public var partnerRowID: Int64
    public var outletRowID: Int64?
    public var channel: SalesChannel
    public var status: OrderStatus
    public var orderedAt: Int64
    public var promisedAt: Int64?
    public var shippedAt: Int64?
    public var deliveredAt: Int64?

    public init(
        rowID: Int64, partnerRowID: Int64, outletRowID: Int64?, channel: SalesChannel, status: OrderStatus,
        orderedAt: Int64, promisedAt: Int64?, shippedAt: Int64?, deliveredAt: Int64?
    ) {
        self.rowID = rowID
        self.partnerRowID = partnerRowID
        self.outletRowID = outletRowID
        self.channel = channel
        self.status = status
        self.orderedAt = orderedAt
        self.promisedAt = promisedAt
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
    }
}

/// A line of an order; lines arrive grouped by order, in line order.
public struct OrderLineFact: Sendable, Hashable {
    public var orderRowID: Int64
    public var lineNo: Int
    public var productRowID: Int64
    public var qty: Int64
    public var unitPriceMinor: Int64
    /// The discount in parts per million (0.35 = 350000).
    public var discountPPM: Int64
    public var returnedQty: Int64

    public init(
        orderRowID: Int64, lineNo: Int, productRowID: Int64, qty: Int64, unitPriceMinor: Int64, discountPPM: Int64,
        returnedQty: Int64
    ) {
        self.orderRowID = orderRowID
        self.lineNo = lineNo
        self.productRowID = productRowID
        self.qty = qty
        self.unitPriceMinor = unitPriceMinor
        self.discountPPM = discountPPM
        self.returnedQty = returnedQty
    }
}

public struct ShipmentFact: Sendable, Hashable {
    public var rowID: Int64
    public var orderRowID: Int64
    public var mode: ShipmentMode?
    public var distanceMetres: Int64?
    public var weightGrams: Int64?
    public var shippedAt: Int64
    public var deliveredAt: Int64?

    public init(
        rowID: Int64, orderRowID: Int64, mode: ShipmentMode?, distanceMetres: Int64?, weightGrams: Int64?, shippedAt: Int64,
        deliveredAt: Int64?
    ) {
        self.rowID = rowID
        self.orderRowID = orderRowID
        self.mode = mode
        self.distanceMetres = distanceMetres
        self.weightGrams = weightGrams
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
    }
}

public struct StockFact: Sendable, Hashable {
    public var rowID: Int64
    public var location: String
    public var day: CalendarDay
    public var productRowID: Int64
    public var onHand: Int64
    public var inTransit: Int64

    public init(rowID: Int64, location: String, day: CalendarDay, productRowID: Int64, onHand: Int64, inTransit: Int64) {
        self.rowID = rowID
        self.location = location
        self.day = day
        self.productRowID = productRowID
        self.onHand = onHand
        self.inTransit = inTransit
    }
}

public struct FeedbackFact: Sendable, Hashable {
    public var rowID: Int64
    public var orderRowID: Int64?
    public var partnerRowID: Int64
    public var outletRowID: Int64?
    public var channel: SalesChannel
    public var createdAt: Int64
    public var rating: Int

    public init(
        rowID: Int64, orderRowID: Int64?, partnerRowID: Int64, outletRowID: Int64?, channel: SalesChannel, createdAt: Int64,
        rating: Int
    ) {
        self.rowID = rowID
        self.orderRowID = orderRowID
        self.partnerRowID = partnerRowID
        self.outletRowID = outletRowID
        self.channel = channel
        self.createdAt = createdAt
        self.rating = rating
    }
}

public struct ComplaintFact: Sendable, Hashable {
    public var rowID: Int64
    public var orderRowID: Int64?
    public var partnerRowID: Int64
    public var openedAt: Int64
    public var firstResponseAt: Int64?
    public var resolvedAt: Int64?
    public var severity: ComplaintSeverity
    public var category: ComplaintCategory

    public init(
        rowID: Int64, orderRowID: Int64?, partnerRowID: Int64, openedAt: Int64, firstResponseAt: Int64?, resolvedAt: Int64?,
        severity: ComplaintSeverity, category: ComplaintCategory
    ) {
        self.rowID = rowID
        self.orderRowID = orderRowID
        self.partnerRowID = partnerRowID
        self.openedAt = openedAt
        self.firstResponseAt = firstResponseAt
        self.resolvedAt = resolvedAt
        self.severity = severity
        self.category = category
    }
}
