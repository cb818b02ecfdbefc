public import ChannelCore

/// A cube question: measures by dimensions over a period of business days, filtered, optionally compared with an
/// earlier period and cut to the top (or bottom) N rows. What the API and the UI ask the engine.
public struct CubeQuery: Sendable, Hashable {
    public enum Comparison: String, Sendable, CaseIterable {
        /// The bucket before (month over month, quarter over quarter ... by the query's time dimension), or the
        /// period of equal length right before when the query has no time dimension.
        case previousPeriod = "previous"
        /// The same buckets a year earlier.
        case previousYear = "year"
    }

    public struct Top: Sendable, Hashable {
        public var count: Int
        public var measure: Measure
        /// Highest first (top N); false for the bottom N.
        public var descending: Bool

        public init(count: Int, measure: Measure, descending: Bool = true) {
            self.count = count
            self.measure = measure
            self.descending = descending
        }
    }

    public var measures: [Measure]
    public var dimensions: [CubeDimension]
    /// Keep only facts whose dimension value is one of the codes given (region codes, `online`, tier numbers,
    /// partner and outlet codes, category names, SKUs).
    public var filters: [CubeDimension: [String]]
    /// Only these partners and everything downstream of them (a partner user's view); nil for all.
    public var partnerScope: [String]?
    /// Business days, both ends included.
    public var period: ClosedRange<CalendarDay>
    public var comparison: Comparison?
    public var top: Top?
    public var partnerIndexWeights: PartnerIndexWeights

    public init(
        measures: [Measure], dimensions: [CubeDimension] = [], filters: [CubeDimension: [String]] = [:], partnerScope: [String]? = nil,
        period: ClosedRange<CalendarDay>, comparison: Comparison? = nil, top: Top? = nil,
        partnerIndexWeights: PartnerIndexWeights = .standard
    ) {
        self.measures = measures
        self.dimensions = dimensions
        self.filters = filters
        self.partnerScope = partnerScope
        self.period = period
        self.comparison = comparison
        self.top = top
        self.partnerIndexWeights = partnerIndexWeights
    }
}

/// The weights of the partner win-win index's components (they need not add up to 1; the index is 100 x the
/// weighted sum of percent ranks).
public struct PartnerIndexWeights: Sendable, Hashable, Codable {
    public var growth: Double
    public var csat: Double
    public var response: Double

    public init(growth: Double, csat: Double, response: Double) {
        self.growth = growth
        self.csat = csat
        self.response = response
    }

    /// 0.5 sales growth, 0.3 CSAT, 0.2 complaint response (the shared KPIS.md).
    public static let standard = PartnerIndexWeights(growth: 0.5, csat: 0.3, response: 0.2)
}
