/// The temporary warehouse to open for a need: the cheapest per day among those that open by the time the goods are
/// needed and hold the quantity; or none, with why each one does not fit.
///
/// A warehouse opens at the start plus its lead time; opening exactly at the needed-by instant is in time. Ties in
/// cost go to the one that opens first, then to the lower code.
public struct WarehouseChoice: Hashable, Sendable, Encodable {
    /// The warehouse chosen, if any fits.
    public var chosen: TemporaryWarehouse?
    /// When the chosen warehouse opens.
    public var opensAt: Instant?
    /// The warehouses that do not fit, in the order given, with why.
    public var rejections: [WarehouseRejection]
    /// The choice or why there is none, in Chinese.
    public var explanation: String
    /// The choice or why there is none, in English.
    public var explanationEn: String

    /// Chooses among `warehouses` for `quantity` units needed by `neededBy`, deciding at `start`.
    ///
    /// - Throws: ``DomainError/currencyMismatch(_:_:)`` when the warehouses that fit are priced in different
    ///   currencies (their costs cannot be compared).
    public init(quantity: Int64, neededBy: Instant, startingAt start: Instant, among warehouses: [TemporaryWarehouse])
        throws(DomainError)
    {
        var fitting: [(warehouse: TemporaryWarehouse, opensAt: Instant)] = []
        var rejections: [WarehouseRejection] = []
        for warehouse in warehouses {
            let opensAt = start.adding(warehouse.leadTime)
            var reasons: [WarehouseRejection.Reason] = []
            if opensAt > neededBy { reasons.append(.opensTooLate(opensAt: opensAt)) }
            if warehouse.capacity < quantity { reasons.append(.tooSmall(capacity: warehouse.capacity)) }
            if reasons.isEmpty {
                fitting.append((warehouse, opensAt))
            } else {
                rejections.append(
                    WarehouseRejection(warehouse, reasons: reasons, quantity: quantity, neededBy: neededBy))
            }
        }
        if let first = fitting.first,
            let other = fitting.first(where: {
                $0.warehouse.costPerDay.currency != first.warehouse.costPerDay.currency
            })
        {
            throw .currencyMismatch(first.warehouse.costPerDay.currency, other.warehouse.costPerDay.currency)
        }
        let best = fitting.min {
            ($0.warehouse.costPerDay.minorUnits, $0.opensAt, $0.warehouse.code)
                < ($1.warehouse.costPerDay.minorUnits, $1.opensAt, $1.warehouse.code)
        }
        self.chosen = best?.warehouse
        self.opensAt = best?.opensAt
        self.rejections = rejections
        if let best {
            let warehouse = best.warehouse
            explanation =
                "选择 \(warehouse.name)（\(warehouse.code)，\(warehouse.city)）：\(best.opensAt) 启用，容量 "
                + "\(warehouse.capacity) 件，每天 \(warehouse.costPerDay.displayText)，是 \(fitting.count) 个可用仓中最便宜的"
            explanationEn =
                "\(warehouse.code) (\(warehouse.name), \(warehouse.city)) opens at \(best.opensAt), holds "
                + "\(warehouse.capacity) units and costs \(warehouse.costPerDay.displayText) per day: the cheapest of "
                + "\(fitting.count) that fit"
        } else if warehouses.isEmpty {
            explanation = "预案没有临时仓"
            explanationEn = "the plan lists no temporary warehouses"
        } else {
            explanation = "没有合适的临时仓：" + rejections.map(\.message).joined(separator: "；")
            explanationEn = "no temporary warehouse fits: " + rejections.map(\.messageEn).joined(separator: "; ")
        }
    }

    enum CodingKeys: String, CodingKey {
        case chosen
        case opensAt = "opens_at"
        case rejections, explanation
        case explanationEn = "explanation_en"
    }

    /// Snake-case keys; `chosen` and `opens_at` null when none fits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chosen, forKey: .chosen)
        try container.encodeInstant(opensAt, forKey: .opensAt)
        try container.encode(rejections, forKey: .rejections)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(explanationEn, forKey: .explanationEn)
    }
}
