/// How long a complaint may wait for its first response: one limit for all, or one per complaint severity.
///
/// Written as `sla: 24h` or `sla: {high: 4h, medium: 24h, low: 72h}`. Complaints of a severity the map leaves out
/// are not watched.
public enum ComplaintSLA: Hashable, Sendable, Codable {
    /// One limit for every complaint.
    case uniform(RuleDuration)
    /// A limit per complaint severity code (`low`, `medium`, `high`, `critical`).
    case bySeverity([String: RuleDuration])

    /// The limit for complaints of `severity`, or nil when such complaints are not watched.
    public func limit(for severity: String) -> RuleDuration? {
        switch self {
        case .uniform(let limit): limit
        case .bySeverity(let limits): limits[severity]
        }
    }

    /// Decodes `"24h"` or `{"high": "4h", ...}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let limit = try? container.decode(RuleDuration.self) {
            self = .uniform(limit)
        } else {
            self = .bySeverity(try container.decode([String: RuleDuration].self))
        }
    }

    /// Encodes `"24h"` or `{"high": "4h", ...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .uniform(let limit): try container.encode(limit)
        case .bySeverity(let limits): try container.encode(limits)
        }
    }
}
