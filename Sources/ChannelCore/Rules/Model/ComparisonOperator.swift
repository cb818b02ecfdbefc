/// How a measured value is compared with a rule's threshold; the rule fires when the comparison holds.
public enum ComparisonOperator: String, CaseIterable, Hashable, Sendable, Codable {
    /// `<`: fires below the threshold.
    case lessThan = "<"
    /// `<=`: fires at or below the threshold.
    case lessThanOrEqual = "<="
    /// `>`: fires above the threshold.
    case greaterThan = ">"
    /// `>=`: fires at or above the threshold.
    case greaterThanOrEqual = ">="

    /// Whether `value` stands in this relation to `threshold` (`value < threshold` for `<`).
    public func holds(_ value: Double, against threshold: Double) -> Bool {
        switch self {
        case .lessThan: value < threshold
        case .lessThanOrEqual: value <= threshold
        case .greaterThan: value > threshold
        case .greaterThanOrEqual: value >= threshold
        }
    }
}
