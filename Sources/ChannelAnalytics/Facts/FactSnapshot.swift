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
}
