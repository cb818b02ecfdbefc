/// An online net unit price of a SKU more than `tolerance` below the typical dealer (offline) net price in the
/// window; each SKU is a subject.
public struct OnlinePriceBelowDealerCondition: Hashable, Sendable, Codable {
    /// How far below the dealer price online may go before the rule fires, as a fraction in 0…1 (0.05: 5 %).
    public var tolerance: Double
    /// The trailing period whose prices are compared, in whole days.
    public var window: RuleDuration

    /// A price conflict condition.
    public init(tolerance: Double, window: RuleDuration) {
        self.tolerance = tolerance
        self.window = window
    }
}
