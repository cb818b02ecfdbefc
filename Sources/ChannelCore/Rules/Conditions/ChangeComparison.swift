/// Judges a measure's change against an earlier period instead of its level: `compare: {to: previous, as: relative}`.
///
/// The threshold then applies to the change. Relative: (current − previous) ÷ previous, so −0.2 is a 20 % drop.
/// Absolute: current − previous, in the measure's unit (for a rate, −0.05 is a drop of 5 percentage points).
public struct ChangeComparison: Hashable, Sendable, Codable {
    /// The period the current window is compared with.
    public enum Baseline: String, CaseIterable, Hashable, Sendable, Codable {
        /// The window of the same length that ends where the current one starts.
        case previous
    }

    /// How the change is expressed.
    public enum Scale: String, CaseIterable, Hashable, Sendable, Codable {
        /// (current − previous) ÷ previous; a group whose previous value is 0 has no relative change.
        case relative
        /// current − previous.
        case absolute
    }

    /// The period compared with; always the previous window for now.
    public var baseline: Baseline
    /// Whether the threshold is a relative or an absolute change.
    public var scale: Scale

    /// A comparison with `baseline` (default: the previous window) on `scale`.
    public init(to baseline: Baseline = .previous, as scale: Scale) {
        self.baseline = baseline
        self.scale = scale
    }

    enum CodingKeys: String, CodingKey {
        case baseline = "to"
        case scale = "as"
    }
}
