/// One anomaly found: a whole order or one of its lines.
public struct AnomalyFlag: Sendable, Hashable {
    /// Order position in ``OrderFacts/Orders``.
    public let order: Int
    /// Line number within the order (1-based); nil when the whole order is flagged.
    public let lineNo: Int?
    public let kind: AnomalyKind
    /// How anomalous, larger is more: the robust z-score for statistical kinds, a fixed value for rule kinds
    /// (see ``AnomalyThresholds``).
    public let score: Double
    public let reason: AnomalyReason

    public init(order: Int, lineNo: Int?, kind: AnomalyKind, score: Double, reason: AnomalyReason) {
        self.order = order
        self.lineNo = lineNo
        self.kind = kind
        self.score = score
        self.reason = reason
    }
}
