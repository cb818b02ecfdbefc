/// A backup supplier that was not asked for anything, and why.
public struct SupplierExclusion: Hashable, Sendable, Encodable {
    /// Why a supplier was left out.
    public enum Reason: Hashable, Sendable {
        /// It does not supply the SKU.
        case doesNotSupplySKU
        /// Its capacity per day is not more than zero.
        case noCapacity
        /// Higher-ranked suppliers already cover the shortfall.
        case notNeeded
        /// After its lead time, not one full day is left before the goods are needed.
        case arrivesTooLate(readyAt: Instant)

        /// The reason's code: `does_not_supply_sku`, `no_capacity`, `not_needed`, `arrives_too_late`.
        public var code: String {
            switch self {
            case .doesNotSupplySKU: "does_not_supply_sku"
            case .noCapacity: "no_capacity"
            case .notNeeded: "not_needed"
            case .arrivesTooLate: "arrives_too_late"
            }
        }
    }

    /// The supplier's code.
    public var code: SupplierCode
    /// Its rank in the plan.
    public var rank: Int
    /// Why it was left out.
    public var reason: Reason
    /// The reason in Chinese.
    public var message: String
    /// The reason in English.
    public var messageEn: String

    /// An exclusion of `supplier` for `reason`, worded for `shortfall`.
    init(_ supplier: BackupSupplier, reason: Reason, shortfall: Shortfall) {
        self.code = supplier.code
        self.rank = supplier.rank
        self.reason = reason
        switch reason {
        case .doesNotSupplySKU:
            message = "\(supplier.name)（\(supplier.code)）不供应 \(shortfall.sku)"
            messageEn = "\(supplier.code) does not supply \(shortfall.sku)"
        case .noCapacity:
            message = "\(supplier.name)（\(supplier.code)）的日产能为 \(supplier.capacityPerDay)"
            messageEn = "\(supplier.code) has a capacity of \(supplier.capacityPerDay) units per day"
        case .notNeeded:
            message = "排名更靠前的供应商已补足缺口"
            messageEn = "higher-ranked suppliers already cover the shortfall"
        case .arrivesTooLate(let readyAt):
            message =
                "\(supplier.name)（\(supplier.code)）交货期 \(supplier.leadTime) 后（\(readyAt)）"
                + "距需求时间 \(shortfall.neededBy) 不足一整天"
            messageEn =
                "after its \(supplier.leadTime) lead time (\(readyAt)) not one full day is left before "
                + "\(shortfall.neededBy)"
        }
    }

    enum CodingKeys: String, CodingKey {
        case code, rank, reason, message
        case messageEn = "message_en"
        case readyAt = "ready_at"
    }

    /// Snake-case keys; `ready_at` only for a supplier too late.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(rank, forKey: .rank)
        try container.encode(reason.code, forKey: .reason)
        try container.encode(message, forKey: .message)
        try container.encode(messageEn, forKey: .messageEn)
        if case .arrivesTooLate(let readyAt) = reason { try container.encodeInstant(readyAt, forKey: .readyAt) }
    }
}
