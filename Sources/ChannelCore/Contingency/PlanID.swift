/// The identifier of a contingency plan: a slug such as `stock-out-standard` (lower-case letters and digits, words
/// joined by `-` or `_`), unique within a plans file.
///
/// Plan activations are keyed by it, so renaming a plan does not carry its running activations over.
public struct PlanID:
    Hashable, Comparable, Sendable, Codable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The text as written in plans files and the API.
    public let rawValue: String

    /// Wraps a text without checking it; plans files are checked by ``ContingencyPlanFile``.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a literal, for code and tests.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Parses a slug of at most 64 characters, such as `stock-out-standard`.
    ///
    /// - Throws: ``FieldError`` naming the allowed characters when `text` is not a slug.
    public init(parsing text: String) throws(FieldError) {
        guard RuleFileReader.isSlug(text) else {
            throw FieldError(
                "is not a plan id; use lower-case letters and digits, words joined by - or _, e.g. stock-out-standard")
        }
        self.rawValue = text
    }

    /// The text as written.
    public var description: String { rawValue }

    /// Orders by text, for stable listings.
    public static func < (lhs: PlanID, rhs: PlanID) -> Bool { lhs.rawValue < rhs.rawValue }
}
