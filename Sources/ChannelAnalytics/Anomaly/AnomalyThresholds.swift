/// The detector's parameters. The defaults are statistical conventions for robust outlier tests, not values fitted
/// to any data set; each one says why.
public struct AnomalyThresholds: Sendable, Hashable {
    /// Fewest lines a group needs before its median and spread are trusted; smaller groups fall back to a wider
    /// baseline. Default 12: below about a dozen values a median moves by a third of σ or more.
    public var minBaselineLines = 12

    /// Weight, in lines, of the partner's spread across all SKUs when estimating the spread of one partner × SKU:
    /// σ² = (n σ_pair² + k σ_partner²) / (n + k). Default 50: the upper-quartile σ has about a sixth of the
    /// efficiency of a standard deviation, so a pair's own spread from fewer than ~50 lines is mostly noise, and
    /// testing thousands of pairs would pick exactly the ones whose spread came out too small.
    public var spreadPoolingLines = 50

    /// Robust z (log-quantity distance from the median in units of σ) a quantity must exceed. Default 5: a normal
    /// tail of 3 in 10 million, so that a million lines, each tested against a σ estimated from data, raise about
    /// one chance flag (4.5 already gives several).
    public var quantityRobustZ = 5.0
    /// Multiple of the median quantity a spike must also reach. Default 10, an order of magnitude: keeps tight or
    /// coarse baselines (a shop selling 1–3 units, whose upper quartile often equals its median) from flagging
    /// ordinary large orders.
    public var quantityMinMultiple = 10.0
    /// Lower bound of σ on the log-quantity scale, for groups that almost always order the same quantity (spread 0).
    /// Default 0.1 (±10 %).
    public var quantityMinLogSigma = 0.1

    /// Net unit prices below this fraction of the typical price are flagged. Default 0.4: deeper than any promotion
    /// (online promotions run 10–35 % off, offline rebates a few percent).
    public var priceLowRatio = 0.4
    /// Net unit prices above this multiple of the typical price are flagged. Default 2.5.
    public var priceHighRatio = 2.5
    /// Robust z a price deviation must also exceed, so SKUs whose prices legitimately vary widely are not flagged.
    /// Default 3.
    public var priceRobustZ = 3.0
    /// Lower bound of σ on the log-price scale. Default 0.05 (±5 %): list prices barely vary within a tier.
    public var priceMinLogSigma = 0.05

    /// Without suspension dates, orders of a suspended partner are flagged when placed in this many days up to and
    /// including the latest order day of the data. Default 365.
    public var suspendedLookbackDays = 365

    /// Two identical orders count as duplicates only when placed at most this many seconds apart (when order times
    /// are known; otherwise the same business day suffices). Default 600: a resubmission or a double import
    /// happens within minutes.
    public var duplicateWindowSeconds = 600
    /// A basket the partner ordered on at least this many other days is routine (a platform selling the same item
    /// to many shoppers), so a same-day repeat is expected and not flagged. Default 3.
    public var routineBasketDays = 3

    /// Score of rule-based flags (a suspended partner with a known suspension date, a duplicate), on the robust-z
    /// scale so they rank with strong statistical outliers. Orders of a suspended partner whose suspension date is
    /// unknown score half: they may predate the suspension. Default 10.
    public var ruleScore = 10.0

    /// Order status codes to leave out entirely, neither baselines nor flags (e.g. removed orders). Default none.
    public var ignoredStatuses: Set<UInt8> = []

    /// The documented defaults.
    public init() {}
}
