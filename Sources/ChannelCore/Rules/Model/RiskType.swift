/// The kind of risk an alert signals (`stock_out`, `late_delivery`, ...): it links the alert to a contingency plan.
///
/// The standard risk types are static members; a deployment may add its own through ``RuleCatalogue/riskTypes``.
public struct RiskType:
    Hashable, Comparable, Sendable, Codable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The text as written in rules files and the API.
    public let rawValue: String

    /// Wraps a text without checking it; rules files are checked by ``AlertRuleFile``.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a literal, for code and tests.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The text as written.
    public var description: String { rawValue }

    /// Orders by text, for stable listings.
    public static func < (lhs: RiskType, rhs: RiskType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Stock on hand and in transit is running out.
    public static let stockOut: RiskType = "stock_out"
    /// Orders arrive later than promised.
    public static let lateDelivery: RiskType = "late_delivery"
    /// Online and offline prices undercut each other (channel conflict).
    public static let priceConflict: RiskType = "price_conflict"
    /// A partner is weakening, suspended or misbehaving.
    public static let partnerRisk: RiskType = "partner_risk"
    /// A supplier cannot deliver.
    public static let supplierFailure: RiskType = "supplier_failure"
    /// Customer service misses its promises (complaint SLAs).
    public static let serviceFailure: RiskType = "service_failure"
    /// Orders look fraudulent or erroneous.
    public static let fraud: RiskType = "fraud"
}
