/// A temporary warehouse that does not fit, and every reason why.
public struct WarehouseRejection: Hashable, Sendable, Encodable {
    /// Why a warehouse does not fit.
    public enum Reason: Hashable, Sendable {
        /// It opens after the goods are needed.
        case opensTooLate(opensAt: Instant)
        /// It holds fewer units than needed.
        case tooSmall(capacity: Int64)

        /// The reason's code: `opens_too_late`, `too_small`.
        public var code: String {
            switch self {
            case .opensTooLate: "opens_too_late"
            case .tooSmall: "too_small"
            }
        }
    }

    /// The warehouse's code.
    public var code: LocationID
    /// Why it does not fit (one or both reasons).
    public var reasons: [Reason]
    /// The reasons in Chinese.
    public var message: String
    /// The reasons in English.
    public var messageEn: String

    /// A rejection of `warehouse` for `reasons`, worded for a need of `quantity` units by `neededBy`.
    init(_ warehouse: TemporaryWarehouse, reasons: [Reason], quantity: Int64, neededBy: Instant) {
        self.code = warehouse.code
        self.reasons = reasons
        var chinese: [String] = []
        var english: [String] = []
        for reason in reasons {
            switch reason {
            case .opensTooLate(let opensAt):
                chinese.append("\(opensAt) 才能启用，晚于需求时间 \(neededBy)")
                english.append("opens at \(opensAt), after \(neededBy)")
            case .tooSmall(let capacity):
                chinese.append("容量 \(capacity) 件，少于所需 \(quantity) 件")
                english.append("holds \(capacity) units, fewer than the \(quantity) needed")
            }
        }
        message = "\(warehouse.name)（\(warehouse.code)）" + chinese.joined(separator: "；")
        messageEn = "\(warehouse.code) " + english.joined(separator: " and ")
    }

    enum CodingKeys: String, CodingKey {
        case code, reasons, message
        case messageEn = "message_en"
    }

    /// Snake-case keys, the reasons as their codes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(reasons.map(\.code), forKey: .reasons)
        try container.encode(message, forKey: .message)
        try container.encode(messageEn, forKey: .messageEn)
    }
}
