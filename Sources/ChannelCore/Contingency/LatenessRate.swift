/// An amount owed for every started unit of lateness after the grace period: `¥50.00` per started hour.
public struct LatenessRate: Hashable, Sendable {
    /// The amount per started unit, at least 0.
    public var amount: Money
    /// The unit; a part of a unit counts as a whole one.
    public var unit: LatenessUnit

    /// A rate of `amount` per started `unit`.
    public init(amount: Money, per unit: LatenessUnit) {
        self.amount = amount
        self.unit = unit
    }
}
