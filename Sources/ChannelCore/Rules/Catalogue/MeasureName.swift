/// The name of a KPI catalogue measure (`on_time_rate`, `net_sales`, ...).
///
/// Which names exist is decided by the ``RuleCatalogue`` the file is checked against.
public struct MeasureName:
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
    public static func < (lhs: MeasureName, rhs: MeasureName) -> Bool { lhs.rawValue < rhs.rawValue }
}
