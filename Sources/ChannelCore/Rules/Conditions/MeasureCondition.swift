/// A threshold on a KPI catalogue measure over a trailing window, optionally per group (`by`) and as a change
/// against the previous window (`compare`).
///
/// ```yaml
/// condition: {kind: measure, measure: on_time_rate, by: [province], window: 7d, op: "<", threshold: 0.9}
/// ```
public struct MeasureCondition: Hashable, Sendable, Codable {
    /// The measure judged.
    public var measure: MeasureName
    /// Dimensions whose groups are judged separately; each group is a subject with its own alerts and cooldowns.
    /// Empty: the whole (filtered) scope is one subject.
    public var groupBy: [DimensionName]
    /// Only facts whose dimension has one of the listed codes count (`{channel: [online]}`).
    public var filters: [DimensionName: [String]]
    /// The trailing period ending at evaluation time, in whole days.
    public var window: RuleDuration
    /// How the value (or its change) is compared with the threshold.
    public var comparison: ComparisonOperator
    /// The threshold; rates are fractions in 0…1.
    public var threshold: Double
    /// When set, the threshold applies to the change against the previous window.
    public var change: ChangeComparison?
    /// Fewest orders or lines (the measure's facts) a group needs in the window to be judged at all.
    public var minVolume: Int?

    /// A measure condition; see the properties for the meaning of each value.
    public init(
        measure: MeasureName, groupBy: [DimensionName] = [], filters: [DimensionName: [String]] = [:],
        window: RuleDuration, comparison: ComparisonOperator, threshold: Double, change: ChangeComparison? = nil,
        minVolume: Int? = nil
    ) {
        self.measure = measure
        self.groupBy = groupBy
        self.filters = filters
        self.window = window
        self.comparison = comparison
        self.threshold = threshold
        self.change = change
        self.minVolume = minVolume
    }

    /// Decodes the canonical form; `by` and `filters` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        measure = try container.decode(MeasureName.self, forKey: .measure)
        groupBy = try container.decodeIfPresent([DimensionName].self, forKey: .groupBy) ?? []
        filters = try container.decodeIfPresent([DimensionName: [String]].self, forKey: .filters) ?? [:]
        window = try container.decode(RuleDuration.self, forKey: .window)
        comparison = try container.decode(ComparisonOperator.self, forKey: .comparison)
        threshold = try container.decode(Double.self, forKey: .threshold)
        change = try container.decodeIfPresent(ChangeComparison.self, forKey: .change)
        minVolume = try container.decodeIfPresent(Int.self, forKey: .minVolume)
    }

    /// Encodes the canonical form; empty `by` and `filters` are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(measure, forKey: .measure)
        if !groupBy.isEmpty { try container.encode(groupBy, forKey: .groupBy) }
        if !filters.isEmpty { try container.encode(filters, forKey: .filters) }
        try container.encode(window, forKey: .window)
        try container.encode(comparison, forKey: .comparison)
        try container.encode(threshold, forKey: .threshold)
        try container.encodeIfPresent(change, forKey: .change)
        try container.encodeIfPresent(minVolume, forKey: .minVolume)
    }

    enum CodingKeys: String, CodingKey {
        case measure
        case groupBy = "by"
        case filters, window
        case comparison = "op"
        case threshold
        case change = "compare"
        case minVolume = "min_volume"
    }
}
