extension CompensationTerms {
    /// What is owed for work that started at `start` and was done (or is still open) at `end`.
    ///
    /// The arithmetic, in integer minor units of ``currency`` (fen for CNY):
    /// - lateness = `end` − (`start` + ``target``). Nothing is owed (nil) unless lateness is more than ``grace``;
    ///   chargeable lateness = lateness − ``grace``.
    /// - ``perBreach``: owed once.
    /// - ``lateRate``: started units × amount, where started units = chargeable lateness ÷ unit, rounded up (a part of
    ///   an hour or day counts in full).
    /// - ``orderValueBasisPointsPerDay``: order value × basis points × started days ÷ 10,000, computed exactly and
    ///   rounded once, half-up, to the minor unit (0.5 fen becomes 1 fen).
    /// - Caps: the total of the parts is cut to the lower of ``maximumAmount`` and order value ×
    ///   ``maximumOrderValueBasisPoints`` ÷ 10,000 (rounded half-up to the minor unit); the cut is a part of its own
    ///   with a negative amount. The total is never below zero.
    ///
    /// - Parameters:
    ///   - start: When the SLA's clock started (order placed, complaint received, ...).
    ///   - end: When the work was done, or the current instant while it is still open (the amount then grows).
    ///   - orderValue: The affected order's value, in ``currency``; needed when ``needsOrderValue``.
    /// - Returns: The compensation, or nil when the work is on time or late within the grace period.
    /// - Throws: ``CompensationError`` when the order value is in another currency, negative, or missing though
    ///   needed, or an amount does not fit 64-bit minor units.
    public func owed(from start: Instant, until end: Instant, orderValue: Money? = nil) throws(CompensationError)
        -> Compensation?
    {
        if let orderValue {
            guard orderValue.currency == currency else {
                throw .currencyMismatch(terms: currency, given: orderValue.currency)
            }
            guard orderValue.minorUnits >= 0 else { throw .negativeOrderValue(orderValue) }
        } else if needsOrderValue {
            throw .orderValueRequired
        }
        let dueAt = start.adding(target)
        let lateness = end.milliseconds(since: dueAt)
        let graceMilliseconds = grace.milliseconds
        guard lateness > graceMilliseconds else { return nil }
        let chargeable = lateness - graceMilliseconds
        let words = LatenessWords(lateness: lateness, grace: graceMilliseconds, terms: self)

        var parts: [CompensationPart] = []
        var sum: Int128 = 0
        if let perBreach {
            sum += Int128(perBreach.minorUnits)
            parts.append(
                CompensationPart(
                    kind: .perBreach, amount: perBreach,
                    explanation: "超出 SLA（\(words.targetChinese)），每次违约固定赔付 \(perBreach.displayText)",
                    explanationEn:
                        "Fixed amount per breach of the SLA (\(words.targetEnglish)): \(perBreach.displayText)"
                ))
        }
        if let lateRate {
            let units = Self.startedUnits(chargeable, of: lateRate.unit.milliseconds)
            let amount = try money(Int128(units) * Int128(lateRate.amount.minorUnits))
            sum += Int128(amount.minorUnits)
            let unit = lateRate.unit
            let counted = words.countedChinese(units, unit)
            parts.append(
                CompensationPart(
                    kind: .lateRate, amount: amount,
                    // A full-width closing bracket needs no space before `×`.
                    explanation: "迟到 \(words.latenessChinese(unit))\(counted)\(counted.isEmpty ? " " : "")× "
                        + "\(lateRate.amount.displayText)/\(unit.chineseName) = \(amount.displayText)",
                    explanationEn: "\(words.latenessEnglish(unit)) late\(words.countedEnglish(units, unit)) × "
                        + "\(lateRate.amount.displayText)/\(unit.englishSymbol) = \(amount.displayText)"))
        }
        if let points = orderValueBasisPointsPerDay, let orderValue {
            let days = Self.startedUnits(chargeable, of: LatenessUnit.day.milliseconds)
            let exact = Int128(orderValue.minorUnits) * Int128(points) * Int128(days)
            let amount = try money(Self.roundedHalfUp(exact, dividedBy: 10_000))
            sum += Int128(amount.minorUnits)
            let rounding = exact % 10_000 == 0 ? ("", "") : amount.roundingNote
            parts.append(
                CompensationPart(
                    kind: .orderValue, amount: amount,
                    explanation: "订单金额 \(orderValue.displayText) × \(Self.percentText(points))/天 × \(days) 天"
                        + "\(words.afterGraceChinese)\(words.afterGraceChinese.isEmpty ? " " : "")= \(amount.displayText)"
                        + (rounding.0.isEmpty ? "" : "（\(rounding.0)）"),
                    explanationEn: "Order value \(orderValue.displayText) × \(Self.percentText(points)) per day × "
                        + "\(days) started day\(days == 1 ? "" : "s")\(words.afterGraceEnglish) = \(amount.displayText)"
                        + (rounding.1.isEmpty ? "" : " (\(rounding.1))")))
        }

        var total = sum
        if let cap = try cap(orderValue: orderValue), sum > Int128(cap.amount.minorUnits) {
            let cut = try money(Int128(cap.amount.minorUnits) - sum)
            total = Int128(cap.amount.minorUnits)
            parts.append(
                CompensationPart(
                    kind: .cap, amount: cut,
                    explanation: "按上限 \(cap.amount.displayText) 封顶（\(cap.chinese)），核减 "
                        + Money(minorUnits: -cut.minorUnits, currency: currency).displayText,
                    explanationEn: "Capped at \(cap.amount.displayText) (\(cap.english)): \(cut.displayText)"))
        }
        return Compensation(
            dueAt: dueAt, measuredUntil: end, latenessMilliseconds: lateness, chargeableMilliseconds: chargeable,
            total: try money(max(0, total)), parts: parts)
    }

    /// The lower of the caps that apply, with how each was worked out; nil when the terms have none.
    private func cap(orderValue: Money?) throws(CompensationError) -> (
        amount: Money, chinese: String, english: String
    )? {
        var limits: [(amount: Money, chinese: String, english: String)] = []
        if let maximumAmount {
            limits.append(
                (maximumAmount, "赔付上限 \(maximumAmount.displayText)", "the maximum \(maximumAmount.displayText)"))
        }
        if let points = maximumOrderValueBasisPoints, let orderValue {
            let amount = try money(
                Self.roundedHalfUp(Int128(orderValue.minorUnits) * Int128(points), dividedBy: 10_000))
            let percent = Self.percentText(points)
            limits.append(
                (
                    amount, "订单金额 \(orderValue.displayText) 的 \(percent) = \(amount.displayText)",
                    "\(percent) of the order value \(orderValue.displayText) = \(amount.displayText)"
                ))
        }
        guard let lowest = limits.min(by: { $0.amount.minorUnits < $1.amount.minorUnits }) else { return nil }
        return (
            lowest.amount, limits.map(\.chinese).joined(separator: "；") + (limits.count > 1 ? "，取较低者" : ""),
            limits.map(\.english).joined(separator: "; ") + (limits.count > 1 ? "; the lower applies" : "")
        )
    }

    /// `minorUnits` as money in the terms' currency, when it fits 64 bits.
    private func money(_ minorUnits: Int128) throws(CompensationError) -> Money {
        guard let units = Int64(exactly: minorUnits) else { throw .overflow }
        return Money(minorUnits: units, currency: currency)
    }

    /// The number of started units in `milliseconds` (more than 0): the quotient rounded up.
    static func startedUnits(_ milliseconds: Int64, of unit: Int64) -> Int64 {
        milliseconds / unit + (milliseconds % unit == 0 ? 0 : 1)
    }

    /// `numerator` ÷ `denominator` rounded half-up (half away from zero, as the numerator is never negative here):
    /// 12.5 → 13, 12.4999 → 12.
    static func roundedHalfUp(_ numerator: Int128, dividedBy denominator: Int128) -> Int128 {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        guard remainder != 0 else { return quotient }
        let isHalfOrMore = remainder.magnitude * 2 >= denominator.magnitude
        return isHalfOrMore ? quotient + (numerator < 0 ? -1 : 1) : quotient
    }

    /// Basis points as a percentage with two decimals: 50 → `0.50%`.
    static func percentText(_ basisPoints: Int) -> String {
        ExactDecimal(units: Int64(basisPoints), scale: 2).description + "%"
    }
}

/// The words for the lateness of one breach, shared by the parts' explanations.
private struct LatenessWords {
    let lateness: Int64
    let grace: Int64
    let terms: CompensationTerms

    /// The lateness with `unit` as the largest unit: `27 小时` for an hourly rate, `1 天 3 小时` for a daily one.
    func latenessChinese(_ unit: LatenessUnit) -> String { DurationText.chinese(milliseconds: lateness, largest: unit) }
    /// The lateness in English with `unit` as the largest unit.
    func latenessEnglish(_ unit: LatenessUnit) -> String { DurationText.english(milliseconds: lateness, largest: unit) }

    /// `目标 48 小时，宽限 2 小时`.
    var targetChinese: String {
        "目标 \(DurationText.chinese(milliseconds: terms.target.milliseconds))"
            + (grace > 0 ? "，宽限 \(DurationText.chinese(milliseconds: grace))" : "")
    }

    /// `target 48 h, grace 2 h`.
    var targetEnglish: String {
        "target \(DurationText.english(milliseconds: terms.target.milliseconds))"
            + (grace > 0 ? ", grace \(DurationText.english(milliseconds: grace))" : "")
    }

    /// `（宽限 2 小时后计 25 小时）`, `（不足一小时按一小时，计 26 小时）`, or nothing when the lateness is exactly the
    /// units counted.
    func countedChinese(_ units: Int64, _ unit: LatenessUnit) -> String {
        if grace > 0 { return "（宽限 \(DurationText.chinese(milliseconds: grace))后计 \(units) \(unit.chineseName)）" }
        if lateness % unit.milliseconds == 0 { return "" }
        let one = unit == .hour ? "一小时" : "一天"
        return "（不足\(one)按\(one)，计 \(units) \(unit.chineseName)）"
    }

    /// ` (25 h counted after 2 h grace)`, ` (started hours count in full: 26 h)`, or nothing.
    func countedEnglish(_ units: Int64, _ unit: LatenessUnit) -> String {
        let counted = "\(units) \(unit.englishSymbol)"
        if grace > 0 { return " (\(counted) counted after \(DurationText.english(milliseconds: grace)) grace)" }
        if lateness % unit.milliseconds == 0 { return "" }
        return " (started \(unit == .hour ? "hours" : "days") count in full: \(counted))"
    }

    /// `（宽限后起算）` when there is a grace period.
    var afterGraceChinese: String { grace > 0 ? "（宽限 \(DurationText.chinese(milliseconds: grace))后起算）" : "" }

    /// ` after 2 h grace` when there is a grace period.
    var afterGraceEnglish: String { grace > 0 ? " after \(DurationText.english(milliseconds: grace)) grace" : "" }
}
