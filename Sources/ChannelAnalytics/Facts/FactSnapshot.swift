import ChannelStore

/// One consistent state of the analytic engine's facts: everything the store held up to `sequence`.
///
/// A value type whose columns share chunks with the snapshots before and after it: reading one costs nothing,
/// and it never changes while a query runs.
public struct FactSnapshot: Sendable {
    /// The store's change sequence this snapshot includes.
    public internal(set) var sequence: Int64 = 0
    public let clock: BusinessClock
    public internal(set) var dimensions = Dimensions()
    public internal(set) var orders = OrderTable()
    public internal(set) var lines = LineTable()
    public internal(set) var shipments = ShipmentTable()
    public internal(set) var stock = StockTable()
    public internal(set) var feedback = FeedbackTable()
    public internal(set) var complaints = ComplaintTable()

    public init(clock: BusinessClock) {
        self.clock = clock
        orders.appendPlaceholder()
    }
}

extension OrderTable {
    /// Position 0: the order that removed lines point at.
    mutating func appendPlaceholder() {
        partner.append(-1)
        outlet.append(-1)
        channel.append(0)
        status.append(Self.removedStatus)
        orderedAt.append(noInstant)
        day.append(Int32.min)
        promisedAt.append(noInstant)
        shippedAt.append(noInstant)
        deliveredAt.append(noInstant)
        lineStart.append(0)
        lineCount.append(0)
        rowID.append(-1)
    }

    mutating func append(_ row: OrderFact, partner: Int32, outlet: Int32, channel: UInt8, status: UInt8, day: Int32) {
        self.partner.append(partner)
        self.outlet.append(outlet)
        self.channel.append(channel)
        self.status.append(status)
        orderedAt.append(row.orderedAt)
        self.day.append(day)
        promisedAt.append(row.promisedAt ?? noInstant)
        shippedAt.append(row.shippedAt ?? noInstant)
        deliveredAt.append(row.deliveredAt ?? noInstant)
        lineStart.append(0)
        lineCount.append(0)
        rowID.append(row.rowID)
        noteTime(of: count - 1, row.orderedAt, day: day)
    }

    private mutating func noteTime(of position: Int, _ orderedAt: Int64, day: Int32) {
        zones.widen(chunk: position >> Column<Int32>.chunkShift, with: orderedAt)
        days = days.map { min($0.lowerBound, day)...max($0.upperBound, day) } ?? day...day
    }

    /// Updates the order at `at` in place; its lines stay.
    mutating func update(_ at: Int, _ row: OrderFact, partner: Int32, outlet: Int32, channel: UInt8, status: UInt8, day: Int32) {
        self.partner[at] = partner
        self.outlet[at] = outlet
        self.channel[at] = channel
        self.status[at] = status
        orderedAt[at] = row.orderedAt
        self.day[at] = day
        promisedAt[at] = row.promisedAt ?? noInstant
        shippedAt[at] = row.shippedAt ?? noInstant
        deliveredAt[at] = row.deliveredAt ?? noInstant
        noteTime(of: at, row.orderedAt, day: day)
    }
}
