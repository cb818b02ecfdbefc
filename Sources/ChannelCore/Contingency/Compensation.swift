/// What is owed for one breach of an SLA: the total and its breakdown. Made by
/// ``CompensationTerms/owed(from:until:orderValue:)``.
public struct Compensation: Hashable, Sendable, Encodable {
    /// When the work was due: the start plus the target.
    public var dueAt: Instant
    /// The end the lateness was measured to: when the work was done, or "now" while it is still open.
    public var measuredUntil: Instant
    /// How late, in milliseconds after ``dueAt``; more than the grace period.
    public var latenessMilliseconds: Int64
    /// The lateness charged for, in milliseconds: ``latenessMilliseconds`` less the grace period.
    public var chargeableMilliseconds: Int64
    /// The amount owed: the sum of ``parts`` (the cap included), never below zero.
    public var total: Money
    /// The breakdown, in the order fixed amount, late rate, share of the order value, cap.
    public var parts: [CompensationPart]

    /// A compensation; see the properties for the meaning of each value.
    public init(
        dueAt: Instant, measuredUntil: Instant, latenessMilliseconds: Int64, chargeableMilliseconds: Int64,
        total: Money, parts: [CompensationPart]
    ) {
        self.dueAt = dueAt
        self.measuredUntil = measuredUntil
        self.latenessMilliseconds = latenessMilliseconds
        self.chargeableMilliseconds = chargeableMilliseconds
        self.total = total
        self.parts = parts
    }

    /// The total as one line of text: the parts' explanations joined, then the total (Chinese).
    public var summary: String {
        parts.map(\.explanation).joined(separator: "；") + "；合计 \(total.displayText)"
    }

    /// The total as one line of text, in English.
    public var summaryEn: String {
        parts.map(\.explanationEn).joined(separator: "; ") + "; total \(total.displayText)"
    }

    enum CodingKeys: String, CodingKey {
        case dueAt = "due_at"
        case measuredUntil = "measured_until"
        case lateSeconds = "late_seconds"
        case chargeableSeconds = "chargeable_seconds"
        case total, currency, parts
    }

    /// Snake-case keys, instants as ISO 8601 text, lateness in whole seconds (a part of a second counts as one), the
    /// total as decimal text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeInstant(dueAt, forKey: .dueAt)
        try container.encodeInstant(measuredUntil, forKey: .measuredUntil)
        try container.encode(Self.secondsRoundedUp(latenessMilliseconds), forKey: .lateSeconds)
        try container.encode(Self.secondsRoundedUp(chargeableMilliseconds), forKey: .chargeableSeconds)
        try container.encodeAmountIfPresent(total, forKey: .total)
        try container.encode(total.currency.code, forKey: .currency)
        try container.encode(parts, forKey: .parts)
    }

    private static func secondsRoundedUp(_ milliseconds: Int64) -> Int64 {
        milliseconds <= 0 ? 0 : (milliseconds - 1) / 1_000 + 1
    }
}
