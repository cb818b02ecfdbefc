/// One line of a compensation's breakdown: what it is for, the amount, and the arithmetic in words.
public struct CompensationPart: Hashable, Sendable, Encodable {
    /// What a part is for.
    public enum Kind: String, CodedValue {
        /// The fixed amount per breach.
        case perBreach = "per_breach"
        /// The rate per started hour or day of lateness.
        case lateRate = "late_rate"
        /// The share of the order value per started day.
        case orderValue = "order_value"
        /// The reduction to the cap (a negative amount).
        case cap
    }

    /// What the part is for.
    public var kind: Kind
    /// The amount; negative only for ``Kind/cap``.
    public var amount: Money
    /// The arithmetic in Chinese: `迟到 27 小时（宽限 2 小时后计 25 小时）× ¥50.00/小时 = ¥1,250.00`.
    public var explanation: String
    /// The arithmetic in English: `27 h late (25 h counted after 2 h grace) × ¥50.00/h = ¥1,250.00`.
    public var explanationEn: String

    /// A part; see the properties for the meaning of each value.
    public init(kind: Kind, amount: Money, explanation: String, explanationEn: String) {
        self.kind = kind
        self.amount = amount
        self.explanation = explanation
        self.explanationEn = explanationEn
    }

    enum CodingKeys: String, CodingKey {
        case kind, amount, currency, explanation
        case explanationEn = "explanation_en"
    }

    /// `{"kind": "late_rate", "amount": "1250.00", "currency": "CNY", "explanation": ..., "explanation_en": ...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeAmountIfPresent(amount, forKey: .amount)
        try container.encode(amount.currency.code, forKey: .currency)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(explanationEn, forKey: .explanationEn)
    }
}
