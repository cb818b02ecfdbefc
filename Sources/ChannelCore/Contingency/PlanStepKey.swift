/// The key of a step within its plan: a slug such as `confirm-stock`, unique within the plan. Prerequisites (`after`)
/// and tasks name steps by it.
public struct PlanStepKey:
    Hashable, Comparable, Sendable, Codable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The text as written in plans files and the API.
    public let rawValue: String

    /// Wraps a text without checking it; plans files are checked by ``ContingencyPlanFile``.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a literal, for code and tests.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The text as written.
    public var description: String { rawValue }

    /// Orders by text, for stable listings.
    public static func < (lhs: PlanStepKey, rhs: PlanStepKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
