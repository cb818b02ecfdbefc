/// Sentinel for a missing instant (milliseconds) in an `Int64` column.
public let noInstant = Int64.min

/// Orders, by position. Position 0 is a permanent placeholder whose status is `removedStatus`: lines of a removed
/// or replaced order point there, so kernels never need a separate liveness test.
public struct OrderTable: Sendable {
    public static let removedStatus = StatusCode.removed

    public internal(set) var partner = Column<Int32>()
    /// Outlet index, -1 when the order names none.
    public internal(set) var outlet = Column<Int32>()
    /// `SalesChannel` case index.
    public internal(set) var channel = Column<UInt8>()
    /// `OrderStatus` case index, or `removedStatus`.
    public internal(set) var status = Column<UInt8>()
    public internal(set) var orderedAt = Column<Int64>()
    /// Business day of `orderedAt`, days since 1970 (the engine's calendar).
    public internal(set) var day = Column<Int32>()
    public internal(set) var promisedAt = Column<Int64>()
    public internal(set) var shippedAt = Column<Int64>()
    public internal(set) var deliveredAt = Column<Int64>()
    /// The order's lines: positions `lineStart ..< lineStart + lineCount` of the line table.
    public internal(set) var lineStart = Column<Int32>()
    public internal(set) var lineCount = Column<Int32>()
    public internal(set) var rowID = Column<Int64>()
    /// `orderedAt` range per chunk.
    public internal(set) var zones = ZoneMap()
    /// The first and last business day of any order held (may be wider after updates); nil before the first.
    public internal(set) var days: ClosedRange<Int32>?
    var index = RowIndex()

    public var count: Int { status.count }
}

/// Order lines, by position; lines of one order are contiguous. Money is kept as the exact net unit price in
/// 1e-8 of the currency unit: `unit_price_minor x (1_000_000 - discount_ppm)`.
public struct LineTable: Sendable {
    /// Order position (0 once the line was removed or replaced).
    public internal(set) var order = Column<Int32>()
    public internal(set) var product = Column<Int32>()
    public internal(set) var qty = Column<Int32>()
    public internal(set) var returned = Column<Int32>()
    public internal(set) var unitNet = Column<Int64>()
    /// The range of the lines' orders' `orderedAt` per chunk.
    public internal(set) var zones = ZoneMap()

    /// Units of `unitNet` per currency unit (yuan): minor units (1e-2) x parts per million (1e-6).
    public static let unitNetScale: Int64 = 100_000_000

    public var count: Int { order.count }
}

public struct ShipmentTable: Sendable {
    /// Order position (0 once removed).
    public internal(set) var order = Column<Int32>()
    /// `ShipmentMode` case index, 255 when unknown.
    public internal(set) var mode = Column<UInt8>()
    public internal(set) var distanceMetres = Column<Int64>()
    public internal(set) var weightGrams = Column<Int64>()
    public internal(set) var shippedAt = Column<Int64>()
    public internal(set) var deliveredAt = Column<Int64>()
    var index = RowIndex()

    public var count: Int { order.count }
}

public struct StockTable: Sendable {
    /// Snapshot day, days since 1970; `Int32.min` once removed (outside every period).
    public internal(set) var day = Column<Int32>()
    public internal(set) var location = Column<Int32>()
    public internal(set) var product = Column<Int32>()
    public internal(set) var onHand = Column<Int64>()
    public internal(set) var inTransit = Column<Int64>()
    var index = RowIndex()

    public var count: Int { day.count }
}

public struct FeedbackTable: Sendable {
    public internal(set) var order = Column<Int32>()
    public internal(set) var partner = Column<Int32>()
    public internal(set) var outlet = Column<Int32>()
    public internal(set) var channel = Column<UInt8>()
    /// `noInstant` once removed.
    public internal(set) var createdAt = Column<Int64>()
    public internal(set) var rating = Column<UInt8>()
    var index = RowIndex()

    public var count: Int { rating.count }
}

public struct ComplaintTable: Sendable {
    public internal(set) var order = Column<Int32>()
    public internal(set) var partner = Column<Int32>()
    /// `noInstant` once removed.
    public internal(set) var openedAt = Column<Int64>()
    public internal(set) var firstResponseAt = Column<Int64>()
    public internal(set) var resolvedAt = Column<Int64>()
    public internal(set) var severity = Column<UInt8>()
    public internal(set) var category = Column<UInt8>()
    var index = RowIndex()

    public var count: Int { openedAt.count }
}
