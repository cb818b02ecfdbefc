/// The name of a dimension a measure can be grouped or filtered by (`province`, `tier`, `sku`, ...).
///
/// Which names exist is decided by the ``RuleCatalogue`` the file is checked against. It is `CodingKeyRepresentable` so
/// that filters encode as a JSON object (`{"province": ["GD"]}`) rather than an array of pairs.
public struct DimensionName:
    Hashable, Comparable, Sendable, Codable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible,
    CodingKeyRepresentable
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
    public static func < (lhs: DimensionName, rhs: DimensionName) -> Bool { lhs.rawValue < rhs.rawValue }
}
