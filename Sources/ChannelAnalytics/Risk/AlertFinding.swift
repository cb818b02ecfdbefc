public import ChannelCore
public import ChannelStore

/// A subject for which a rule's condition holds when evaluated: what an alert is raised for.
///
/// `subject` identifies the thing within the rule (`province=310000`, `order=SO000001049`,
/// `location=WH-310000&sku=SKU00042`), so that the same rule and subject make the same alert: the lifecycle
/// deduplicates and applies the cooldown by (rule, subject).
public struct AlertFinding: Sendable, Hashable {
    public var ruleID: AlertRuleID
    public var subject: String
    /// The value measured (a KPI, a count, a price ratio...); nil where the condition is a state.
    public var value: Double?
    /// The limit the value crossed.
    public var threshold: Double?
    /// What happened, for people: Chinese and English.
    public var message: String
    public var messageEnglish: String

    public init(ruleID: AlertRuleID, subject: String, value: Double?, threshold: Double?, message: String, messageEnglish: String) {
        self.ruleID = ruleID
        self.subject = subject
        self.value = value
        self.threshold = threshold
        self.message = message
        self.messageEnglish = messageEnglish
    }
}

extension RuleEvaluator {
    /// The findings of `rules` as the alert store takes them: each with its rule's severity, risk type and cooldown.
    public func signals(_ findings: [AlertFinding], rules: [AlertRule]) -> [AlertSignal] {
        let byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return findings.compactMap { finding in
            byID[finding.ruleID].map { rule in
                AlertSignal(
                    ruleID: rule.id.rawValue, subject: finding.subject, severity: rule.severity, riskType: rule.riskType,
                    cooldown: rule.cooldown, message: finding.message, messageEnglish: finding.messageEnglish, value: finding.value,
                    threshold: finding.threshold)
            }
        }
    }
}

extension RuleEvaluator {
    /// Evaluates `rules` on `snapshot` at `at` and records the findings as alerts in `store`: the one way the CLI, the
    /// API and the server's alert service raise alerts. Returns how many findings there were and what was recorded.
    /// `baselines` as in ``evaluate(_:on:at:baselines:orderCodes:)``.
    public func raiseAlerts(
        _ rules: [AlertRule], on snapshot: FactSnapshot, at: Instant, baselines: RiskBaselines? = nil,
        store: any AlertStore & RecordStore
    ) throws -> (findings: Int, recording: AlertRecording) {
        let findings = try evaluate(rules, on: snapshot, at: at, baselines: baselines) { try store.orderIDs(rowIDs: $0) }
        return (findings.count, try store.record(signals(findings, rules: rules), at: at))
    }
}
