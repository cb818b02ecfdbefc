/// A location id (`WH-SH-01`) or, ending in `*`, a prefix of location ids (`WH-SH-*`).
public struct LocationPattern: Hashable, Sendable, Codable, RawRepresentable, ExpressibleByStringLiteral {
    /// The text as written: an id, or a prefix followed by `*`.
    public let rawValue: String

    /// Wraps a text without checking it; rules files are checked by ``AlertRuleFile``.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a literal, for code and tests.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Whether `locationID` is this id, or starts with this prefix.
    public func matches(_ locationID: String) -> Bool {
        guard rawValue.hasSuffix("*") else { return locationID == rawValue }
        return locationID.hasPrefix(rawValue.dropLast())
    }
}
