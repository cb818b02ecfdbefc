public import ChannelCore
import Dispatch
import Synchronization

/// Evaluates alert rules on an engine snapshot at an instant: every subject for which a rule's condition holds.
///
/// Pure: the same rules, snapshot and instant give the same findings. Disabled rules are skipped. Cooldown and
/// deduplication are the alert lifecycle's business (they need the alerts raised before), not the evaluator's.
public struct RuleEvaluator: Sendable {
    /// Anomalous orders are watched over this many days up to the evaluation day: alerts are about what is new,
    /// not about the whole history.
    public static let anomalyDays = 7

    public init() {}

    /// The findings of `rules` at `instant`, judged against `baselines` (learnt now from the snapshot when nil).
    /// `orderCodes` gives the order numbers of store row ids (facts carry none), for the rules whose subjects are
    /// orders.
    public func evaluate(
        _ rules: [AlertRule], on snapshot: FactSnapshot, at instant: Instant, baselines: RiskBaselines? = nil,
        orderCodes: @escaping @Sendable ([Int64]) throws -> [Int64: String]
    ) throws -> [AlertFinding] {
        let context = Context(
            snapshot: snapshot, instant: instant, baselines: try baselines ?? RiskBaselines.learn(for: rules, from: snapshot),
            orderCodes: orderCodes)
        // The rules are independent reads of one snapshot: they run side by side, their findings kept in rule order.
        let enabled = rules.filter(\.isEnabled)
        let results = Mutex([Result<[AlertFinding], any Error>?](repeating: nil, count: enabled.count))
        DispatchQueue.concurrentPerform(iterations: enabled.count) { index in
            let result = Result { try findings(of: enabled[index], context) }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { $0 }.flatMap { try $0?.get() ?? [] }
    }

    /// The findings of one rule.
    private func findings(of rule: AlertRule, _ context: Context) throws -> [AlertFinding] {
        switch rule.condition {
        case .measure(let condition): try measure(rule, condition, context)
        case .stockBelowSafety(let condition): try stockBelowSafety(rule, condition, context)
        case .complaintResponseOverdue(let condition): complaintsOverdue(rule, condition, context)
        case .winWinDrop(let condition): try winWinDrop(rule, condition, context)
        case .onlinePriceBelowDealer(let condition): onlinePriceBelowDealer(rule, condition, context)
        case .suspendedPartnerOrder(let condition): try suspendedPartnerOrders(rule, condition, context)
        case .lateShipments(let condition): lateShipments(rule, condition, context)
        case .anomalousOrder(let condition): try anomalousOrders(rule, condition, context)
        }
    }

    /// What every rule reads, with the work rules share done once (anomaly flags).
    final class Context: Sendable {
        let snapshot: FactSnapshot
        let instant: Instant
        let baselines: RiskBaselines
        let orderCodes: @Sendable ([Int64]) throws -> [Int64: String]
        /// The anomaly flags of the watched days, found by the first anomaly rule that asks.
        let anomalies = Mutex<[(flag: AnomalyFlag, rowID: Int64)]?>(nil)
        /// The business day of the evaluation.
        var day: CalendarDay { snapshot.clock.day(of: instant) }

        init(
            snapshot: FactSnapshot, instant: Instant, baselines: RiskBaselines,
            orderCodes: @escaping @Sendable ([Int64]) throws -> [Int64: String]
        ) {
            self.snapshot = snapshot
            self.instant = instant
            self.baselines = baselines
            self.orderCodes = orderCodes
        }

        /// The `days` days up to and including the evaluation day.
        func window(days: Int) -> ClosedRange<CalendarDay> { day.adding(days: 1 - max(1, days))...day }
    }

    // MARK: Measures

    private func measure(_ rule: AlertRule, _ condition: MeasureCondition, _ context: Context) throws -> [AlertFinding] {
        guard let measure = Measure(rawValue: condition.measure.rawValue) else {
            throw AnalyticsError("rule \(rule.id): no measure `\(condition.measure)`")
        }
        let dimensions = try condition.groupBy.map { try CubeDimension(parsing: $0.rawValue) }
        var filters: [CubeDimension: [String]] = [:]
        for (dimension, codes) in condition.filters { filters[try CubeDimension(parsing: dimension.rawValue)] = codes }
        let volume: Measure? =
            switch measure.grain {
            case .line, .order: .orders
            case .complaint: .complaints
            case .feedback, .outlet, .stock, .partner: nil
            }
        let measures = [measure] + (condition.minVolume != nil ? volume.map { [$0] } ?? [] : [])
        let days = condition.window.seconds / 86_400
        let query = CubeQuery(
            measures: measures, dimensions: dimensions, filters: filters, period: context.window(days: days),
            comparison: condition.change == nil ? nil : .previousPeriod)
        let result = try Cube.run(query, on: context.snapshot)
        var findings: [AlertFinding] = []
        for row in result.rows {
            if let minimum = condition.minVolume, measures.count > 1, (row.values[1].number ?? 0) < Double(minimum) { continue }
            guard let current = row.values[0].number else { continue }
            var value = current
            if let change = condition.change {
                switch change.scale {
                case .relative:
                    guard let relative = row.change?[0] ?? nil else { continue }
                    value = relative
                case .absolute:
                    guard let before = row.previous?[0].number else { continue }
                    value = current - before
                }
            }
            guard condition.comparison.holds(value, against: condition.threshold) else { continue }
            var parts: [String] = []
            for (dimension, key) in zip(result.dimensions, row.keys) { parts.append("\(dimension.name)=\(key.code)") }
            let subject = parts.joined(separator: "&")
            let where_ = row.keys.map { $0.label }.joined(separator: " ")
            let what = condition.change == nil ? "" : (condition.change?.scale == .relative ? "变化率 " : "变化 ")
            let whatEnglish = condition.change == nil ? "" : (condition.change?.scale == .relative ? " relative change" : " change")
            findings.append(
                AlertFinding(
                    ruleID: rule.id, subject: subject.isEmpty ? "all" : subject, value: value, threshold: condition.threshold,
                    message: "\(where_.isEmpty ? "全部" : where_) \(measure.title.zh)\(what)为 \(Self.number(value))，"
                        + "\(condition.comparison.rawValue) \(Self.number(condition.threshold))（近 \(days) 天）",
                    messageEnglish: "\(where_.isEmpty ? "Overall" : where_): \(measure.title.en)\(whatEnglish) is \(Self.number(value)), "
                        + "\(condition.comparison.rawValue) \(Self.number(condition.threshold)) (last \(days) days)"))
        }
        return findings
    }

    /// Up to four significant decimals, no trailing zeros.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }
}
