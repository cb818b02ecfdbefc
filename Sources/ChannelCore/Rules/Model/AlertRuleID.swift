/// The identifier of a rule: a slug (`late-delivery-east`), unique within a rules file.
///
/// Alerts and their cooldowns are keyed by it, so renaming a rule starts its cooldowns afresh.
public struct AlertRuleID:
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
    public static func < (lhs: AlertRuleID, rhs: AlertRuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}
