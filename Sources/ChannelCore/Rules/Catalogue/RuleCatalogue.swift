/// The names a rules file may use: measures, dimensions, risk types and the codes of some conditions.
///
/// The validator knows no names of its own; the caller passes the catalogue of the running system, so a deployment
/// with more measures or its own risk types checks files against those. ``standard`` holds Qudao's lists.
public struct RuleCatalogue: Hashable, Sendable {
    /// Measures a `measure` condition may name, in the order they are listed in messages.
    public var measures: [MeasureName]
    /// Measures that are rates (fractions in 0…1); their thresholds must lie in 0…1.
    public var rateMeasures: Set<MeasureName>
    /// Dimensions for `by` and `filters`, in the order they are listed in messages.
    public var dimensions: [DimensionName]
    /// Time buckets of the KPI cube, which alert rules may not group by (the window sets the period); only used to
    /// explain why such a name is refused.
    public var timeBuckets: [DimensionName]
    /// Risk types a rule may signal (each should have a contingency plan).
    public var riskTypes: [RiskType]
    /// Complaint severity codes, the keys of a per-severity `sla`.
    public var complaintSeverities: [String]
    /// Anomaly kinds an `anomalous_order` condition may select.
    public var anomalyKinds: [String]
    /// Partner tiers a `win_win_drop` condition may select (0 for platforms and direct channels).
    public var partnerTiers: ClosedRange<Int>

    /// A catalogue; see the properties for the meaning of each list.
    public init(
        measures: [MeasureName], rateMeasures: Set<MeasureName>, dimensions: [DimensionName],
        timeBuckets: [DimensionName] = [], riskTypes: [RiskType], complaintSeverities: [String],
        anomalyKinds: [String], partnerTiers: ClosedRange<Int>
    ) {
        self.measures = measures
        self.rateMeasures = rateMeasures
        self.dimensions = dimensions
        self.timeBuckets = timeBuckets
        self.riskTypes = riskTypes
        self.complaintSeverities = complaintSeverities
        self.anomalyKinds = anomalyKinds
        self.partnerTiers = partnerTiers
    }

    /// Qudao's KPI catalogue, dimensions, risk types, complaint severities and anomaly kinds.
    public static let standard = RuleCatalogue(
        measures: [
            "net_sales", "units", "orders", "average_order_value", "return_rate", "cycle_time_mean_hours",
            "cycle_time_p50_hours", "cycle_time_p90_hours", "on_time_rate", "active_outlet_rate", "coverage",
            "inventory_turnover_days", "weeks_of_cover", "stock_out_rate", "csat", "complaints",
            "complaint_response_hours", "complaint_resolution_hours", "win_win_index",
        ],
        rateMeasures: ["return_rate", "on_time_rate", "active_outlet_rate", "coverage", "stock_out_rate"],
        dimensions: ["province", "city", "channel", "tier", "partner", "upstream", "outlet", "category", "sku"],
        timeBuckets: ["day", "week", "month", "quarter", "year"],
        riskTypes: [
            .stockOut, .lateDelivery, .priceConflict, .partnerRisk, .supplierFailure, .serviceFailure, .fraud,
        ],
        complaintSeverities: ["low", "medium", "high", "critical"],
        anomalyKinds: ["quantity_spike", "price_deviation", "suspended_partner", "duplicate_order"],
        partnerTiers: 0...9
    )
}
