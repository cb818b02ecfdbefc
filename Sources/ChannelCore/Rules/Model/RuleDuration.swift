/// A length of time in a rule (cooldown, window, SLA, grace), written as a whole number and one unit: `30m`, `6h`,
/// `7d`.
///
/// Units are `s` (seconds), `m` (minutes), `h` (hours) and `d` (days of 24 hours). The text form uses the largest
/// unit that divides the length exactly: `90m` prints as `90m`, `120m` as `2h` and `24h` as `1d`. Whether a length
/// is allowed at a place (more than zero, whole days, at most 30 days) is checked by ``AlertRuleFile``, not here.
public struct RuleDuration: Hashable, Comparable, Sendable, Codable, LosslessStringConvertible {
    /// The length in seconds.
    public var seconds: Int

    /// A duration of `seconds` seconds.
    public init(seconds: Int) { self.seconds = seconds }

    /// A duration of whole minutes.
    public static func minutes(_ count: Int) -> RuleDuration { RuleDuration(seconds: count * 60) }
    /// A duration of whole hours.
    public static func hours(_ count: Int) -> RuleDuration { RuleDuration(seconds: count * 3_600) }
    /// A duration of whole days (24 hours each).
    public static func days(_ count: Int) -> RuleDuration { RuleDuration(seconds: count * 86_400) }

    /// Parses `45s`, `15m`, `6h` or `7d`; nil for anything else (a sign, a fraction, a space, two units, no unit).
    public init?(_ description: String) {
        guard let unit = description.last, let unitSeconds = Self.secondsPerUnit[unit] else { return nil }
        let digits = description.dropLast()
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let count = Int(digits)
        else { return nil }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: unitSeconds)
        guard !overflow else { return nil }
        self.seconds = seconds
    }

    /// The text form: `30m`, `6h`, `7d`.
    public var description: String {
        for (unit, unitSeconds) in Self.unitsLargestFirst where seconds % unitSeconds == 0 {
            return "\(seconds / unitSeconds)\(unit)"
        }
        return "\(seconds)s"
    }

    /// The number of whole days, or nil when the length is not a whole number of days.
    public var wholeDays: Int? { seconds % 86_400 == 0 ? seconds / 86_400 : nil }

    /// Shorter first.
    public static func < (lhs: RuleDuration, rhs: RuleDuration) -> Bool { lhs.seconds < rhs.seconds }

    /// Decodes the text form (`"7d"`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let duration = RuleDuration(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "`\(text)` is not a duration; use e.g. 7d, 12h or 30m")
        }
        self = duration
    }

    /// Encodes the text form (`"7d"`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let secondsPerUnit: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
    private static let unitsLargestFirst: [(unit: Character, seconds: Int)] = [("d", 86_400), ("h", 3_600), ("m", 60)]
}
