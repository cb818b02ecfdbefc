/// What is owed when an SLA is missed: a target (deliver within 48 hours, first response within 4 hours), a grace
/// period, and the parts of the compensation, with optional caps.
///
/// Terms are part of a contingency plan (`compensation:` in a plans file) or stand alone, such as the SLA in a
/// partner's contract (``ContingencyPlanFile/parseCompensation(_:)``). ``owed(from:until:orderValue:)`` does the
/// arithmetic, exactly: integer minor units (`Int64`, with 128-bit intermediates), every division rounded half-up to
/// the minor unit (the fen for CNY), never a `Double`.
///
/// All amounts are in ``currency`` and at least 0, and at least one part is given; the initializer checks this, so
/// every value of this type is consistent.
public struct CompensationTerms: Hashable, Sendable, Codable {
    /// The currency of every amount of the terms and of the order value they are applied to.
    public let currency: CurrencyCode
    /// The SLA: the work is due this long after its start.
    public let target: RuleDuration
    /// Lateness up to this long is tolerated: nothing is owed, and lateness is charged only beyond it.
    public let grace: RuleDuration
    /// A fixed amount owed once per breach.
    public let perBreach: Money?
    /// An amount per started hour or day of lateness beyond the grace period.
    public let lateRate: LatenessRate?
    /// Basis points (1/100 of a percent: 50 is 0.5 %) of the order value owed per started day of lateness beyond the
    /// grace period, 1…10,000.
    public let orderValueBasisPointsPerDay: Int?
    /// The most that is owed for one breach.
    public let maximumAmount: Money?
    /// The most that is owed for one breach, in basis points of the order value, 1…10,000.
    public let maximumOrderValueBasisPoints: Int?

    /// Terms; see the properties for the meaning of each value.
    ///
    /// - Throws: ``CompensationError/invalidTerms(_:)`` when the target is not more than zero, the grace period is
    ///   negative, an amount is negative or in another currency than `currency`, basis points are outside 1…10,000,
    ///   or no part is given.
    public init(
        currency: CurrencyCode = .cny, target: RuleDuration, grace: RuleDuration = RuleDuration(seconds: 0),
        perBreach: Money? = nil, lateRate: LatenessRate? = nil, orderValueBasisPointsPerDay: Int? = nil,
        maximumAmount: Money? = nil, maximumOrderValueBasisPoints: Int? = nil
    ) throws(CompensationError) {
        guard target.seconds > 0 else { throw .invalidTerms("the target must be more than 0, e.g. 48h") }
        guard grace.seconds >= 0 else { throw .invalidTerms("the grace period cannot be negative") }
        let amounts: [(String, Money?)] = [
            ("per_breach", perBreach), ("the late rate", lateRate?.amount), ("max_amount", maximumAmount),
        ]
        for case (let name, let amount?) in amounts {
            guard amount.currency == currency else {
                throw .invalidTerms("\(name) is in \(amount.currency), but the terms are in \(currency)")
            }
            guard amount.minorUnits >= 0 else { throw .invalidTerms("\(name) is negative") }
        }
        for case (let name, let points?) in [
            ("order_value_bp_per_day", orderValueBasisPointsPerDay),
            ("max_order_value_bp", maximumOrderValueBasisPoints),
        ] {
            guard Self.basisPoints.contains(points) else {
                throw .invalidTerms("\(name) is \(points); basis points are 1 to 10000 (50 = 0.5 %)")
            }
        }
        guard perBreach != nil || lateRate != nil || orderValueBasisPointsPerDay != nil else {
            throw .invalidTerms(
                "nothing is owed; give at least one of per_breach, per_started_hour, per_started_day, "
                    + "order_value_bp_per_day")
        }
        self.currency = currency
        self.target = target
        self.grace = grace
        self.perBreach = perBreach
        self.lateRate = lateRate
        self.orderValueBasisPointsPerDay = orderValueBasisPointsPerDay
        self.maximumAmount = maximumAmount
        self.maximumOrderValueBasisPoints = maximumOrderValueBasisPoints
    }

    /// The basis points the terms allow: 1 (0.01 %) to 10,000 (100 %).
    public static let basisPoints = 1...10_000

    /// Whether the terms need the order value: a share of it is owed, or it caps what is owed.
    public var needsOrderValue: Bool { orderValueBasisPointsPerDay != nil || maximumOrderValueBasisPoints != nil }

    enum CodingKeys: String, CodingKey {
        case currency, target, grace
        case perBreach = "per_breach"
        case perStartedHour = "per_started_hour"
        case perStartedDay = "per_started_day"
        case orderValueBasisPointsPerDay = "order_value_bp_per_day"
        case maximumAmount = "max_amount"
        case maximumOrderValueBasisPoints = "max_order_value_bp"
    }

    /// Decodes the file form (amounts as decimal text in `currency`, CNY when left out) and checks it like the
    /// initializer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decodeCurrencyIfPresent(forKey: .currency) ?? .cny
        let hourly = try container.decodeMoneyIfPresent(forKey: .perStartedHour, currency: currency)
        let daily = try container.decodeMoneyIfPresent(forKey: .perStartedDay, currency: currency)
        if hourly != nil, daily != nil {
            throw DecodingError.dataCorruptedError(
                forKey: .perStartedDay, in: container,
                debugDescription: "give per_started_hour or per_started_day, not both")
        }
        do {
            try self.init(
                currency: currency, target: container.decode(RuleDuration.self, forKey: .target),
                grace: container.decodeIfPresent(RuleDuration.self, forKey: .grace) ?? RuleDuration(seconds: 0),
                perBreach: container.decodeMoneyIfPresent(forKey: .perBreach, currency: currency),
                lateRate: hourly.map { LatenessRate(amount: $0, per: .hour) }
                    ?? daily.map { LatenessRate(amount: $0, per: .day) },
                orderValueBasisPointsPerDay: container.decodeIfPresent(Int.self, forKey: .orderValueBasisPointsPerDay),
                maximumAmount: container.decodeMoneyIfPresent(forKey: .maximumAmount, currency: currency),
                maximumOrderValueBasisPoints: container.decodeIfPresent(
                    Int.self, forKey: .maximumOrderValueBasisPoints))
        } catch let error as CompensationError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the file form; parts and caps only when given, `grace` only when not zero.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currency.code, forKey: .currency)
        try container.encode(target, forKey: .target)
        if grace.seconds != 0 { try container.encode(grace, forKey: .grace) }
        try container.encodeAmountIfPresent(perBreach, forKey: .perBreach)
        switch lateRate?.unit {
        case .hour?: try container.encodeAmountIfPresent(lateRate?.amount, forKey: .perStartedHour)
        case .day?: try container.encodeAmountIfPresent(lateRate?.amount, forKey: .perStartedDay)
        case nil: break
        }
        try container.encodeIfPresent(orderValueBasisPointsPerDay, forKey: .orderValueBasisPointsPerDay)
        try container.encodeAmountIfPresent(maximumAmount, forKey: .maximumAmount)
        try container.encodeIfPresent(maximumOrderValueBasisPoints, forKey: .maximumOrderValueBasisPoints)
    }
}
