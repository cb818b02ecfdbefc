/// When an inventory position counts as overstock.
///
/// A position is overstock when it exceeds any active threshold: a multiple of the order-up-to level S,
/// a number of days of cover, or the location's max stock. Set a threshold to nil to switch it off.
public struct OverstockPolicy: Sendable, Equatable {
    /// Overstock when position > this multiple × S (default 2, i.e. more than twice the order-up-to level).
    public var orderUpToMultiple: Double?
    /// Overstock when position covers more than this many days of mean demand.
    public var maxDaysOfCover: Double?

    /// Creates a policy; the default flags positions above twice the order-up-to level.
    public init(orderUpToMultiple: Double? = 2, maxDaysOfCover: Double? = nil) {
        self.orderUpToMultiple = orderUpToMultiple
        self.maxDaysOfCover = maxDaysOfCover
    }
}
